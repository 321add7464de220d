package io.pqflux.reader;

import io.pqflux.column.ColumnVector;
import io.pqflux.nested.NestedBatch;
import java.util.List;

/** The projected columns of one row group, decoded. Closing it releases every vector. */
public final class RowGroupBatch implements AutoCloseable {

    private final int rowGroup;
    private final long rowCount;
    private final List<ColumnVector> columns;
    private final NestedBatch nested;

    RowGroupBatch(int rowGroup, long rowCount, List<ColumnVector> columns, NestedBatch nested) {
        this.rowGroup = rowGroup;
        this.rowCount = rowCount;
        this.columns = List.copyOf(columns);
        this.nested = nested;
    }

    public int rowGroup() {
        return rowGroup;
    }

    public long rowCount() {
        return rowCount;
    }

    /** In projection order. */
    public List<ColumnVector> columns() {
        return columns;
    }

    /** The columns' nesting structure: per leaf offsets and validity for every level of its path. */
    public NestedBatch nested() {
        return nested;
    }

    @Override
    public void close() {
        for (ColumnVector c : columns) c.close();
    }
}
