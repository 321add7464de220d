package io.pqflux.logical;

/** The INTERVAL logical type: unsigned months, days and milliseconds, independent of time zones. */
public record Interval(long months, long days, long millis) {
}
