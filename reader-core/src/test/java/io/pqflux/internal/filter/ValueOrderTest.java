package io.pqflux.internal.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.format.meta.LogicalType;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.schema.ColumnDescriptor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveComparator;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;

/** The typed order of every kind of column, against parquet-java's comparators where it has one. */
class ValueOrderTest {

    private static final int SAMPLES = 3000;
    private final SplittableRandom random = new SplittableRandom(1234);

    @Test
    void signedAndUnsignedInt32() {
        agree(TestColumns.optional("i", PhysicalType.INT32, null), Types.required(PrimitiveTypeName.INT32).named("i"),
                () -> random.nextInt(), v -> le(4).putInt(v).array(), v -> v);
        for (int bits : new int[] {8, 16, 32}) {
            agree(TestColumns.optional("u", PhysicalType.INT32, new LogicalType.IntType(bits, false)),
                    Types.required(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(bits, false)).named("u"),
                    () -> random.nextInt(), v -> le(4).putInt(v).array(), v -> v);
        }
    }

    @Test
    void signedAndUnsignedInt64() {
        agree(TestColumns.optional("i", PhysicalType.INT64, null), Types.required(PrimitiveTypeName.INT64).named("i"),
                () -> random.nextLong(), v -> le(8).putLong(v).array(), v -> v);
        agree(TestColumns.optional("u", PhysicalType.INT64, new LogicalType.IntType(64, false)),
                Types.required(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.intType(64, false)).named("u"),
                () -> random.nextLong(), v -> le(8).putLong(v).array(), v -> v);
    }

    /** parquet-java orders -0.0 before 0.0 and NaN last; numbers otherwise agree. */
    @Test
    void floatingPointAsNumbers() {
        agree(TestColumns.optional("f", PhysicalType.FLOAT, null), Types.required(PrimitiveTypeName.FLOAT).named("f"),
                () -> (float) (random.nextGaussian() * 1e3), v -> le(4).putFloat(v).array(), v -> v);
        agree(TestColumns.optional("d", PhysicalType.DOUBLE, null), Types.required(PrimitiveTypeName.DOUBLE).named("d"),
                () -> random.nextGaussian() * 1e300, v -> le(8).putDouble(v).array(), v -> v);
        ColumnDescriptor d = TestColumns.optional("d", PhysicalType.DOUBLE, null);
        ValueOrder order = ValueOrder.of(d);
        PlainValues negativeZero = PlainValues.single(le(8).putDouble(-0.0).array(), d);
        PlainValues zero = PlainValues.single(le(8).putDouble(0.0).array(), d);
        PlainValues nan = PlainValues.single(le(8).putDouble(Double.NaN).array(), d);
        assertThat(order.compare(negativeZero, 0, zero, 0)).isZero();
        assertThat(order.isNaN(nan, 0)).isTrue();
        assertThat(order.isNaN(zero, 0)).isFalse();
    }

