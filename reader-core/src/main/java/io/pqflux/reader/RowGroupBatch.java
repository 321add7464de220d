package io.pqflux.reader;

import io.pqflux.column.ColumnVector;
import java.util.List;

/** The projected columns of one row group, decoded. Closing it releases every vector. */
public final class RowGroupBatch implements AutoCloseable {

    private final int rowGroup;
    private final long rowCount;
    private final List<ColumnVector> columns;

    RowGroupBatch(int rowGroup, long rowCount, List<ColumnVector> columns) {
        this.rowGroup = rowGroup;
        this.rowCount = rowCount;
        this.columns = List.copyOf(columns);
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

    @Override
    public void close() {
        for (ColumnVector c : columns) c.close();
    }
}
