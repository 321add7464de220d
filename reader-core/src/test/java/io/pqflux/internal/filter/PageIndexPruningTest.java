package io.pqflux.internal.filter;

import io.pqflux.filter.RowRanges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.error.CorruptFileException;
import io.pqflux.filter.Predicate.Operator;
import io.pqflux.format.meta.BinaryValue;
import io.pqflux.format.meta.BoundaryOrder;
import io.pqflux.format.meta.ColumnIndex;
import io.pqflux.format.meta.ColumnOrder;
import io.pqflux.format.meta.OffsetIndex;
import io.pqflux.format.meta.PageLocation;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.schema.ColumnDescriptor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageIndexPruningTest {

    private static final ColumnDescriptor A = TestColumns.optional("a", PhysicalType.INT32, null);
    private static final ColumnDescriptor B = TestColumns.optional("b", PhysicalType.INT32, null);
    private static final long ROWS = 100;

    /** a: pages [0,40) 0..9, [40,70) 10..19, [70,100) 20..29; b: pages [0,50) 0..0, [50,100) 1..1; no nulls. */
    private static final Map<ColumnDescriptor, ColumnIndex> INDEXES = Map.of(
            A, index(List.of(0, 10, 20), List.of(9, 19, 29)),
            B, index(List.of(0, 1), List.of(0, 1)));
    private static final Map<ColumnDescriptor, OffsetIndex> OFFSETS = Map.of(A, offsets(0, 40, 70), B, offsets(0, 50));

    @Test
    void leavesGiveThePagesThatMayMatch() {
        var r = leaf(ColumnBoundsTest.compare(A, Operator.GT_EQ, 15));
        assertThat(r.maybe().toString()).isEqualTo("[40, 100)");
        assertThat(r.surely().toString()).isEqualTo("[70, 100)");
    }

    @Test
    void treeCombinesAcrossColumnsWithDifferentPages() {
        BoundPredicate and = new BoundPredicate.And(List.of(ColumnBoundsTest.compare(A, Operator.LT, 15),
                ColumnBoundsTest.compare(B, Operator.EQ, 1)));
        assertThat(combine(and).maybe().toString()).isEqualTo("[50, 70)");
        BoundPredicate or = new BoundPredicate.Or(List.of(ColumnBoundsTest.compare(A, Operator.GT, 25),
                ColumnBoundsTest.compare(B, Operator.EQ, 0)));
        assertThat(combine(or).maybe().toString()).isEqualTo("[0, 50) [70, 100)");
        // not: only where the operand surely holds is ruled out; b < 1 surely holds on [0, 50)
        BoundPredicate not = new BoundPredicate.Not(ColumnBoundsTest.compare(B, Operator.LT, 1));
        assertThat(combine(not).maybe().toString()).isEqualTo("[50, 100)");
        // equality never surely holds on a page: column index bounds are bounds, not necessarily values
        assertThat(combine(new BoundPredicate.Not(ColumnBoundsTest.compare(B, Operator.EQ, 0))).maybe())
                .isEqualTo(RowRanges.all(ROWS));
        assertThat(combine(new BoundPredicate.Not(ColumnBoundsTest.compare(A, Operator.LT, 15))).maybe().toString())
                .isEqualTo("[40, 100)");
    }

    @Test
    void implausibleIndexProvesNothing() {
        ColumnDescriptor required = TestColumns.required("r", PhysicalType.INT32, null);
        ColumnIndex allNull = new ColumnIndex(List.of(true, true), List.of(empty(), empty()), List.of(empty(), empty()),
                BoundaryOrder.ASCENDING, List.of(-1L, -1L), null, null, null);
        var r = PageIndexPruning.leaf(ColumnBoundsTest.compare(required, Operator.EQ, 5), allNull, offsets(0, 50), ROWS,
                ColumnOrder.TYPE_ORDER);
        assertThat(r.maybe()).isEqualTo(RowRanges.all(ROWS));
    }

    @Test
    void offsetIndexMustDescribeTheRowGroup() {
        assertThatThrownBy(() -> PageIndexPruning.firstRows(offsets(0, 50, 50), ROWS)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("page 2 starts at row 50 after a page starting at row 50");
        assertThatThrownBy(() -> PageIndexPruning.firstRows(offsets(1), ROWS)).isInstanceOf(CorruptFileException.class);
        assertThatThrownBy(() -> PageIndexPruning.firstRows(offsets(0, 100), ROWS)).isInstanceOf(CorruptFileException.class);
        assertThatThrownBy(() -> PageIndexPruning.leaf(ColumnBoundsTest.compare(A, Operator.EQ, 1), INDEXES.get(A), offsets(0, 50),
                ROWS, ColumnOrder.TYPE_ORDER)).isInstanceOf(CorruptFileException.class).hasMessageContaining("describes 3 pages");
    }

    private static PageIndexPruning.Ranges leaf(BoundPredicate.Leaf leaf) {
        return PageIndexPruning.leaf(leaf, INDEXES.get(leaf.column()), OFFSETS.get(leaf.column()), ROWS, ColumnOrder.TYPE_ORDER);
    }

    private static PageIndexPruning.Ranges combine(BoundPredicate predicate) {
        return PageIndexPruning.combine(predicate, PageIndexPruningTest::leaf, ROWS);
    }

    private static ColumnIndex index(List<Integer> mins, List<Integer> maxs) {
        return new ColumnIndex(mins.stream().map(m -> false).toList(), mins.stream().map(PageIndexPruningTest::i32).toList(),
                maxs.stream().map(PageIndexPruningTest::i32).toList(), BoundaryOrder.ASCENDING,
                mins.stream().map(m -> 0L).toList(), null, null, null);
    }

    private static OffsetIndex offsets(long... firstRows) {
        List<PageLocation> pages = new java.util.ArrayList<>();
        for (int i = 0; i < firstRows.length; i++) pages.add(new PageLocation(100L * i, 100, firstRows[i]));
        return new OffsetIndex(pages, null);
    }

    private static BinaryValue i32(int v) {
        return BinaryValue.wrap(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
    }

    private static BinaryValue empty() {
        return BinaryValue.wrap(new byte[0]);
    }
}
