package io.pqflux.internal.filter;

import io.pqflux.format.meta.ConvertedType;
import io.pqflux.format.meta.LogicalType;
import io.pqflux.format.meta.TimeUnit;
import io.pqflux.logical.Interval;
import io.pqflux.internal.logical.LogicalValues;
import io.pqflux.schema.ColumnDescriptor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

/**
 * Turns a Java literal into the column's physical value, PLAIN-encoded, so that it compares with statistics,
 * dictionaries and decoded values in one representation, and hashes as bloom filters expect. A literal must
 * represent a value of the column exactly; anything else is an {@link IllegalArgumentException} that says
 * what the column takes:
 *
 * <ul>
 *   <li>BOOLEAN: Boolean</li>
 *   <li>INT32/INT64 integers (signed or unsigned, any width): Integer, Long, Short, Byte, BigInteger within the
 *       physical range (unsigned: 0 to 2^32-1 / 2^64-1)</li>
 *   <li>DECIMAL (any physical type): BigDecimal or an integer, with at most {@code scale} fraction digits</li>
 *   <li>DATE: LocalDate; TIME: LocalTime, or a Duration since midnight (the row API's form of values outside a
 *       day, negative or a day or more); TIMESTAMP: Instant when adjusted to UTC, LocalDateTime when not,
 *       without digits finer than the unit; INT96: Instant</li>
 *   <li>FLOAT, DOUBLE, FLOAT16: Float, Double or an integer that the type represents exactly</li>
 *   <li>BYTE_ARRAY: String (UTF-8) or byte[]; FIXED_LEN_BYTE_ARRAY: byte[] or String of the exact length, UUID
 *       for UUID columns, {@link Interval} for INTERVAL columns</li>
 * </ul>
 */
public final class Literals {

    private static final BigInteger UNSIGNED_64_LIMIT = BigInteger.ONE.shiftLeft(64);

    private Literals() {
    }

    /** The literal as one PLAIN value of {@code column} (byte arrays without length prefix). */
    public static byte[] toPlain(Object value, ColumnDescriptor column) {
        LogicalType logical = column.logicalType();
        return switch (column.physicalType()) {
            case BOOLEAN -> new byte[] {(byte) (as(Boolean.class, value, column) ? 1 : 0)};
            case INT32 -> le(4).putInt(int32(value, column, logical)).array();
            case INT64 -> le(8).putLong(int64(value, column, logical)).array();
            case INT96 -> int96(as(Instant.class, value, column), column);
            case FLOAT -> le(4).putFloat(float32(value, column)).array();
            case DOUBLE -> le(8).putDouble(float64(value, column)).array();
            case BYTE_ARRAY -> logical instanceof LogicalType.DecimalType d
                    ? unscaled(value, column, d.scale()).toByteArray()
                    : bytes(value, column);
            case FIXED_LEN_BYTE_ARRAY -> fixed(value, column, logical);
        };
    }

    private static int int32(Object value, ColumnDescriptor column, LogicalType logical) {
        return switch (logical) {
            case LogicalType.DateType d -> toInt(as(LocalDate.class, value, column).toEpochDay(), value, column);
            case LogicalType.DecimalType d -> toInt(unscaled(value, column, d.scale()), value, column);
            case LogicalType.TimeType t -> toInt(time(value, t.unit(), column), value, column);
            case LogicalType.IntType i when !i.isSigned() -> (int) inRange(integer(value, column), 0,
                    BigInteger.ONE.shiftLeft(32), value, column).longValue();
            case null, default -> toInt(integer(value, column), value, column);
        };
    }

    private static long int64(Object value, ColumnDescriptor column, LogicalType logical) {
        return switch (logical) {
            case LogicalType.DecimalType d -> toLong(unscaled(value, column, d.scale()), value, column);
            case LogicalType.TimestampType t when t.isAdjustedToUtc() -> epochUnits(as(Instant.class, value, column),
                    t.unit(), value, column);
            case LogicalType.TimestampType t -> epochUnits(as(LocalDateTime.class, value, column).toInstant(ZoneOffset.UTC),
                    t.unit(), value, column);
            case LogicalType.TimeType t -> time(value, t.unit(), column);
            case LogicalType.IntType i when !i.isSigned() -> inRange(integer(value, column), 0, UNSIGNED_64_LIMIT,
                    value, column).longValue();
            case null, default -> toLong(integer(value, column), value, column);
        };
    }

    /** Day and nanosecond of the day, as INT96 timestamps store them (nanoseconds first, little-endian). */
    private static byte[] int96(Instant instant, ColumnDescriptor column) {
        long epochDay = Math.floorDiv(instant.getEpochSecond(), 86_400L);
        long nanos = Math.floorMod(instant.getEpochSecond(), 86_400L) * 1_000_000_000L + instant.getNano();
        long julianDay = epochDay + LogicalValues.JULIAN_EPOCH_DAY;
        if (julianDay != (int) julianDay || nanos >= LogicalValues.NANOS_PER_DAY) throw outOfRange(instant, column);
        return le(12).putLong(nanos).putInt((int) julianDay).array();
    }

