package io.pqflux.reader;

import io.pqflux.logical.Interval;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.NanoTime;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DateLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.EnumLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.Float16LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.GeographyLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.GeometryLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntervalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.JsonLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.StringLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.UUIDLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * The logical value of a primitive as parquet-java states it, in one comparable string per value, so
 * {@code getObject} (on rows and on nested views) is compared with an oracle instead of only being called.
 * A value's string is {@code JavaType:exact|text}:
 * <ul>
 *   <li><b>JavaType, exact</b> — on the oracle side, the Java value the format's documented rules give for the
 *       raw value parquet-java's {@link Group} returns, under parquet-java's own reading of the schema's
 *       {@link LogicalTypeAnnotation} (converted types included): TIMESTAMP = an {@code Instant} (UTC-adjusted) or
 *       a {@code LocalDateTime} (local) that many units after 1970-01-01T00:00, by {@code java.time}
 *       arithmetic; DATE days after 1970-01-01; TIME a time of day; DECIMAL the unscaled two's complement
 *       (INT32, INT64, big-endian bytes) at the scale; UUID the 16 bytes big-endian; FLOAT16 the half-precision
 *       little-endian bits; INTERVAL three little-endian unsigned ints; INT96 parquet-java's {@link NanoTime}
 *       (Julian day, nanoseconds of the day); unsigned ints widened; strings UTF-8;</li>
 *   <li><b>text</b> — on the oracle side, parquet-java's own conversion: {@link PrimitiveType#stringifier()}
 *       (the per-logical-type stringifiers) applied to the raw value; on pqflux's side, pqflux's Java value
 *       formatted in the same notation. (Its date patterns print the year of era, so only the exact part
 *       tells years BC apart.) INT96 and GEOMETRY/GEOGRAPHY have no stringifier text.</li>
 * </ul>
 * {@link #COMPARED} counts the values of each logical kind the oracle produced, so tests can show what they covered.
 */
final class LogicalOracle {

    /** Values the oracle stated, per logical kind (e.g. {@code TIMESTAMP(MICROS,UTC) on INT64}). */
    static final Map<String, LongAdder> COMPARED = new ConcurrentSkipListMap<>();

    private static final long JULIAN_DAY_OF_EPOCH = 2_440_588L;
    private static final LocalDateTime LOCAL_EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

    private LogicalOracle() {
    }

    /** parquet-java's value {@code index} of field {@code name} in {@code holder}, in the comparable form. */
    static String expected(Group holder, String name, int index) {
        PrimitiveType type = holder.getType().getType(name).asPrimitiveType();
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        COMPARED.computeIfAbsent(kind(type), k -> new LongAdder()).increment();
        return switch (type.getPrimitiveTypeName()) {
            case BOOLEAN -> form(holder.getBoolean(name, index), type.stringifier().stringify(holder.getBoolean(name, index)));
            case INT32 -> {
                int v = holder.getInteger(name, index);
                yield form(fromInt32(v, logical), type.stringifier().stringify(v));
            }
            case INT64 -> {
                long v = holder.getLong(name, index);
                yield form(fromInt64(v, logical), type.stringifier().stringify(v));
            }
            case FLOAT -> form(holder.getFloat(name, index), type.stringifier().stringify(holder.getFloat(name, index)));
            case DOUBLE -> form(holder.getDouble(name, index), type.stringifier().stringify(holder.getDouble(name, index)));
            case INT96 -> {
                NanoTime time = NanoTime.fromBinary(holder.getInt96(name, index));
                Instant instant = Instant.EPOCH.plus(Duration.ofDays(time.getJulianDay() - JULIAN_DAY_OF_EPOCH))
                        .plusNanos(time.getTimeOfDayNanos());
                yield form(instant, "");
            }
            case BINARY, FIXED_LEN_BYTE_ARRAY -> {
                Binary v = holder.getBinary(name, index);
                boolean geospatial = logical instanceof GeometryLogicalTypeAnnotation || logical instanceof GeographyLogicalTypeAnnotation;
                yield form(fromBytes(v.getBytes(), logical), geospatial ? "" : type.stringifier().stringify(v));
            }
        };
    }

    /** pqflux's value (as {@code getObject} returned it) of a primitive of parquet-java type {@code type}, in the comparable form. */
    static String ours(Object value, PrimitiveType type) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        boolean noText = type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT96
                || logical instanceof GeometryLogicalTypeAnnotation || logical instanceof GeographyLogicalTypeAnnotation;
        return form(value, noText ? "" : text(value, type));
    }

    private static Object fromInt32(int v, LogicalTypeAnnotation logical) {
        return switch (logical) {
            case DateLogicalTypeAnnotation d -> LocalDate.EPOCH.plusDays(v);
            case DecimalLogicalTypeAnnotation d -> new BigDecimal(BigInteger.valueOf(v), d.getScale());
            case TimeLogicalTypeAnnotation t -> timeOfDay(v, t.getUnit());
            case IntLogicalTypeAnnotation i when !i.isSigned() -> Integer.toUnsignedLong(v);
            case null, default -> v;
        };
    }

    private static Object fromInt64(long v, LogicalTypeAnnotation logical) {
        return switch (logical) {
            case DecimalLogicalTypeAnnotation d -> new BigDecimal(BigInteger.valueOf(v), d.getScale());
            case TimestampLogicalTypeAnnotation t when t.isAdjustedToUTC() -> Instant.EPOCH.plus(v, chronoUnit(t.getUnit()));
            case TimestampLogicalTypeAnnotation t -> LOCAL_EPOCH.plus(v, chronoUnit(t.getUnit()));
            case TimeLogicalTypeAnnotation t -> timeOfDay(v, t.getUnit());
            case IntLogicalTypeAnnotation i when !i.isSigned() -> new BigInteger(Long.toUnsignedString(v));
            case null, default -> v;
        };
    }

    private static Object fromBytes(byte[] bytes, LogicalTypeAnnotation logical) {
        ByteBuffer little = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        return switch (logical) {
            case StringLogicalTypeAnnotation s -> Binary.fromConstantByteArray(bytes).toStringUsingUTF8();
            case EnumLogicalTypeAnnotation e -> Binary.fromConstantByteArray(bytes).toStringUsingUTF8();
            case JsonLogicalTypeAnnotation j -> Binary.fromConstantByteArray(bytes).toStringUsingUTF8();
            case DecimalLogicalTypeAnnotation d -> new BigDecimal(bytes.length == 0 ? BigInteger.ZERO : new BigInteger(bytes), d.getScale());
            case UUIDLogicalTypeAnnotation u -> new UUID(ByteBuffer.wrap(bytes).getLong(0), ByteBuffer.wrap(bytes).getLong(8));
            case Float16LogicalTypeAnnotation f -> Float.float16ToFloat(little.getShort(0));
            case IntervalLogicalTypeAnnotation i -> new Interval(Integer.toUnsignedLong(little.getInt(0)),
                    Integer.toUnsignedLong(little.getInt(4)), Integer.toUnsignedLong(little.getInt(8)));
            case null, default -> bytes;
        };
    }

    private static LocalTime timeOfDay(long v, TimeUnit unit) {
        return LocalTime.ofNanoOfDay(Math.multiplyExact(v, chronoUnit(unit).getDuration().toNanos()));
    }

    private static ChronoUnit chronoUnit(TimeUnit unit) {
        return switch (unit) {
            case MILLIS -> ChronoUnit.MILLIS;
            case MICROS -> ChronoUnit.MICROS;
            case NANOS -> ChronoUnit.NANOS;
        };
    }

    /** pqflux's value in the notation of parquet-java's stringifier for {@code type}. */
    private static String text(Object value, PrimitiveType type) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        return switch (value) {
            case Instant instant when logical instanceof TimestampLogicalTypeAnnotation t && t.isAdjustedToUTC() ->
                    timestampFormat(t.getUnit(), true).format(instant);
            case LocalDateTime local when logical instanceof TimestampLogicalTypeAnnotation t && !t.isAdjustedToUTC() ->
                    timestampFormat(t.getUnit(), false).format(local.toInstant(ZoneOffset.UTC));
            case LocalDate date when logical instanceof DateLogicalTypeAnnotation ->
                    DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC).format(date.atStartOfDay(ZoneOffset.UTC));
            case LocalTime time when logical instanceof TimeLogicalTypeAnnotation t -> timeText(time, t);
            case BigDecimal decimal -> decimal.toString();
            case UUID uuid -> uuid.toString();
            case Interval i -> "interval(" + i.months() + " months, " + i.days() + " days, " + i.millis() + " millis)";
            case byte[] bytes -> "0x" + HexFormat.of().withUpperCase().formatHex(bytes);
            case String string -> string;
            default -> String.valueOf(value); // numbers, booleans, FLOAT16's Float: Java's toString, as parquet-java's
        };
    }

    private static DateTimeFormatter timestampFormat(TimeUnit unit, boolean utc) {
        String fraction = switch (unit) {
            case MILLIS -> "SSS";
            case MICROS -> "SSSSSS";
            case NANOS -> "SSSSSSSSS";
        };
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss." + fraction + (utc ? "Z" : "")).withZone(ZoneOffset.UTC);
    }

    private static String timeText(LocalTime time, TimeLogicalTypeAnnotation t) {
        String fraction = switch (t.getUnit()) {
            case MILLIS -> String.format("%03d", time.getNano() / 1_000_000);
            case MICROS -> String.format("%06d", time.getNano() / 1_000);
            case NANOS -> String.format("%09d", time.getNano());
        };
        return String.format("%02d:%02d:%02d.", time.getHour(), time.getMinute(), time.getSecond()) + fraction
                + (t.isAdjustedToUTC() ? "+0000" : "");
    }

    /** {@code JavaType:exact|text}: floating point by bits, byte arrays as hex, the rest by toString. */
    private static String form(Object value, String text) {
        String exact = switch (value) {
            case Float f -> Integer.toHexString(Float.floatToRawIntBits(f));
            case Double d -> Long.toHexString(Double.doubleToRawLongBits(d));
            case byte[] bytes -> HexFormat.of().formatHex(bytes);
            default -> String.valueOf(value);
        };
        return (value == null ? "null" : value.getClass().getSimpleName()) + ":" + exact + "|" + text;
    }

    /** The logical kind of a primitive, for {@link #COMPARED}. */
    static String kind(PrimitiveType type) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        String label = switch (logical) {
            case null -> "";
            case TimestampLogicalTypeAnnotation t -> "TIMESTAMP(" + t.getUnit() + (t.isAdjustedToUTC() ? ",UTC" : ",local") + ")";
            case TimeLogicalTypeAnnotation t -> "TIME(" + t.getUnit() + (t.isAdjustedToUTC() ? ",UTC" : ",local") + ")";
            case DecimalLogicalTypeAnnotation d -> "DECIMAL";
            case IntLogicalTypeAnnotation i -> (i.isSigned() ? "INT" : "UINT") + i.getBitWidth();
            default -> logical.toString().replaceAll("\\(.*", "");
        };
        return (label.isEmpty() ? "" : label + " on ") + type.getPrimitiveTypeName();
    }
}
