package io.pqflux.internal.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.filter.Match;
import io.pqflux.filter.Predicate.Operator;
import io.pqflux.format.meta.BinaryValue;
import io.pqflux.format.meta.ColumnOrder;
import io.pqflux.format.meta.LogicalType;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.format.meta.Statistics;
import io.pqflux.schema.ColumnDescriptor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Row-group pruning by statistics, rule by rule of the spec. */
class ColumnBoundsTest {

    private static final ColumnDescriptor INT = TestColumns.optional("i", PhysicalType.INT32, null);
    private static final ColumnDescriptor UINT = TestColumns.optional("u", PhysicalType.INT32, new LogicalType.IntType(32, false));
    private static final ColumnDescriptor DOUBLE = TestColumns.optional("d", PhysicalType.DOUBLE, null);
    private static final ColumnDescriptor STRING = TestColumns.optional("s", PhysicalType.BYTE_ARRAY, new LogicalType.StringType());
    private static final ColumnDescriptor DECIMAL = TestColumns.optional("m", PhysicalType.BYTE_ARRAY, new LogicalType.DecimalType(0, 9));
    private static final ColumnDescriptor INT96 = TestColumns.optional("t", PhysicalType.INT96, null);

    @Test
    void signedBoundsPruneComparisons() {
        Statistics s = stats(i32(10), i32(20), 0L, null);
        assertThat(eval(s, 100, INT, Operator.EQ, 5)).isEqualTo(Match.NONE);
        assertThat(eval(s, 100, INT, Operator.EQ, 15)).isEqualTo(Match.SOME);
        assertThat(eval(s, 100, INT, Operator.LT, 10)).isEqualTo(Match.NONE);
        assertThat(eval(s, 100, INT, Operator.LT_EQ, 10)).isEqualTo(Match.SOME);
        assertThat(eval(s, 100, INT, Operator.GT, 20)).isEqualTo(Match.NONE);
        assertThat(eval(s, 100, INT, Operator.GT_EQ, 20)).isEqualTo(Match.SOME);
        // every value passes when the bounds say so and nothing is null
        assertThat(eval(s, 100, INT, Operator.GT, 9)).isEqualTo(Match.ALL);
        assertThat(eval(s, 100, INT, Operator.LT_EQ, 20)).isEqualTo(Match.ALL);
        assertThat(eval(stats(i32(10), i32(20), null, null), 100, INT, Operator.GT, 9)).as("null count unknown")
                .isEqualTo(Match.SOME);
        assertThat(eval(stats(i32(10), i32(20), 3L, null), 100, INT, Operator.GT, 9)).as("nulls never match")
                .isEqualTo(Match.SOME);
    }

    @Test
    void unsignedBoundsCompareUnsigned() {
        // 1 .. 4294967295 (stored as -1)
        Statistics s = stats(i32(1), i32(-1), 0L, null);
        assertThat(eval(s, 10, UINT, Operator.GT, 5L)).isEqualTo(Match.SOME);
        assertThat(eval(s, 10, UINT, Operator.LT, 1L)).isEqualTo(Match.NONE);
        assertThat(eval(s, 10, UINT, Operator.EQ, 4294967295L)).isEqualTo(Match.SOME);
        // the same bytes read signed would wrongly say no value exceeds 5
        assertThat(eval(s, 10, INT, Operator.GT, 5)).isEqualTo(Match.NONE);
    }

    @Test
    void legacyBoundsOnlyForSignedOrders() {
        Statistics legacy = new Statistics(i32(-1), i32(1), 0L, null, null, null, null, null, null);
        assertThat(eval(legacy, 10, INT, Operator.GT, 5, null)).as("signed int without column orders").isEqualTo(Match.NONE);
        assertThat(eval(legacy, 10, UINT, Operator.GT, 5L, null)).as("unsigned: legacy order differs").isEqualTo(Match.SOME);
        Statistics strings = new Statistics(utf8("b"), utf8("a"), 0L, null, null, null, null, null, null);
        assertThat(eval(strings, 10, STRING, Operator.EQ, "z", null)).as("byte arrays: legacy order is signed bytes")
                .isEqualTo(Match.SOME);
        Statistics decimals = new Statistics(bytes(1), bytes(0), 0L, null, null, null, null, null, null);
        assertThat(eval(decimals, 10, DECIMAL, Operator.EQ, java.math.BigDecimal.TEN, null)).isEqualTo(Match.SOME);
    }

