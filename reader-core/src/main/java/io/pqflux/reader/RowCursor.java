package io.pqflux.reader;

import io.pqflux.column.ColumnVector;
import io.pqflux.error.SourceLocation;
import io.pqflux.error.UnsupportedFeatureException;
import io.pqflux.format.meta.ConvertedType;
import io.pqflux.format.meta.LogicalType;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.logical.LogicalValues;
import io.pqflux.schema.ColumnDescriptor;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A forward-only cursor over the rows of a flat file, one row group in memory at a time. Getters take the
 * field's position in the projection (or its name) and read straight from the column vectors; the
 * cursor allocates nothing per row.
 */
public final class RowCursor implements AutoCloseable {

    private final ParquetReader reader;
    private final List<ColumnDescriptor> columns;
    private final int[] valueIndex;
    private RowGroupBatch batch;
    private List<ColumnVector> vectors;
    private int nextRowGroup;
    private long row = -1;
    /** Position in the batch's selection of the current row. */
    private int selected = -1;

    RowCursor(ParquetReader reader) {
        if (!reader.projectedColumns().stream().allMatch(c -> c.path().size() == 1 && c.maxRepetitionLevel() == 0)) {
            throw new UnsupportedFeatureException("nested schema: not yet supported by the row API",
                    SourceLocation.ofFile(reader.fileName()));
        }
        this.reader = reader;
        this.columns = reader.projectedColumns();
        this.valueIndex = new int[columns.size()];
    }

    public List<ColumnDescriptor> columns() {
        return columns;
    }

    /** Moves to the next row (the next matching one, with a filter); false when there is none. */
    public boolean next() {
        while (batch == null || selected + 1 >= batch.selectedRowCount()) {
            releaseBatch();
            if (nextRowGroup >= reader.rowGroupCount()) return false;
            batch = reader.readRowGroup(nextRowGroup++);
            vectors = batch.columns();
            row = -1;
            selected = -1;
            java.util.Arrays.fill(valueIndex, -1);
        }
        int target = batch.selectedRow(++selected);
        // Rows the filter skipped still hold values: count them to keep each column's value index.
        while (row < target) {
            row++;
            int r = (int) row;
            for (int c = 0; c < valueIndex.length; c++) {
                if (!vectors.get(c).isNull(r)) valueIndex[c]++;
            }
        }
        return true;
    }

    public int fieldIndex(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).dottedPath().equals(name)) return i;
        }
        throw new IllegalArgumentException("no field '" + name + "' in the projection");
    }

    public boolean isNull(int field) {
        return vectors.get(field).isNull((int) row);
    }

    public boolean isNull(String name) {
        return isNull(fieldIndex(name));
    }

    public boolean getBoolean(int field) {
        return vector(field, PhysicalType.BOOLEAN).getBoolean(valueIndex[field]);
    }

    public int getInt(int field) {
        return vector(field, PhysicalType.INT32).getInt(valueIndex[field]);
    }

    public int getInt(String name) {
        return getInt(fieldIndex(name));
    }

    public long getLong(int field) {
        return vector(field, PhysicalType.INT64).getLong(valueIndex[field]);
    }

    public long getLong(String name) {
        return getLong(fieldIndex(name));
    }

    public float getFloat(int field) {
        return vector(field, PhysicalType.FLOAT).getFloat(valueIndex[field]);
    }

    public double getDouble(int field) {
        return vector(field, PhysicalType.DOUBLE).getDouble(valueIndex[field]);
    }

    public double getDouble(String name) {
        return getDouble(fieldIndex(name));
    }

    /** The raw bytes of a BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY or INT96 value; a view valid until {@link #next()}. */
    public MemorySegment getBytes(int field) {
        ColumnVector v = present(field);
        PhysicalType type = v.column().physicalType();
        if (type != PhysicalType.BYTE_ARRAY && type != PhysicalType.FIXED_LEN_BYTE_ARRAY && type != PhysicalType.INT96) {
            throw wrongType(field, "a byte array");
        }
        return v.getBytes(valueIndex[field]);
    }

    public byte[] getBinary(int field) {
        return getBytes(field).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }

    public String getString(int field) {
        return new String(getBinary(field), StandardCharsets.UTF_8);
    }

    public String getString(String name) {
        return getString(fieldIndex(name));
    }

    /**
     * The value as the Java type of its logical type: String, BigDecimal, LocalDate, LocalTime, Instant
     * (UTC-adjusted timestamps and INT96), LocalDateTime (local timestamps), UUID, Float (FLOAT16),
     * Interval, Long/BigInteger for unsigned ints, else the boxed physical value or byte[]; null for null.
     */
    public Object getObject(int field) {
        if (isNull(field)) return null;
        ColumnDescriptor c = columns.get(field);
        LogicalType logical = c.logicalType();
        return switch (c.physicalType()) {
            case BOOLEAN -> getBoolean(field);
            case INT32 -> LogicalValues.fromInt32(getInt(field), logical);
            case INT64 -> LogicalValues.fromInt64(getLong(field), logical);
            case INT96 -> LogicalValues.int96(getBytes(field));
            case FLOAT -> getFloat(field);
            case DOUBLE -> getDouble(field);
            case BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY -> bytesValue(field, logical, c);
        };
    }

    public Object getObject(String name) {
        return getObject(fieldIndex(name));
    }


    private Object bytesValue(int field, LogicalType logical, ColumnDescriptor c) {
        return switch (logical) {
            case LogicalType.StringType s -> getString(field);
            case LogicalType.EnumType e -> getString(field);
            case LogicalType.JsonType j -> getString(field);
            case LogicalType.DecimalType d -> LogicalValues.decimal(getBinary(field), d.scale());
            case LogicalType.UuidType u -> LogicalValues.uuid(getBytes(field));
            case LogicalType.Float16Type f -> LogicalValues.float16(getBytes(field));
            case null -> c.convertedType() == ConvertedType.INTERVAL ? LogicalValues.interval(getBytes(field)) : getBinary(field);
            default -> getBinary(field);
        };
    }

    private ColumnVector vector(int field, PhysicalType expected) {
        ColumnVector v = present(field);
        if (v.column().physicalType() != expected) throw wrongType(field, expected.name());
        return v;
    }

    private ColumnVector present(int field) {
        ColumnVector v = vectors.get(field);
        if (v.isNull((int) row)) {
            throw new IllegalStateException("field '" + columns.get(field).dottedPath() + "' is null in this row");
        }
        return v;
    }

    private IllegalStateException wrongType(int field, String expected) {
        ColumnDescriptor c = columns.get(field);
        return new IllegalStateException("field '" + c.dottedPath() + "' is " + c.physicalType() + ", not " + expected);
    }

    private void releaseBatch() {
        if (batch != null) {
            batch.close();
            batch = null;
            vectors = null;
        }
    }

    /** Releases the current row group; the reader stays open. */
    @Override
    public void close() {
        releaseBatch();
    }
}
