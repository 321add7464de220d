package io.pqflux.internal.filter;

import io.pqflux.filter.Match;
import io.pqflux.filter.Predicate;
import io.pqflux.format.meta.BinaryValue;
import io.pqflux.format.meta.ColumnIndex;
import io.pqflux.format.meta.ColumnOrder;
import io.pqflux.format.meta.Statistics;
import io.pqflux.schema.ColumnDescriptor;

/**
 * What the metadata of a set of rows of one column (a column chunk's statistics, one page of a column index)
 * proves, reduced to what the parquet-format spec lets a reader rely on, and what that means for a leaf of a
 * predicate. Everything unknown stays unknown: the answer is then {@link Match#SOME}.
 *
 * <p>Rules applied (parquet.thrift, {@code Statistics} and {@code ColumnOrder}):
 * <ul>
 *   <li>{@code min_value}/{@code max_value} and column index bounds are used only under a column order this
 *       reader implements for the type: TYPE_ORDER (not for types without an order), IEEE_754_TOTAL_ORDER for
 *       floating point. Without {@code column_orders} their meaning is undefined, so they are ignored. INT96
 *       bounds are never used: TYPE_ORDER leaves them undefined, and INT96_TIMESTAMP_ORDER orders by day, then
 *       nanoseconds, which differs from the instants' order when writers let the nanoseconds exceed a day.</li>
 *   <li>The deprecated {@code min}/{@code max} were computed with signed comparison: used only when
 *       {@code min_value}/{@code max_value} are not, and only for signed integers, FLOAT and DOUBLE.</li>
 *   <li>Bounds are bounds, not values, unless flagged exact: truncated byte arrays still bound the values.</li>
 *   <li>Floating point: a NaN bound is ignored (TYPE_ORDER); under IEEE_754_TOTAL_ORDER it means every
 *       non-null value is NaN. A zero bound says nothing about the sign of zeros, which numeric comparison
 *       makes irrelevant. Without {@code nan_count = 0}, NaNs may be present, so no comparison holds for
 *       every row.</li>
 *   <li>{@code null_count} absent means unknown, never zero; an impossible one (negative, larger than the value
 *       count) is unknown too.</li>
 * </ul>
 *
 * @param valueCount entries the bounds describe (values and nulls); for flat columns, rows; {@link #UNKNOWN_COUNT}
 *                   for a page of a repeated column (a null count then proves only "no nulls", a null page all nulls)
 */
