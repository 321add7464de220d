package io.pqflux.internal.filter;

import io.pqflux.filter.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.error.UnsupportedFeatureException;
import io.pqflux.format.meta.FieldRepetitionType;
import io.pqflux.format.meta.LogicalType;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.format.meta.SchemaElement;
import io.pqflux.format.meta.TimeUnit;
import io.pqflux.logical.Interval;
import io.pqflux.internal.logical.LogicalValues;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.schema.MessageSchema;
import io.pqflux.schema.SchemaBuilder;
import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Java literals to physical values, and binding predicates to a schema. */
class LiteralsTest {

    @Test
    void integersOfEveryWidthAndSign() {
        ColumnDescriptor i32 = TestColumns.optional("i", PhysicalType.INT32, null);
        assertThat(le32(Literals.toPlain(-5, i32))).isEqualTo(-5);
        assertThat(le32(Literals.toPlain((short) 7, i32))).isEqualTo(7);
        assertThat(le32(Literals.toPlain(7L, i32))).isEqualTo(7);
        assertThatThrownBy(() -> Literals.toPlain(1L << 31, i32)).hasMessageContaining("out of range for column 'i'");
        assertThatThrownBy(() -> Literals.toPlain("7", i32)).hasMessageContaining("takes an integer").hasMessageContaining("String");
        ColumnDescriptor u32 = TestColumns.optional("u", PhysicalType.INT32, new LogicalType.IntType(32, false));
        assertThat(le32(Literals.toPlain(4294967295L, u32))).isEqualTo(-1);
        assertThatThrownBy(() -> Literals.toPlain(-1, u32)).hasMessageContaining("out of range");
        ColumnDescriptor u64 = TestColumns.optional("u", PhysicalType.INT64, new LogicalType.IntType(64, false));
        assertThat(le64(Literals.toPlain(new BigInteger("18446744073709551615"), u64))).isEqualTo(-1L);
        assertThatThrownBy(() -> Literals.toPlain(BigInteger.ONE.shiftLeft(64), u64)).hasMessageContaining("out of range");
    }

    @Test
    void decimalsAtTheColumnScale() {
        ColumnDescriptor d32 = TestColumns.optional("d", PhysicalType.INT32, new LogicalType.DecimalType(2, 4));
        assertThat(le32(Literals.toPlain(new BigDecimal("12.3"), d32))).isEqualTo(1230);
        assertThat(le32(Literals.toPlain(12, d32))).isEqualTo(1200);
        assertThatThrownBy(() -> Literals.toPlain(new BigDecimal("1.005"), d32))
                .hasMessageContaining("more fraction digits than the scale 2");
        ColumnDescriptor binary = TestColumns.optional("d", PhysicalType.BYTE_ARRAY, new LogicalType.DecimalType(2, 20));
        assertThat(Literals.toPlain(new BigDecimal("-0.01"), binary)).containsExactly(0xff);
        ColumnDescriptor fixed = TestColumns.fixed("d", 4, new LogicalType.DecimalType(1, 8));
        assertThat(HexFormat.of().formatHex(Literals.toPlain(new BigDecimal("-0.1"), fixed))).isEqualTo("ffffffff");
        assertThatThrownBy(() -> Literals.toPlain(new BigDecimal("1e20"), fixed)).hasMessageContaining("out of range");
    }

