package io.pqflux.reactive.dataset;

import io.pqflux.column.ColumnVector;
import io.pqflux.reactive.ParquetBatch;
import io.pqflux.reader.RowGroupBatch;
import java.util.List;

/**
 * One batch of a dataset scan: a slice of a row group of one file, with the scan's columns in the order asked for.
 * Each column is either a {@linkplain Column.Vector vector} the file's reader decoded, or a {@linkplain
 * Column.Constant constant}: a partition column's value, or null for a column this file lacks. Rows, the filter's
 * selection and nesting come from {@link #data()}. The subscriber owns the batch and must close it, which frees its
 * vectors and gives its bytes back to the scan's memory budget.
 */
public final class DatasetBatch implements AutoCloseable {

    /** A column of a batch. */
    public sealed interface Column {
        /** Values decoded from the file: entry {@code i} of a flat column is batch row {@code i}. */
        record Vector(ColumnVector vector) implements Column {
        }

        /**
         * The same value in every row: a partition value ({@code Long} or {@code String}), or null, for a partition
         * the file's folders do not name and for a column the file does not have.
         */
        record Constant(Object value) implements Column {
        }
    }

    private final DatasetFile file;
    private final List<String> columnNames;
    private final List<Column> columns;
    private final ParquetBatch batch;

    DatasetBatch(DatasetFile file, List<String> columnNames, List<Column> columns, ParquetBatch batch) {
        this.file = file;
        this.columnNames = columnNames;
        this.columns = columns;
        this.batch = batch;
    }

    public DatasetFile file() {
        return file;
    }

    /** The scan's columns, in the order asked for (the same for every batch of a scan). */
    public List<String> columnNames() {
        return columnNames;
    }

    /** Column {@code index} of {@link #columnNames()}. */
    public Column column(int index) {
        return columns.get(index);
    }

    /** The column of this path, or {@link IllegalArgumentException} when the scan does not read it. */
    public Column column(String path) {
        int index = columnNames.indexOf(path);
        if (index < 0) throw new IllegalArgumentException("the scan reads no column '" + path + "': " + columnNames);
        return columns.get(index);
    }

    public int rowGroup() {
        return batch.rowGroup();
    }

    /**
     * What the file's reader decoded: the rows ({@code rowCount}, {@code rows()}), the filter's selection, the
     * vectors of the scan's columns the file has (in scan order), and their nesting.
     */
    public RowGroupBatch data() {
        return batch.batch();
    }

    /** Closes the vectors and releases the batch's share of the memory budget; idempotent. */
    @Override
    public void close() {
        batch.close();
    }
}