public record ColumnBounds(ValueOrder order, PlainValues min, boolean minExact, PlainValues max, boolean maxExact,
                           Long nullCount, long valueCount, Long nanCount, boolean allNaN) {

    /** The entry count of a set of values whose size is not known. */
    public static final long UNKNOWN_COUNT = Long.MAX_VALUE;

    /** Nothing known about {@code valueCount} entries. */
    public static ColumnBounds unknown(ColumnDescriptor column, long valueCount) {
        return new ColumnBounds(ValueOrder.of(column), null, false, null, false, requiredNulls(column), valueCount, null,
                false);
    }

    /**
     * Bounds of a column chunk.
     *
     * @param statistics the chunk's statistics, or null
     * @param order      the column's entry in {@code column_orders}, or null when the file has none
     */
    public static ColumnBounds ofChunk(Statistics statistics, long numValues, ColumnDescriptor column, ColumnOrder order) {
        if (statistics == null || order == ColumnOrder.UNKNOWN) return unknown(column, numValues);
        ValueOrder valueOrder = ValueOrder.of(column);
        Long nullCount = plausibleNulls(statistics.nullCount(), numValues, column);
        BinaryValue min = null, max = null;
        boolean minExact = false, maxExact = false;
        if ((statistics.minValue() != null || statistics.maxValue() != null) && usesTypeOrder(order, valueOrder)) {
            min = statistics.minValue();
            max = statistics.maxValue();
            minExact = Boolean.TRUE.equals(statistics.isMinValueExact());
            maxExact = Boolean.TRUE.equals(statistics.isMaxValueExact());
        } else if (valueOrder.agreesWithLegacyBounds() && order != ColumnOrder.IEEE_754_TOTAL_ORDER) {
            // Legacy bounds were the actual extreme values, computed by signed comparison.
            min = statistics.min();
            max = statistics.max();
            minExact = maxExact = true;
        }
        return of(column, valueOrder, order, min, minExact, max, maxExact, nullCount, numValues, statistics.nanCount());
    }

    /**
     * Bounds of page {@code page} of a column index, which holds {@code pageValues} entries.
     *
     * @param order the column's entry in {@code column_orders}, or null when the file has none
     */
    public static ColumnBounds ofPage(ColumnIndex index, int page, long pageValues, ColumnDescriptor column,
                                      ColumnOrder order) {
        ValueOrder valueOrder = ValueOrder.of(column);
        Long nullCount = plausibleNulls(index.nullCounts() == null ? null : index.nullCounts().get(page), pageValues, column);
        if (index.nullPages().get(page)) nullCount = pageValues;
        Long nanCount = index.nanCounts() != null ? index.nanCounts().get(page) : null;
        if (index.nullPages().get(page) || !usesTypeOrder(order, valueOrder)) {
            return new ColumnBounds(valueOrder, null, false, null, false, nullCount, pageValues, nanCount, false);
        }
        // Column index bounds may be truncated and carry no exactness flags.
        return of(column, valueOrder, order, index.minValues().get(page), false, index.maxValues().get(page), false,
                nullCount, pageValues, nanCount);
    }

    private static ColumnBounds of(ColumnDescriptor column, ValueOrder valueOrder, ColumnOrder order, BinaryValue min,
                                   boolean minExact, BinaryValue max, boolean maxExact, Long nullCount, long valueCount,
                                   Long nanCount) {
        PlainValues low = min == null ? null : PlainValues.single(min.toByteArray(), column);
        PlainValues high = max == null ? null : PlainValues.single(max.toByteArray(), column);
        boolean allNaN = nanCount != null && nullCount != null && nanCount + nullCount == valueCount && valueCount > 0;
        if (valueOrder.isFloatingPoint()) {
            boolean nanBound = (low != null && valueOrder.isNaN(low, 0)) || (high != null && valueOrder.isNaN(high, 0));
            // Under the total order a NaN bound is only written when every non-null value is NaN.
            if (nanBound && order == ColumnOrder.IEEE_754_TOTAL_ORDER) allNaN = true;
            if (low != null && valueOrder.isNaN(low, 0)) low = null;
            if (high != null && valueOrder.isNaN(high, 0)) high = null;
        }
        return new ColumnBounds(valueOrder, low, low != null && minExact, high, high != null && maxExact, nullCount,
                valueCount, nanCount, allNaN);
    }

    private static boolean usesTypeOrder(ColumnOrder order, ValueOrder valueOrder) {
        if (order == null || !valueOrder.isOrdered() || valueOrder == ValueOrder.INT96) return false;
        return switch (order) {
            case TYPE_ORDER -> true;
            case IEEE_754_TOTAL_ORDER -> valueOrder.isFloatingPoint();
            case INT96_TIMESTAMP_ORDER, UNKNOWN -> false;
        };
    }

    /** A required column has no nulls. */
    private static Long requiredNulls(ColumnDescriptor column) {
        return column.maxDefinitionLevel() == 0 ? 0L : null;
    }

    /** A written null count, unless it cannot be true (negative, above the value count): then unknown. */
    private static Long plausibleNulls(Long written, long valueCount, ColumnDescriptor column) {
        if (column.maxDefinitionLevel() == 0) return 0L;
        return written == null || written < 0 || written > valueCount ? null : written;
    }

    /** What these bounds prove about {@code leaf}, which must be on this column. */
    public Match evaluate(BoundPredicate.Leaf leaf) {
        boolean allNull = nullCount != null && nullCount == valueCount;
        return switch (leaf) {
            case BoundPredicate.IsNull n -> nullCount == null ? Match.SOME
                    : nullCount == 0 ? Match.NONE : allNull ? Match.ALL : Match.SOME;
            case BoundPredicate.ValueTest test when allNull || allNaN -> Match.NONE;
            case BoundPredicate.Compare c -> compare(c.operator(), c.literal());
            case BoundPredicate.In in -> {
                Match m = Match.NONE;
                for (PlainValues literal : in.literals()) m = m.or(compare(Predicate.Operator.EQ, literal));
                yield m;
            }
        };
    }

    private Match compare(Predicate.Operator operator, PlainValues literal) {
        if (order.isNaN(literal, 0)) return Match.NONE;
        // Only with no nulls and no NaNs can a comparison hold for every entry.
        boolean everyEntryComparable = nullCount != null && nullCount == 0 && (!order.isFloatingPoint()
                || (nanCount != null && nanCount == 0));
        int minVsLiteral = min == null ? 0 : order.compare(min, 0, literal, 0);
        int maxVsLiteral = max == null ? 0 : order.compare(max, 0, literal, 0);
        boolean none, all;
        switch (operator) {
            case EQ -> {
                none = (min != null && minVsLiteral > 0) || (max != null && maxVsLiteral < 0);
                all = minExact && maxExact && minVsLiteral == 0 && maxVsLiteral == 0;
            }
            case LT -> {
                none = min != null && minVsLiteral >= 0;
                all = max != null && maxVsLiteral < 0;
            }
            case LT_EQ -> {
                none = min != null && minVsLiteral > 0;
                all = max != null && maxVsLiteral <= 0;
            }
            case GT -> {
                none = max != null && maxVsLiteral <= 0;
                all = min != null && minVsLiteral > 0;
            }
            case GT_EQ -> {
                none = max != null && maxVsLiteral < 0;
                all = min != null && minVsLiteral >= 0;
            }
            default -> throw new IllegalArgumentException("operator " + operator);
        }
        if (none) return Match.NONE;
        return all && everyEntryComparable ? Match.ALL : Match.SOME;
    }
}