    private static float float32(Object value, ColumnDescriptor column) {
        return switch (value) {
            case Float f -> f;
            case Double d when d.isNaN() || (double) d.floatValue() == d -> d.floatValue();
            case Integer i when exactly((float) i, i) -> i.floatValue();
            case Long l when exactly((float) l, l) -> (float) l;
            case Double d -> throw inexact(value, column);
            case Integer i -> throw inexact(value, column);
            case Long l -> throw inexact(value, column);
            default -> throw wrongType(value, column, "a Float (or a Double or integer it represents exactly)");
        };
    }

    private static double float64(Object value, ColumnDescriptor column) {
        return switch (value) {
            case Double d -> d;
            case Float f -> f;
            case Integer i -> i;
            case Long l when exactly((double) l, l) -> (double) l;
            case Long l -> throw inexact(value, column);
            default -> throw wrongType(value, column, "a Double (or a Float or integer it represents exactly)");
        };
    }

    private static boolean exactly(double converted, long integer) {
        return new BigDecimal(converted).compareTo(BigDecimal.valueOf(integer)) == 0;
    }

    private static byte[] bytes(Object value, ColumnDescriptor column) {
        return switch (value) {
            case String s -> s.getBytes(StandardCharsets.UTF_8);
            case byte[] b -> b.clone();
            default -> throw wrongType(value, column, "a String or byte[]");
        };
    }

    private static byte[] fixed(Object value, ColumnDescriptor column, LogicalType logical) {
        int length = column.typeLength();
        byte[] bytes = switch (logical) {
            case LogicalType.DecimalType d -> signExtended(unscaled(value, column, d.scale()), length, value, column);
            case LogicalType.UuidType u when value instanceof UUID id ->
                    ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
            case LogicalType.Float16Type f when length == 2 -> le(2).putShort(float16(value, column)).array();
            case null, default -> column.convertedType() == ConvertedType.INTERVAL && value instanceof Interval i
                    ? le(12).putInt(unsigned32(i.months(), value, column)).putInt(unsigned32(i.days(), value, column))
                            .putInt(unsigned32(i.millis(), value, column)).array()
                    : bytes(value, column);
        };
        if (bytes.length != length) {
            throw new IllegalArgumentException("literal of " + bytes.length + " bytes for column '" + column.dottedPath()
                    + "' (" + describe(column) + "), which holds values of exactly " + length + " bytes");
        }
        return bytes;
    }

    private static short float16(Object value, ColumnDescriptor column) {
        float f = switch (value) {
            case Float x -> x;
            case Double d -> (float) d.doubleValue();
            case Integer i -> i;
            default -> throw wrongType(value, column, "a Float that FLOAT16 represents exactly");
        };
        short half = Float.floatToFloat16(f);
        boolean exact = Float.isNaN(f) || (Float.float16ToFloat(half) == f
                && (!(value instanceof Double d) || (double) f == d)
                && (!(value instanceof Integer i) || (int) f == i));
        if (!exact) throw inexact(value, column);
        return half;
    }

    private static int unsigned32(long component, Object value, ColumnDescriptor column) {
        if (component < 0 || component > 0xFFFF_FFFFL) throw outOfRange(value, column);
        return (int) component;
    }

    /** An integer literal of any Java integer type, as a BigInteger. */
    private static BigInteger integer(Object value, ColumnDescriptor column) {
        return switch (value) {
            case Integer i -> BigInteger.valueOf(i);
            case Long l -> BigInteger.valueOf(l);
            case Short s -> BigInteger.valueOf(s);
            case Byte b -> BigInteger.valueOf(b);
            case BigInteger b -> b;
            default -> throw wrongType(value, column, "an integer (Integer, Long, Short, Byte or BigInteger)");
        };
    }

    /** The unscaled value of a decimal literal at the column's scale; more fraction digits cannot be represented. */
    private static BigInteger unscaled(Object value, ColumnDescriptor column, int scale) {
        BigDecimal decimal = switch (value) {
            case BigDecimal d -> d;
            case Integer i -> BigDecimal.valueOf(i);
            case Long l -> BigDecimal.valueOf(l);
            case BigInteger b -> new BigDecimal(b);
            default -> throw wrongType(value, column, "a BigDecimal (or an integer)");
        };
        try {
            return decimal.setScale(scale).unscaledValue();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("literal " + decimal.toPlainString() + " has more fraction digits than the "
                    + "scale " + scale + " of column '" + column.dottedPath() + "' (" + describe(column) + ")");
        }
    }

