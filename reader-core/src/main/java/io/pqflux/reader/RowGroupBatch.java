package io.pqflux.reader;

import io.pqflux.column.ColumnVector;
import io.pqflux.filter.RowRanges;
import io.pqflux.nested.NestedBatch;
import java.util.List;
import java.util.function.Supplier;

/**
 * The projected columns of one row group, decoded: every vector holds the same rows, {@link #rows()} of the row
 * group (all of them, unless a filter or a row range let the reader skip some). With a filter, the batch also
 * carries a selection: the batch rows that match, in increasing order; rows outside it were decoded only
 * because they share pages with matching ones. Closing the batch releases every vector.
 */
public final class RowGroupBatch implements AutoCloseable {

    private final int rowGroup;
    private final RowRanges rows;
    private final List<ColumnVector> columns;
    /** Batch rows that match, increasing; null when every row does. */
    private final int[] selection;
    private final Supplier<NestedBatch> nestedStructure;
    private NestedBatch nested;
    private boolean closed;

    /** @param nestedStructure computes the columns' nesting structure when first asked for */
    RowGroupBatch(int rowGroup, RowRanges rows, List<ColumnVector> columns, int[] selection,
                  Supplier<NestedBatch> nestedStructure) {
        this.rowGroup = rowGroup;
        this.rows = rows;
        this.columns = List.copyOf(columns);
        this.selection = selection;
        this.nestedStructure = nestedStructure;
    }

    public int rowGroup() {
        return rowGroup;
    }

    /** Rows held by the vectors; vector entry i (for flat columns) is batch row i. */
    public long rowCount() {
        return rows.rowCount();
    }

    /** Which rows of the row group the vectors hold, in order. */
    public RowRanges rows() {
        return rows;
    }

    /** The index within the row group of batch row {@code batchRow}. */
    public long rowGroupRow(int batchRow) {
        return rows.rowAt(batchRow);
    }

    /** True when only some batch rows match the filter. */
    public boolean hasSelection() {
        return selection != null;
    }

    /** Number of batch rows that match (all of them without a selection). */
    public int selectedRowCount() {
        return selection == null ? Math.toIntExact(rowCount()) : selection.length;
    }

    /** The batch row of the {@code i}-th match. */
    public int selectedRow(int i) {
        if (selection == null) {
            if (i < 0 || i >= rowCount()) throw new IndexOutOfBoundsException("row " + i + " of " + rowCount());
            return i;
        }
        return selection[i];
    }

    /** In projection order. */
    public List<ColumnVector> columns() {
        checkOpen();
        return columns;
    }

    /** The columns' nesting structure: per leaf offsets and validity for every level of its path; slot = batch row. */
    public NestedBatch nested() {
        checkOpen();
        if (nested == null) nested = nestedStructure.get();
        return nested;
    }

    /** Off-heap bytes the batch's vectors hold, for memory budgets. */
    public long offHeapBytes() {
        checkOpen();
        long bytes = 0;
        for (ColumnVector c : columns) bytes += c.offHeapBytes();
        return bytes;
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("the RowGroupBatch of row group " + rowGroup + " is already closed");
    }

    /** Releases every vector; idempotent. Views and segments taken from the batch are invalid afterwards. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (ColumnVector c : columns) c.close();
    }
}
