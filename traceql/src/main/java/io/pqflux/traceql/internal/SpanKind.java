package io.pqflux.traceql.internal;

/** A span kind literal: {@code unspecified}, {@code internal}, {@code server}, {@code client}, and so on. */
public enum SpanKind {
    UNSPECIFIED("unspecified"), INTERNAL("internal"), SERVER("server"), CLIENT("client"), PRODUCER("producer"),
    CONSUMER("consumer");

    private final String keyword;

    SpanKind(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}
