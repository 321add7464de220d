package io.pqflux.format.meta;

/** Unit of TIME and TIMESTAMP logical types. */
public enum TimeUnit {
    MILLIS, MICROS, NANOS
}
