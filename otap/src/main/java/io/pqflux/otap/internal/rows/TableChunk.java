package io.pqflux.otap.internal.rows;

import io.pqflux.column.ColumnVector;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.otap.OtapException;
import io.pqflux.reader.RowGroupBatch;
import java.util.HashMap;
import java.util.Map;

/**
 * A decoded slice of one table file, its leaves by dotted path ({@code resource.id}, {@code body.str}, {@code
 * bucket_counts.list.item}), with the file row of its first row so that reports can name rows.
 */
public final class TableChunk {

    private final String file;
    private final long firstRow;
    private final int rowCount;
    private final Map<String, ColumnVector> vectors = new HashMap<>();
    private final Map<String, ColumnReader> readers = new HashMap<>();

    public TableChunk(String file, RowGroupBatch batch, long firstFileRow) {
        this.file = file;
        this.firstRow = firstFileRow;
        this.rowCount = Math.toIntExact(batch.rowCount());
        for (ColumnVector vector : batch.columns()) vectors.put(vector.column().dottedPath(), vector);
    }

    public String file() {
        return file;
    }

    public int rowCount() {
        return rowCount;
    }

    /** The file's row index of the chunk's row {@code row}. */
    public long fileRow(int row) {
        return firstRow + row;
    }

    ColumnReader column(String path) {
        return readers.computeIfAbsent(path, p -> {
            ColumnVector vector = vectors.get(p);
            return vector == null ? ColumnReader.absent() : ColumnReader.of(vector);
        });
    }

    /** The physical type of a leaf the chunk has, or null when the file lacks it. */
    PhysicalType physicalType(String path) {
        ColumnVector vector = vectors.get(path);
        return vector == null ? null : vector.column().physicalType();
    }

    /**
     * An id or parent id ({@code UInt16} or {@code UInt32} stored as INT32) as an unsigned value, or -1 when null.
     */
    long id(String path, int row) {
        ColumnReader c = column(path);
        return c.isNull(row) ? -1 : Integer.toUnsignedLong(c.int32(row));
    }

    OtapException badValue(int row, String what) {
        return new OtapException(OtapException.Reason.BAD_VALUE, file, "row " + fileRow(row) + ": " + what);
    }
}