    @Test
    void boundsNeedAColumnOrder() {
        Statistics s = stats(utf8("a"), utf8("b"), 0L, null);
        assertThat(eval(s, 10, STRING, Operator.EQ, "z", ColumnOrder.TYPE_ORDER)).isEqualTo(Match.NONE);
        assertThat(eval(s, 10, STRING, Operator.EQ, "z", null)).as("min_value/max_value without column_orders are undefined")
                .isEqualTo(Match.SOME);
        assertThat(eval(s, 10, STRING, Operator.EQ, "z", ColumnOrder.UNKNOWN)).isEqualTo(Match.SOME);
    }

    @Test
    void truncatedBoundsStillBound() {
        Statistics s = new Statistics(null, null, 0L, null, utf8("Kf"), utf8("Al"), false, false, null);
        assertThat(eval(s, 10, STRING, Operator.EQ, "Alice")).isEqualTo(Match.SOME);
        assertThat(eval(s, 10, STRING, Operator.EQ, "Ak")).isEqualTo(Match.NONE);
        assertThat(eval(s, 10, STRING, Operator.GT, "Kf")).isEqualTo(Match.NONE);
        assertThat(eval(s, 10, STRING, Operator.GT_EQ, "A")).isEqualTo(Match.ALL);
        // equality for every row needs exact bounds
        Statistics point = new Statistics(null, null, 0L, null, utf8("x"), utf8("x"), false, false, null);
        assertThat(eval(point, 10, STRING, Operator.EQ, "x")).isEqualTo(Match.SOME);
        Statistics exact = new Statistics(null, null, 0L, null, utf8("x"), utf8("x"), true, true, null);
        assertThat(eval(exact, 10, STRING, Operator.EQ, "x")).isEqualTo(Match.ALL);
    }

    @Test
    void nullCounts() {
        assertThat(isNull(stats(i32(1), i32(2), 0L, null), 10)).isEqualTo(Match.NONE);
        assertThat(isNull(stats(i32(1), i32(2), 4L, null), 10)).isEqualTo(Match.SOME);
        assertThat(isNull(stats(null, null, 10L, null), 10)).isEqualTo(Match.ALL);
        assertThat(isNull(stats(i32(1), i32(2), null, null), 10)).as("absent is unknown, not zero").isEqualTo(Match.SOME);
        assertThat(eval(stats(null, null, 10L, null), 10, INT, Operator.EQ, 1)).as("all null").isEqualTo(Match.NONE);
        assertThat(ColumnBounds.ofChunk(null, 10, TestColumns.required("r", PhysicalType.INT32, null), null)
                .evaluate(new BoundPredicate.IsNull(TestColumns.required("r", PhysicalType.INT32, null)))).isEqualTo(Match.NONE);
    }

    @Test
    void nanBoundsAreIgnoredUnderTypeOrder() {
        // nan_in_stats.parquet: values 1.0 and NaN, max written as NaN
        Statistics s = stats(f64(1.0), f64(Double.NaN), 0L, null);
        assertThat(eval(s, 2, DOUBLE, Operator.GT, 5.0)).isEqualTo(Match.SOME);
        assertThat(eval(s, 2, DOUBLE, Operator.LT, 1.0)).isEqualTo(Match.NONE);
        assertThat(eval(stats(f64(Double.NaN), f64(3.0), 0L, null), 2, DOUBLE, Operator.LT, -5.0)).isEqualTo(Match.SOME);
        // a NaN literal matches nothing
        assertThat(eval(stats(f64(1), f64(2), 0L, null), 2, DOUBLE, Operator.EQ, Double.NaN)).isEqualTo(Match.NONE);
    }

