package io.pqflux.cli;

/**
 * Receives rendered values as JSON-shaped events. Each output format decides how a number, a string or
 * an object looks; the rendering rules ({@link ValueWriter}) are written once against this interface.
 * Objects and arrays may nest.
 */
interface ValueSink {

    void nullValue();

    void bool(boolean value);

    /** A number already in valid JSON number syntax. */
    void number(String literal);

    void string(String value);

    void beginObject();

    /** The name of the next member of the current object. */
    void key(String name);

    void endObject();

    void beginArray();

    void endArray();
}
