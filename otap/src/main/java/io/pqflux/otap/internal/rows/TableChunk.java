package io.pqflux.otap.internal.rows;

import io.pqflux.column.ColumnVector;
import io.pqflux.format.meta.LogicalType;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.nested.SlotReader;
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
    private final Map<String, SlotReader> readers = new HashMap<>();

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

    SlotReader column(String path) {
        return readers.computeIfAbsent(path, p -> {
            ColumnVector vector = vectors.get(p);
            return vector == null ? SlotReader.absent() : SlotReader.of(vector);
        });
    }

    /** The physical type of a leaf the chunk has, or null when the file lacks it. */
    PhysicalType physicalType(String path) {
        ColumnVector vector = vectors.get(path);
        return vector == null ? null : vector.column().physicalType();
    }

    /**
     * An id or parent id column, checked to be what the exporter writes: INT32 ({@code UInt16} or {@code UInt32}).
     * 64-bit ids are refused with a clear error until the exporter writes them.
     */
    SlotReader idColumn(String path) {
        PhysicalType type = physicalType(path);
        if (type != null && type != PhysicalType.INT32) {
            throw new OtapException(type == PhysicalType.INT64 ? OtapException.Reason.UNSUPPORTED
                    : OtapException.Reason.BAD_SCHEMA, file, path + " is " + type
                    + "; the exporter writes ids as INT32 (UInt16 or UInt32), 64-bit ids are not supported");
        }
        return column(path);
    }

    /**
     * Whether the id column {@code path} is stored wider than 16 bits. The exporter writes the id column of a logs batch
     * without attributed logs from its UInt16 template (null ids), and a width change starts a new file (or stops the
     * exporter), so a file of UInt32 ids holds no batch without ids.
     */
    public boolean wideIds(String path) {
        ColumnVector vector = vectors.get(path);
        return vector != null && vector.column().logicalType() instanceof LogicalType.IntType type
                && type.bitWidth() > 16;
    }

    /** An id read as unsigned, or -1 when null. */
    static long id(SlotReader column, int row) {
        return column.isNull(row) ? -1 : Integer.toUnsignedLong(column.int32(row));
    }

    OtapException badValue(int row, String what) {
        return new OtapException(OtapException.Reason.BAD_VALUE, file, "row " + fileRow(row) + ": " + what);
    }
}