    @Test
    void nanBoundsUnderTotalOrderMeanEveryValueIsNaN() {
        Statistics allNaN = stats(f64(Double.NaN), f64(Double.NaN), 0L, 5L);
        assertThat(eval(allNaN, 5, DOUBLE, Operator.GT, 0.0, ColumnOrder.IEEE_754_TOTAL_ORDER)).isEqualTo(Match.NONE);
        assertThat(eval(allNaN, 5, DOUBLE, Operator.GT, 0.0, ColumnOrder.TYPE_ORDER)).as("nan_count + null_count = num_values")
                .isEqualTo(Match.NONE);
        Statistics noCount = stats(f64(Double.NaN), f64(Double.NaN), 0L, null);
        assertThat(eval(noCount, 5, DOUBLE, Operator.GT, 0.0, ColumnOrder.TYPE_ORDER)).isEqualTo(Match.SOME);
    }

    @Test
    void everyRowMatchesOnlyWithoutNaNs() {
        assertThat(eval(stats(f64(1), f64(2), 0L, null), 5, DOUBLE, Operator.GT, 0.0)).isEqualTo(Match.SOME);
        assertThat(eval(stats(f64(1), f64(2), 0L, 0L), 5, DOUBLE, Operator.GT, 0.0)).isEqualTo(Match.ALL);
        assertThat(eval(stats(f64(1), f64(2), 0L, 0L), 5, DOUBLE, Operator.GT, 0.0, ColumnOrder.IEEE_754_TOTAL_ORDER))
                .isEqualTo(Match.ALL);
    }

    @Test
    void signedZeros() {
        // a zero bound may stand for either zero; numbers compare so that -0.0 equals 0.0
        Statistics zeros = stats(f64(0.0), f64(0.0), 0L, 0L);
        assertThat(eval(zeros, 5, DOUBLE, Operator.EQ, -0.0)).isEqualTo(Match.SOME);
        assertThat(eval(zeros, 5, DOUBLE, Operator.LT, 0.0)).isEqualTo(Match.NONE);
        assertThat(eval(stats(f64(-0.0), f64(-0.0), 0L, 0L), 5, DOUBLE, Operator.GT_EQ, 0.0)).isEqualTo(Match.ALL);
        assertThat(eval(stats(f64(-0.0), f64(-0.0), 0L, 0L), 5, DOUBLE, Operator.GT, -0.0)).isEqualTo(Match.NONE);
    }

    /** INT96 orders by day then nanoseconds, which is not the instants' order once nanoseconds exceed a day. */
    @Test
    void int96BoundsAreNeverUsed() {
        Instant early = Instant.parse("2000-01-01T00:00:00Z"), late = Instant.parse("2001-01-01T00:00:00Z");
        Statistics s = new Statistics(null, null, 0L, null, BinaryValue.wrap(Literals.toPlain(late, INT96)),
                BinaryValue.wrap(Literals.toPlain(early, INT96)), null, null, null);
        Instant after = Instant.parse("2002-01-01T00:00:00Z");
        assertThat(eval(s, 5, INT96, Operator.GT, after, ColumnOrder.TYPE_ORDER)).isEqualTo(Match.SOME);
        assertThat(eval(s, 5, INT96, Operator.GT, after, ColumnOrder.INT96_TIMESTAMP_ORDER)).isEqualTo(Match.SOME);
    }

    @Test
    void impossibleNullCountsAreUnknown() {
        assertThat(isNull(stats(i32(1), i32(2), -1L, null), 10)).isEqualTo(Match.SOME);
        assertThat(isNull(stats(i32(1), i32(2), 11L, null), 10)).isEqualTo(Match.SOME);
        assertThat(eval(stats(null, null, 11L, null), 10, INT, Operator.EQ, 1)).isEqualTo(Match.SOME);
    }

