package io.pqflux.cli;

import io.pqflux.format.meta.LogicalType;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.format.meta.TimeUnit;
import io.pqflux.logical.Interval;
import io.pqflux.schema.ColumnDescriptor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

/**
 * The value rendering contract of {@code pqflux cat} (docs/cli.md): turns the Java value of a column, as
 * {@link io.pqflux.reader.RowCursor#getObject} returns it, into sink events. One instance per column,
 * because times and timestamps print as many fraction digits as their unit has.
 */
final class ValueWriter {

    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final int fractionDigits;
    private final boolean bytesAsText;

    /** @param fractionDigits digits after the seconds of times and timestamps: 3, 6 or 9 */
    ValueWriter(int fractionDigits) {
        this(fractionDigits, false);
    }

    private ValueWriter(int fractionDigits, boolean bytesAsText) {
        this.fractionDigits = fractionDigits;
        this.bytesAsText = bytesAsText;
    }

    static ValueWriter forColumn(ColumnDescriptor column) {
        return forColumn(column, false);
    }

    /**
     * @param binaryAsString un-annotated BYTE_ARRAY values as UTF-8 text (malformed sequences become U+FFFD), as
     *                       DuckDB's {@code binary_as_string} and Spark's {@code binaryAsString} read files whose writer
     *                       left strings without the STRING annotation; base64 otherwise
     */
    static ValueWriter forColumn(ColumnDescriptor column, boolean binaryAsString) {
        return new ValueWriter(fractionDigits(column), binaryAsString && column.physicalType() == PhysicalType.BYTE_ARRAY);
    }

    private static int fractionDigits(ColumnDescriptor column) {
        if (column.physicalType() == PhysicalType.INT96) return 9;
        return switch (column.logicalType()) {
            case LogicalType.TimestampType t -> digitsOf(t.unit());
            case LogicalType.TimeType t -> digitsOf(t.unit());
            case null, default -> 0;
        };
    }

    static int digitsOf(TimeUnit unit) {
        return switch (unit) {
            case MILLIS -> 3;
            case MICROS -> 6;
            case NANOS -> 9;
        };
    }

    void write(Object value, ValueSink sink) {
        switch (value) {
            case null -> sink.nullValue();
            case Boolean b -> sink.bool(b);
            case Integer i -> sink.number(i.toString());
            case Long l -> sink.number(l.toString());
            case BigInteger i -> sink.number(i.toString());
            case Float f -> floating(f.isNaN() || f.isInfinite(), Float.toString(f), sink);
            case Double d -> floating(d.isNaN() || d.isInfinite(), Double.toString(d), sink);
            case String s -> sink.string(s);
            case byte[] bytes -> sink.string(bytesAsText ? new String(bytes, StandardCharsets.UTF_8) : BASE64.encodeToString(bytes));
            case BigDecimal d -> sink.string(d.toPlainString());
            case LocalDate d -> sink.string(TemporalText.date(d));
            case LocalTime t -> sink.string(TemporalText.time(t, fractionDigits));
            case Duration d -> sink.string(TemporalText.time(d, fractionDigits));
            case Instant i -> sink.string(TemporalText.timestamp(LocalDateTime.ofInstant(i, ZoneOffset.UTC), fractionDigits, true));
            case LocalDateTime t -> sink.string(TemporalText.timestamp(t, fractionDigits, false));
            case UUID u -> sink.string(u.toString());
            case Interval interval -> {
                sink.beginObject();
                sink.key("months");
                sink.number(Long.toString(interval.months()));
                sink.key("days");
                sink.number(Long.toString(interval.days()));
                sink.key("millis");
                sink.number(Long.toString(interval.millis()));
                sink.endObject();
            }
            default -> throw new IllegalArgumentException("no rendering for a " + value.getClass().getName());
        }
    }

    /**
     * Java prints finite floats in shortest round-trip form that is also valid JSON ({@code 1.0E10});
     * JSON has no NaN or infinities, so those become the strings Java prints for them.
     */
    private static void floating(boolean nonFinite, String text, ValueSink sink) {
        if (nonFinite) sink.string(text);
        else sink.number(text);
    }
}
