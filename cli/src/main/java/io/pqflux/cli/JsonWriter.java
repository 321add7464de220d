package io.pqflux.cli;

/**
 * A streaming JSON writer into a {@link StringBuilder}. It places the commas and colons; callers only
 * emit values in order. Strings are escaped so that the output is valid JSON and plain ASCII control
 * characters never reach the terminal raw.
 */
final class JsonWriter implements ValueSink {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out;
    /** Per open object or array: whether it already holds a member, i.e. the next one needs a comma. */
    private boolean[] hasMember = new boolean[8];
    private int depth;
    private boolean afterKey;

    JsonWriter(StringBuilder out) {
        this.out = out;
    }

    @Override
    public void nullValue() {
        beforeValue();
        out.append("null");
    }

    @Override
    public void bool(boolean value) {
        beforeValue();
        out.append(value);
    }

    @Override
    public void number(String literal) {
        beforeValue();
        out.append(literal);
    }

    @Override
    public void string(String value) {
        beforeValue();
        appendQuoted(out, value);
    }

    @Override
    public void beginObject() {
        open('{');
    }

    @Override
    public void key(String name) {
        if (hasMember[depth]) out.append(',');
        hasMember[depth] = true;
        appendQuoted(out, name);
        out.append(':');
        afterKey = true;
    }

    @Override
    public void endObject() {
        close('}');
    }

    @Override
    public void beginArray() {
        open('[');
    }

    @Override
    public void endArray() {
        close(']');
    }

    /** Shorthand for a member whose value is a string, or null when {@code value} is null. */
    JsonWriter member(String name, String value) {
        key(name);
        if (value == null) nullValue();
        else string(value);
        return this;
    }

    /** Shorthand for a member whose value is an integer. */
    JsonWriter member(String name, long value) {
        key(name);
        number(Long.toString(value));
        return this;
    }

    private void open(char bracket) {
        beforeValue();
        out.append(bracket);
        if (++depth == hasMember.length) hasMember = java.util.Arrays.copyOf(hasMember, depth * 2);
        hasMember[depth] = false;
    }

    private void close(char bracket) {
        out.append(bracket);
        depth--;
    }

    /** Inside an array a value is a member of its own; after a key the comma was already written. */
    private void beforeValue() {
        if (afterKey) {
            afterKey = false;
            return;
        }
        if (depth > 0) {
            if (hasMember[depth]) out.append(',');
            hasMember[depth] = true;
        }
    }

    /**
     * Escapes quote, backslash and every control character below U+0020 (the common ones in their short
     * form), and unpaired surrogates as {@code \}uXXXX: written raw they would not survive UTF-8 encoding.
     * Everything else, including characters outside the BMP, is written as is.
     */
    static void appendQuoted(StringBuilder out, String s) {
        out.append('"');
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        appendUnicodeEscape(out, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        appendUnicodeEscape(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void appendUnicodeEscape(StringBuilder out, char c) {
        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
    }
}
