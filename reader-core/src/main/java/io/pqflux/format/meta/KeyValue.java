package io.pqflux.format.meta;

/** A key/value metadata entry; {@code value} may be null. */
public record KeyValue(String key, String value) {
}
