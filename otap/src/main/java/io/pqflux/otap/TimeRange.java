package io.pqflux.otap;

import java.math.BigInteger;
import java.time.Instant;

/**
 * The records a replay keeps, by their time: from {@code startNanos} (inclusive) to {@code endNanos} (exclusive), in
 * nanoseconds since the epoch compared as OTLP's unsigned {@code fixed64}s; a null bound is open. A record's time is a
 * log record's {@code time_unix_nano} (its {@code observed_time_unix_nano} when that is 0), a span's {@code
 * start_time_unix_nano}, a metric data point's {@code time_unix_nano}.
 *
 * @param startNanos the first time kept (unsigned), or null for no lower bound
 * @param endNanos   the first time no longer kept (unsigned), or null for no upper bound
 */
public record TimeRange(Long startNanos, Long endNanos) {

    /** Every record. */
    public static final TimeRange ALL = new TimeRange(null, null);

    private static final BigInteger UNSIGNED_LIMIT = BigInteger.ONE.shiftLeft(64);

    public TimeRange {
        if (startNanos != null && endNanos != null && Long.compareUnsigned(endNanos, startNanos) < 0) {
            throw new IllegalArgumentException("the time range ends (" + Long.toUnsignedString(endNanos)
                    + " ns) before it starts (" + Long.toUnsignedString(startNanos) + " ns)");
        }
    }

    /**
     * The range from {@code start} (inclusive) to {@code end} (exclusive); null leaves a bound open.
     *
     * @throws IllegalArgumentException when {@code end} is before {@code start}, or a bound is not a time OTLP can
     *                                  hold (1970-01-01 to 2554-07-21, unsigned 64-bit nanoseconds)
     */
    public static TimeRange of(Instant start, Instant end) {
        if (start != null && end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("the time range ends (" + end + ") before it starts (" + start + ")");
        }
        return new TimeRange(start == null ? null : nanos(start, "start"), end == null ? null : nanos(end, "end"));
    }

    private static long nanos(Instant instant, String bound) {
        BigInteger nanos = BigInteger.valueOf(instant.getEpochSecond()).multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(instant.getNano()));
        if (nanos.signum() < 0 || nanos.compareTo(UNSIGNED_LIMIT) >= 0) {
            throw new IllegalArgumentException("the time range's " + bound + " " + instant + " is not a time OTLP can "
                    + "hold (unsigned nanoseconds since 1970-01-01T00:00:00Z)");
        }
        return nanos.longValue();
    }

    /** Whether every record is kept. */
    public boolean isAll() {
        return startNanos == null && endNanos == null;
    }

    /** Whether a record at {@code nanos} (unsigned) is kept. */
    public boolean contains(long nanos) {
        return (startNanos == null || Long.compareUnsigned(nanos, startNanos) >= 0)
                && (endNanos == null || Long.compareUnsigned(nanos, endNanos) < 0);
    }
}