    @Test
    void datesTimesAndTimestamps() {
        ColumnDescriptor date = TestColumns.optional("d", PhysicalType.INT32, new LogicalType.DateType());
        assertThat(le32(Literals.toPlain(LocalDate.of(1970, 1, 2), date))).isEqualTo(1);
        ColumnDescriptor micros = TestColumns.optional("t", PhysicalType.INT64, new LogicalType.TimestampType(true, TimeUnit.MICROS));
        Instant instant = Instant.parse("2024-01-01T00:00:00.000001Z");
        assertThat(LogicalValues.instant(le64(Literals.toPlain(instant, micros)), TimeUnit.MICROS)).isEqualTo(instant);
        // the floor second of the earliest value overflows alone; the value itself fits
        assertThat(le64(Literals.toPlain(LogicalValues.instant(Long.MIN_VALUE, TimeUnit.MICROS), micros))).isEqualTo(Long.MIN_VALUE);
        assertThatThrownBy(() -> Literals.toPlain(Instant.parse("2024-01-01T00:00:00.0000001Z"), micros))
                .hasMessageContaining("finer than the MICROS unit");
        assertThatThrownBy(() -> Literals.toPlain(LocalDateTime.of(2024, 1, 1, 0, 0), micros)).hasMessageContaining("takes a Instant");
        ColumnDescriptor local = TestColumns.optional("t", PhysicalType.INT64, new LogicalType.TimestampType(false, TimeUnit.MILLIS));
        assertThat(le64(Literals.toPlain(LocalDateTime.of(1970, 1, 1, 0, 0, 1), local))).isEqualTo(1000L);
        ColumnDescriptor time = TestColumns.optional("t", PhysicalType.INT32, new LogicalType.TimeType(true, TimeUnit.MILLIS));
        assertThat(le32(Literals.toPlain(LocalTime.of(0, 0, 2), time))).isEqualTo(2000);
        ColumnDescriptor int96 = TestColumns.optional("t", PhysicalType.INT96, null);
        Instant spark = Instant.parse("2009-03-01T00:01:00Z");
        assertThat(LogicalValues.int96(MemorySegment.ofArray(Literals.toPlain(spark, int96)))).isEqualTo(spark);
    }