    @Test
    void float16ByRepresentedValue() {
        ColumnDescriptor column = TestColumns.fixed("h", 2, new LogicalType.Float16Type());
        PrimitiveType type = Types.required(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(2)
                .as(LogicalTypeAnnotation.float16Type()).named("h");
        agree(column, type, () -> {
            short half;
            do {
                half = (short) random.nextInt();
            } while (Float.isNaN(Float.float16ToFloat(half)) || (half & 0x7FFF) == 0);
            return half;
        }, v -> le(2).putShort(v).array(), v -> Binary.fromConstantByteArray(le(2).putShort(v).array()));
    }

    @Test
    void stringsAreUnsignedBytes() {
        agree(TestColumns.optional("s", PhysicalType.BYTE_ARRAY, new LogicalType.StringType()),
                Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("s"),
                () -> randomBytes(random.nextInt(6)), v -> v, Binary::fromConstantByteArray);
    }

    @Test
    void decimalsInByteArraysCompareByValueWhateverTheirLength() {
        agree(TestColumns.optional("d", PhysicalType.BYTE_ARRAY, new LogicalType.DecimalType(2, 30)),
                Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.decimalType(2, 30)).named("d"),
                () -> randomBytes(1 + random.nextInt(5)), v -> v, Binary::fromConstantByteArray);
        agree(TestColumns.fixed("d", 5, new LogicalType.DecimalType(2, 11)),
                Types.required(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(5).as(LogicalTypeAnnotation.decimalType(2, 11))
                        .named("d"),
                () -> randomBytes(5), v -> v, Binary::fromConstantByteArray);
        ColumnDescriptor column = TestColumns.optional("d", PhysicalType.BYTE_ARRAY, new LogicalType.DecimalType(0, 9));
        ValueOrder order = ValueOrder.of(column);
        // 0x00ff is 255, 0xff is -1, 0x0001 and 0x01 are both 1, an empty array is 0
        assertThat(order.compare(single(new byte[] {0, (byte) 0xff}, column), 0, single(new byte[] {(byte) 0xff}, column), 0))
                .isPositive();
        assertThat(order.compare(single(new byte[] {0, 1}, column), 0, single(new byte[] {1}, column), 0)).isZero();
        assertThat(order.compare(single(new byte[0], column), 0, single(new byte[] {0, 0}, column), 0)).isZero();
        assertThat(order.compare(single(new byte[0], column), 0, single(new byte[] {(byte) 0x80}, column), 0)).isPositive();
    }

    @Test
    void int96ByInstant() {
        ColumnDescriptor column = TestColumns.optional("t", PhysicalType.INT96, null);
        ValueOrder order = ValueOrder.of(column);
        for (int i = 0; i < SAMPLES; i++) {
            Instant a = Instant.ofEpochSecond(random.nextLong(-1L << 40, 1L << 40), random.nextInt(1_000_000_000));
            Instant b = random.nextBoolean() ? a.plusNanos(random.nextLong(-100_000, 100_000))
                    : Instant.ofEpochSecond(random.nextLong(-1L << 40, 1L << 40), random.nextInt(1_000_000_000));
            int ours = order.compare(literal(a, column), 0, literal(b, column), 0);
            assertThat(Integer.signum(ours)).as(a + " vs " + b).isEqualTo(Integer.signum(a.compareTo(b)));
        }
        // nanoseconds beyond a day, as Spark writes overflowed values: day 10 + 1 day of nanos is day 11
        long day = 86_400_000_000_000L;
        PlainValues overflowed = single(le(12).putLong(day).putInt(10).array(), column);
        PlainValues normal = single(le(12).putLong(0).putInt(11).array(), column);
        PlainValues negative = single(le(12).putLong(-1).putInt(11).array(), column);
        assertThat(order.compare(overflowed, 0, normal, 0)).isZero();
        assertThat(order.compare(negative, 0, normal, 0)).isNegative();
        assertThat(order.compare(negative, 0, single(le(12).putLong(day - 1).putInt(10).array(), column), 0)).isZero();
    }

    @Test
    void unorderedTypesHaveNoOrder() {
        ColumnDescriptor interval = TestColumns.interval("i");
        assertThat(ValueOrder.of(interval).isOrdered()).isFalse();
        assertThat(ValueOrder.of(TestColumns.optional("g", PhysicalType.BYTE_ARRAY, new LogicalType.GeometryType(null)))
                .isOrdered()).isFalse();
        assertThat(ValueOrder.of(TestColumns.optional("b", PhysicalType.BYTE_ARRAY, null))).isEqualTo(ValueOrder.UNSIGNED_BYTES);
    }

    private static PlainValues literal(Object value, ColumnDescriptor column) {
        return PlainValues.single(Literals.toPlain(value, column), column);
    }

    private static PlainValues single(byte[] bytes, ColumnDescriptor column) {
        return PlainValues.single(bytes, column);
    }

    private <T, J> void agree(ColumnDescriptor column, PrimitiveType type, java.util.function.Supplier<T> values,
                              Function<T, byte[]> plain, Function<T, J> oracleValue) {
        ValueOrder order = ValueOrder.of(column);
        @SuppressWarnings("unchecked")
        PrimitiveComparator<J> oracle = (PrimitiveComparator<J>) type.comparator();
        T previous = values.get();
        for (int i = 0; i < SAMPLES; i++) {
            T a = random.nextInt(10) == 0 ? previous : values.get();
            T b = values.get();
            previous = b;
            int ours = order.compare(single(plain.apply(a), column), 0, single(plain.apply(b), column), 0);
            int theirs = oracle.compare(oracleValue.apply(a), oracleValue.apply(b));
            assertThat(Integer.signum(ours)).as(column.dottedPath() + ": " + a + " vs " + b).isEqualTo(Integer.signum(theirs));
        }
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) bytes[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(3) - 1 : random.nextInt());
        return bytes;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