    @Test
    void inIsNoneOnlyWhenEveryValueIsOutOfBounds() {
        Statistics s = stats(i32(10), i32(20), 0L, null);
        ColumnBounds bounds = ColumnBounds.ofChunk(s, 10, INT, ColumnOrder.TYPE_ORDER);
        assertThat(bounds.evaluate(in(INT, 1, 2, 30))).isEqualTo(Match.NONE);
        assertThat(bounds.evaluate(in(INT, 1, 15))).isEqualTo(Match.SOME);
        assertThat(bounds.evaluate(in(INT))).isEqualTo(Match.NONE);
    }

    @Test
    void pagesOfAColumnIndex() {
        var index = new io.pqflux.format.meta.ColumnIndex(java.util.List.of(false, true, false),
                java.util.List.of(i32(1), BinaryValue.wrap(new byte[0]), i32(50)),
                java.util.List.of(i32(9), BinaryValue.wrap(new byte[0]), i32(60)), io.pqflux.format.meta.BoundaryOrder.ASCENDING,
                java.util.List.of(0L, 7L, 2L), null, null, null);
        BoundPredicate.Leaf eq = compare(INT, Operator.EQ, 55);
        assertThat(ColumnBounds.ofPage(index, 0, 7, INT, ColumnOrder.TYPE_ORDER).evaluate(eq)).isEqualTo(Match.NONE);
        assertThat(ColumnBounds.ofPage(index, 1, 7, INT, ColumnOrder.TYPE_ORDER).evaluate(eq)).as("null page").isEqualTo(Match.NONE);
        assertThat(ColumnBounds.ofPage(index, 2, 7, INT, ColumnOrder.TYPE_ORDER).evaluate(eq)).isEqualTo(Match.SOME);
        BoundPredicate.Leaf isNull = new BoundPredicate.IsNull(INT);
        assertThat(ColumnBounds.ofPage(index, 0, 7, INT, ColumnOrder.TYPE_ORDER).evaluate(isNull)).isEqualTo(Match.NONE);
        assertThat(ColumnBounds.ofPage(index, 1, 7, INT, ColumnOrder.TYPE_ORDER).evaluate(isNull)).isEqualTo(Match.ALL);
        assertThat(ColumnBounds.ofPage(index, 2, 7, INT, null).evaluate(eq)).as("no column orders").isEqualTo(Match.SOME);
    }

    private static Match eval(Statistics s, long numValues, ColumnDescriptor column, Operator op, Object literal) {
        return eval(s, numValues, column, op, literal, ColumnOrder.TYPE_ORDER);
    }

    private static Match eval(Statistics s, long numValues, ColumnDescriptor column, Operator op, Object literal,
                              ColumnOrder order) {
        return ColumnBounds.ofChunk(s, numValues, column, order).evaluate(compare(column, op, literal));
    }

    private static Match isNull(Statistics s, long numValues) {
        return ColumnBounds.ofChunk(s, numValues, INT, ColumnOrder.TYPE_ORDER).evaluate(new BoundPredicate.IsNull(INT));
    }

    static BoundPredicate.Compare compare(ColumnDescriptor column, Operator op, Object literal) {
        return new BoundPredicate.Compare(column, ValueOrder.of(column), op,
                PlainValues.single(Literals.toPlain(literal, column), column));
    }

    static BoundPredicate.In in(ColumnDescriptor column, Object... literals) {
        return new BoundPredicate.In(column, ValueOrder.of(column), java.util.Arrays.stream(literals)
                .map(v -> PlainValues.single(Literals.toPlain(v, column), column)).toList());
    }

    /** min_value/max_value statistics. */
    private static Statistics stats(BinaryValue min, BinaryValue max, Long nullCount, Long nanCount) {
        return new Statistics(null, null, nullCount, null, max, min, null, null, nanCount);
    }

    private static BinaryValue i32(int v) {
        return BinaryValue.wrap(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
    }

    private static BinaryValue f64(double v) {
        return BinaryValue.wrap(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(v).array());
    }

    private static BinaryValue utf8(String s) {
        return BinaryValue.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static BinaryValue bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) out[i] = (byte) b[i];
        return BinaryValue.wrap(out);
    }
}
