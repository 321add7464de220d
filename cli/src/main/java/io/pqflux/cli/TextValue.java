package io.pqflux.cli;

/**
 * One value as plain text, for CSV fields and human-readable output: strings unquoted, numbers and
 * booleans as their literals, null as nothing, and structured values (intervals, nested values)
 * as compact JSON. Reusable: {@link #reset()} between values.
 */
final class TextValue implements ValueSink {

    private final StringBuilder text = new StringBuilder();
    private final JsonWriter structured = new JsonWriter(text);
    private int depth;
    private boolean isNull;

    void reset() {
        text.setLength(0);
        depth = 0;
        isNull = false;
    }

    String text() {
        return text.toString();
    }

    boolean isNull() {
        return isNull;
    }

    @Override
    public void nullValue() {
        if (depth > 0) structured.nullValue();
        else isNull = true;
    }

    @Override
    public void bool(boolean value) {
        if (depth > 0) structured.bool(value);
        else text.append(value);
    }

    @Override
    public void number(String literal) {
        if (depth > 0) structured.number(literal);
        else text.append(literal);
    }

    @Override
    public void string(String value) {
        if (depth > 0) structured.string(value);
        else text.append(value);
    }

    @Override
    public void beginObject() {
        depth++;
        structured.beginObject();
    }

    @Override
    public void key(String name) {
        structured.key(name);
    }

    @Override
    public void endObject() {
        structured.endObject();
        depth--;
    }

    @Override
    public void beginArray() {
        depth++;
        structured.beginArray();
    }

    @Override
    public void endArray() {
        structured.endArray();
        depth--;
    }
}
