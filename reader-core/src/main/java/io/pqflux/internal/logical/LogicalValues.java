package io.pqflux.internal.logical;

import io.pqflux.logical.Interval;

import io.pqflux.internal.codec.encoding.LittleEndian;
import io.pqflux.format.meta.LogicalType;
import io.pqflux.format.meta.TimeUnit;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Conversions from physical Parquet values to the Java values of their logical types. */
public final class LogicalValues {

    /** Julian day number of 1970-01-01, the epoch of INT96 timestamps' day part. */
    public static final long JULIAN_EPOCH_DAY = 2_440_588L;
    /** Nanoseconds in a day, the range of INT96 timestamps' time-of-day part. */
    public static final long NANOS_PER_DAY = 86_400_000_000_000L;

    private static final ValueLayout.OfLong LONG_BE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private LogicalValues() {
    }

    /** DECIMAL stored as a big-endian two's-complement unscaled value (BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY). */
    public static BigDecimal decimal(byte[] unscaledBigEndian, int scale) {
        BigInteger unscaled = unscaledBigEndian.length == 0 ? BigInteger.ZERO : new BigInteger(unscaledBigEndian);
        return new BigDecimal(unscaled, scale);
    }

    public static BigDecimal decimal(long unscaled, int scale) {
        return BigDecimal.valueOf(unscaled, scale);
    }

    public static LocalDate date(int daysSinceEpoch) {
        return LocalDate.ofEpochDay(daysSinceEpoch);
    }

    /**
     * A TIME value: a {@link LocalTime} when it is a time of day (0 inclusive to 24 hours exclusive), else — a
     * negative value, or a day or more, which some writers store (times with a time zone shifted to UTC) — the
     * signed {@link Duration} since midnight it says, exactly, so one odd value does not make a file unreadable
     * and keeps its sign. Every int64 of every unit fits a Duration.
     */
    public static Object time(long value, TimeUnit unit) {
        if (value >= 0 && value < NANOS_PER_DAY / nanosPer(unit)) return LocalTime.ofNanoOfDay(value * nanosPer(unit));
        return switch (unit) {
            case MILLIS -> Duration.ofMillis(value);
            case MICROS -> Duration.of(value, ChronoUnit.MICROS);
            case NANOS -> Duration.ofNanos(value);
        };
    }

    /** Seconds and nanos since the epoch of a TIMESTAMP value; works across the full int64 range of every unit. */
    public static Instant instant(long value, TimeUnit unit) {
        long perSecond = 1_000_000_000L / nanosPer(unit);
        long seconds = Math.floorDiv(value, perSecond);
        long fraction = Math.floorMod(value, perSecond);
        return Instant.ofEpochSecond(seconds, fraction * nanosPer(unit));
    }

    /** The wall-clock reading of a timestamp that is not adjusted to UTC. */
    public static LocalDateTime localDateTime(long value, TimeUnit unit) {
        return LocalDateTime.ofInstant(instant(value, unit), ZoneOffset.UTC);
    }

    /**
     * INT96: 8 bytes little-endian nanoseconds of the day, then 4 bytes little-endian Julian day, both
     * signed as parquet-java reads them, combined exactly (no int64 nanosecond overflow, so dates far
     * outside 1677..2262 survive).
     */
    public static Instant int96(MemorySegment twelveBytes) {
        long nanosOfDay = twelveBytes.get(LittleEndian.LONG, 0);
        long julianDay = twelveBytes.get(LittleEndian.INT, 8);
        long epochDay = julianDay - JULIAN_EPOCH_DAY;
        return Instant.ofEpochSecond(Math.multiplyExact(epochDay, 86_400L), 0).plusNanos(nanosOfDay);
    }

    public static UUID uuid(MemorySegment sixteenBytes) {
        return new UUID(sixteenBytes.get(LONG_BE, 0), sixteenBytes.get(LONG_BE, 8));
    }

    /** FLOAT16: IEEE 754 half precision, little-endian. */
    public static float float16(MemorySegment twoBytes) {
        return Float.float16ToFloat(twoBytes.get(LittleEndian.SHORT, 0));
    }

    /** INTERVAL: three little-endian unsigned int32s: months, days, milliseconds. */
    public static Interval interval(MemorySegment twelveBytes) {
        return new Interval(Integer.toUnsignedLong(twelveBytes.get(LittleEndian.INT, 0)),
                Integer.toUnsignedLong(twelveBytes.get(LittleEndian.INT, 4)),
                Integer.toUnsignedLong(twelveBytes.get(LittleEndian.INT, 8)));
    }

    /** The Java value of an INT32 under its logical type (the physical int when there is none). */
    public static Object fromInt32(int v, LogicalType logical) {
        return switch (logical) {
            case LogicalType.DateType d -> date(v);
            case LogicalType.DecimalType d -> decimal(v, d.scale());
            case LogicalType.TimeType t -> time(v, t.unit());
            case LogicalType.IntType i when !i.isSigned() -> Integer.toUnsignedLong(v);
            case null, default -> v;
        };
    }

    /** The Java value of an INT64 under its logical type (the physical long when there is none). */
    public static Object fromInt64(long v, LogicalType logical) {
        return switch (logical) {
            case LogicalType.DecimalType d -> decimal(v, d.scale());
            case LogicalType.TimestampType t when t.isAdjustedToUtc() -> instant(v, t.unit());
            case LogicalType.TimestampType t -> localDateTime(v, t.unit());
            case LogicalType.TimeType t -> time(v, t.unit());
            case LogicalType.IntType i when !i.isSigned() -> new BigInteger(Long.toUnsignedString(v));
            case null, default -> v;
        };
    }

    public static long nanosPer(TimeUnit unit) {
        return switch (unit) {
            case MILLIS -> 1_000_000L;
            case MICROS -> 1_000L;
            case NANOS -> 1L;
        };
    }
}