    private static byte[] signExtended(BigInteger unscaled, int length, Object value, ColumnDescriptor column) {
        byte[] minimal = unscaled.toByteArray();
        if (minimal.length > length) throw outOfRange(value, column);
        byte[] out = new byte[length];
        byte pad = (byte) (unscaled.signum() < 0 ? 0xFF : 0);
        Arrays.fill(out, 0, length - minimal.length, pad);
        System.arraycopy(minimal, 0, out, length - minimal.length, minimal.length);
        return out;
    }

    private static long epochUnits(Instant instant, TimeUnit unit, Object value, ColumnDescriptor column) {
        long perUnit = LogicalValues.nanosPer(unit);
        if (instant.getNano() % perUnit != 0) throw finerThanUnit(value, column, unit);
        return units(instant.getEpochSecond(), instant.getNano(), perUnit, value, column);
    }

    /**
     * Seconds (floor) and their positive nanoseconds as a count of units of {@code perUnit} nanoseconds; exact down to
     * the long minimum, whose floor second alone would overflow.
     */
    private static long units(long seconds, int nanos, long perUnit, Object value, ColumnDescriptor column) {
        long perSecond = 1_000_000_000L / perUnit;
        long fraction = nanos / perUnit;
        if (seconds < 0 && fraction > 0) {
            seconds++;
            fraction -= perSecond;
        }
        try {
            return Math.addExact(Math.multiplyExact(seconds, perSecond), fraction);
        } catch (ArithmeticException e) {
            throw outOfRange(value, column);
        }
    }

    /** A time of day, or the signed time since midnight of a value outside a day, in the column's unit. */
    private static long time(Object value, TimeUnit unit, ColumnDescriptor column) {
        long perUnit = LogicalValues.nanosPer(unit);
        return switch (value) {
            case LocalTime time -> {
                if (time.toNanoOfDay() % perUnit != 0) throw finerThanUnit(value, column, unit);
                yield time.toNanoOfDay() / perUnit;
            }
            case Duration duration -> {
                if (duration.getNano() % perUnit != 0) throw finerThanUnit(value, column, unit);
                yield units(duration.getSeconds(), duration.getNano(), perUnit, value, column);
            }
            default -> throw wrongType(value, column, "a LocalTime (or a Duration since midnight)");
        };
    }

    private static BigInteger inRange(BigInteger v, long min, BigInteger limit, Object value, ColumnDescriptor column) {
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(limit) >= 0) throw outOfRange(value, column);
        return v;
    }

    private static int toInt(long v, Object value, ColumnDescriptor column) {
        if (v != (int) v) throw outOfRange(value, column);
        return (int) v;
    }

    private static int toInt(BigInteger v, Object value, ColumnDescriptor column) {
        if (v.bitLength() > 31) throw outOfRange(value, column);
        return v.intValue();
    }

    private static long toLong(BigInteger v, Object value, ColumnDescriptor column) {
        if (v.bitLength() > 63) throw outOfRange(value, column);
        return v.longValue();
    }

    private static <T> T as(Class<T> type, Object value, ColumnDescriptor column) {
        if (!type.isInstance(value)) throw wrongType(value, column, "a " + type.getSimpleName());
        return type.cast(value);
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The column's type for messages: physical type, then the logical (or converted) type. */
    static String describe(ColumnDescriptor column) {
        String physical = column.physicalType().name();
        if (column.logicalType() != null) {
            String name = column.logicalType().getClass().getSimpleName().replace("Type", "").toUpperCase(Locale.ROOT);
            return physical + " " + name;
        }
        return column.convertedType() == null ? physical : physical + " " + column.convertedType().name();
    }

    private static IllegalArgumentException wrongType(Object value, ColumnDescriptor column, String expected) {
        return new IllegalArgumentException("column '" + column.dottedPath() + "' (" + describe(column) + ") takes "
                + expected + ", not a " + value.getClass().getSimpleName() + " (" + value + ")");
    }

    private static IllegalArgumentException outOfRange(Object value, ColumnDescriptor column) {
        return new IllegalArgumentException("literal " + value + " is out of range for column '" + column.dottedPath()
                + "' (" + describe(column) + ")");
    }

    private static IllegalArgumentException inexact(Object value, ColumnDescriptor column) {
        return new IllegalArgumentException("literal " + value + " is not exactly representable in column '"
                + column.dottedPath() + "' (" + describe(column) + ")");
    }

    private static IllegalArgumentException finerThanUnit(Object value, ColumnDescriptor column, TimeUnit unit) {
        return new IllegalArgumentException("literal " + value + " is finer than the " + unit + " unit of column '"
                + column.dottedPath() + "' (" + describe(column) + ")");
    }
}
