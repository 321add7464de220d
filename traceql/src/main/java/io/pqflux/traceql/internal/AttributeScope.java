package io.pqflux.traceql.internal;

/** The scope prefix of an attribute: {@link #NONE} is the unscoped {@code .name} (span first, then resource). */
public enum AttributeScope {
    NONE(""), SPAN("span"), RESOURCE("resource"), EVENT("event"), LINK("link"), INSTRUMENTATION("instrumentation");

    private final String prefix;

    AttributeScope(String prefix) {
        this.prefix = prefix;
    }

    /** The word before the dot, empty for {@link #NONE}. */
    public String prefix() {
        return prefix;
    }
}