    @Test
    void timesOutsideADayAreDurationsSinceMidnight() {
        ColumnDescriptor millis = TestColumns.optional("t", PhysicalType.INT32, new LogicalType.TimeType(true, TimeUnit.MILLIS));
        assertThat(le32(Literals.toPlain(Duration.ofSeconds(-13_899), millis))).isEqualTo(-13_899_000);
        assertThat(le32(Literals.toPlain(Duration.ofHours(25), millis))).isEqualTo(90_000_000);
        assertThat(le32(Literals.toPlain(Duration.ofMillis(Integer.MIN_VALUE), millis))).isEqualTo(Integer.MIN_VALUE);
        assertThatThrownBy(() -> Literals.toPlain(Duration.ofMillis(Integer.MIN_VALUE - 1L), millis)).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Literals.toPlain(Duration.ofNanos(-1), millis)).hasMessageContaining("finer than the MILLIS unit");
        assertThatThrownBy(() -> Literals.toPlain(3_600_000, millis)).hasMessageContaining("takes a LocalTime (or a Duration");
        ColumnDescriptor micros = TestColumns.optional("t", PhysicalType.INT64, new LogicalType.TimeType(false, TimeUnit.MICROS));
        assertThat(le64(Literals.toPlain(Duration.ofNanos(-1_000), micros))).isEqualTo(-1L);
        assertThat(le64(Literals.toPlain(Duration.of(Long.MIN_VALUE, ChronoUnit.MICROS), micros))).isEqualTo(Long.MIN_VALUE);
        assertThatThrownBy(() -> Literals.toPlain(Duration.of(Long.MIN_VALUE, ChronoUnit.MICROS).minusNanos(1_000), micros))
                .hasMessageContaining("out of range");
        ColumnDescriptor nanos = TestColumns.optional("t", PhysicalType.INT64, new LogicalType.TimeType(true, TimeUnit.NANOS));
        assertThat(le64(Literals.toPlain(Duration.ofNanos(Long.MAX_VALUE), nanos))).isEqualTo(Long.MAX_VALUE);
        assertThat(le64(Literals.toPlain(Duration.ofNanos(-1), nanos))).isEqualTo(-1L);
        // a Duration within the day is the same value as the LocalTime
        assertThat(Literals.toPlain(Duration.ofSeconds(2), nanos)).isEqualTo(Literals.toPlain(LocalTime.of(0, 0, 2), nanos));
    }

    @Test
    void floatingPointMustBeExact() {
        ColumnDescriptor f = TestColumns.optional("f", PhysicalType.FLOAT, null);
        assertThat(Literals.toPlain(0.5, f)).isEqualTo(Literals.toPlain(0.5f, f));
        assertThatThrownBy(() -> Literals.toPlain(0.1, f)).hasMessageContaining("not exactly representable");
        assertThatThrownBy(() -> Literals.toPlain(16_777_217, f)).hasMessageContaining("not exactly representable");
        ColumnDescriptor d = TestColumns.optional("d", PhysicalType.DOUBLE, null);
        assertThatThrownBy(() -> Literals.toPlain((1L << 53) + 1, d)).hasMessageContaining("not exactly representable");
        ColumnDescriptor half = TestColumns.fixed("h", 2, new LogicalType.Float16Type());
        assertThat(Literals.toPlain(1.5f, half)).containsExactly(0x00, 0x3e);
        assertThatThrownBy(() -> Literals.toPlain(0.1f, half)).hasMessageContaining("not exactly representable");
    }

    @Test
    void bytesStringsUuidsAndIntervals() {
        ColumnDescriptor binary = TestColumns.optional("b", PhysicalType.BYTE_ARRAY, null);
        assertThat(Literals.toPlain("é", binary)).containsExactly(0xc3, 0xa9);
        ColumnDescriptor uuid = TestColumns.fixed("u", 16, new LogicalType.UuidType());
        UUID id = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
        assertThat(HexFormat.of().formatHex(Literals.toPlain(id, uuid))).isEqualTo("00112233445566778899aabbccddeeff");
        ColumnDescriptor fixed = TestColumns.fixed("f", 3, null);
        assertThatThrownBy(() -> Literals.toPlain(new byte[2], fixed)).hasMessageContaining("exactly 3 bytes");
        ColumnDescriptor interval = TestColumns.interval("i");
        assertThat(LogicalValues.interval(MemorySegment.ofArray(Literals.toPlain(new Interval(1, 2, 3), interval))))
                .isEqualTo(new Interval(1, 2, 3));
    }

    @Test
    void bindingChecksColumnsAndTypes() {
        MessageSchema schema = SchemaBuilder.build(List.of(
                new SchemaElement(null, null, null, "root", 3, null, null, null, null, null, null),
                new SchemaElement(PhysicalType.INT32, null, FieldRepetitionType.OPTIONAL, "a", null, null, null, null, null, null, null),
                new SchemaElement(PhysicalType.FIXED_LEN_BYTE_ARRAY, 12, FieldRepetitionType.OPTIONAL, "iv", null,
                        io.pqflux.format.meta.ConvertedType.INTERVAL, null, null, null, null, null),
                new SchemaElement(PhysicalType.INT32, null, FieldRepetitionType.REPEATED, "r", null, null, null, null, null, null, null)));
        assertThatThrownBy(() -> PredicateBinder.bind(Predicate.eq("nope", 1), schema))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column 'nope'").hasMessageContaining("[a, iv, r]");
        assertThatThrownBy(() -> PredicateBinder.bind(Predicate.eq("a", "x"), schema)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PredicateBinder.bind(Predicate.lt("iv", new byte[12]), schema))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no defined order");
        assertThatThrownBy(() -> PredicateBinder.bind(Predicate.eq("r", 1), schema))
                .isInstanceOf(UnsupportedFeatureException.class).hasMessageContaining("predicate on repeated column 'r'");
        BoundPredicate bound = PredicateBinder.bind(Predicate.and(Predicate.notEq("a", 1), Predicate.isNotNull("a"),
                Predicate.in("a", 1, 2)), schema);
        assertThat(bound).isInstanceOf(BoundPredicate.And.class);
        assertThat(((BoundPredicate.And) bound).operands().get(0)).isInstanceOf(BoundPredicate.Not.class);
        assertThat(((BoundPredicate.And) bound).operands().get(1)).isInstanceOf(BoundPredicate.Not.class);
        assertThat(bound.leaves()).hasSize(3);
        assertThatThrownBy(() -> Predicate.eq("a", null)).hasMessageContaining("use isNull");
        assertThat(Predicate.and(Predicate.eq("a", "it's"), Predicate.not(Predicate.in("b", 1, 2))).toString())
                .isEqualTo("(a = 'it''s') and (not (b in (1, 2)))");
    }

    private static int le32(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private static long le64(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
