package io.pqflux.reader;

import io.pqflux.nested.NamedFieldValues;
import io.pqflux.nested.NestedBatch;
import io.pqflux.nested.NestedField;
import java.util.List;

/**
 * A forward-only cursor over the rows of a file, one row group in memory at a time. Getters take the
 * top-level field's position (or name) and read straight from the column vectors; nested fields come back
 * as {@link io.pqflux.nested.StructValue}, {@link io.pqflux.nested.ListValue} and
 * {@link io.pqflux.nested.MapValue} views that are valid until the cursor leaves the row group. Reading a
 * primitive field allocates nothing.
 */
public final class RowCursor extends NamedFieldValues implements AutoCloseable {

    private final ParquetReader reader;
    private final List<NestedField> fields;
    private RowGroupBatch batch;
    private NestedBatch nested;
    private int nextRowGroup;
    private int row = -1;
    /** Position in the batch's selection of the current row. */
    private int selected = -1;

    RowCursor(ParquetReader reader) {
        this.reader = reader;
        this.fields = reader.nestedSchema().fields();
    }

    @Override
    public List<NestedField> fields() {
        return fields;
    }

    /** Moves to the next row (the next matching one, with a filter); false when there is none. */
    public boolean next() {
        while (batch == null || selected + 1 >= batch.selectedRowCount()) {
            releaseBatch();
            if (nextRowGroup >= reader.rowGroupCount()) return false;
            batch = reader.readRowGroup(nextRowGroup++);
            try {
                nested = batch.nested();
            } catch (RuntimeException e) {
                releaseBatch();
                throw e;
            }
            row = -1;
            selected = -1;
        }
        row = batch.selectedRow(++selected);
        return true;
    }

    @Override
    protected NestedBatch batch() {
        requireRow();
        return nested;
    }

    @Override
    protected int slot(int index) {
        requireRow();
        return row;
    }

    private void requireRow() {
        if (nested == null) throw new IllegalStateException("no current row: call next() first, and only while it returns true");
    }

    private void releaseBatch() {
        if (batch != null) {
            batch.close();
            batch = null;
            nested = null;
        }
    }

    /** Releases the current row group; the reader stays open. */
    @Override
    public void close() {
        releaseBatch();
    }
}
