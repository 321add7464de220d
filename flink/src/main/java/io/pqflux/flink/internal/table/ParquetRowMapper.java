package io.pqflux.flink.internal.table;

import io.pqflux.flink.parquet.RecordMapper;
import io.pqflux.format.meta.ConvertedType;
import io.pqflux.format.meta.LogicalType.TimestampType;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.format.meta.TimeUnit;
import io.pqflux.nested.SlotReader;
import io.pqflux.reactive.dataset.DatasetBatch;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.schema.ColumnDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;

/**
 * A dataset batch as table rows: each column of the table read from its vector (or its constant) into Flink's
 * internal form for the declared type. Which reader a column gets is decided once per batch from the declared type
 * and the file's type, and a pair that does not fit fails naming the file and the column.
 */
final class ParquetRowMapper implements RecordMapper<RowData> {

    private static final long serialVersionUID = 1L;
    private static final long JULIAN_EPOCH_DAY = 2_440_588;
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    private final RowType read;
    private final int emitted;

    /** Reads the columns of {@code read}; rows carry the first {@code emitted} of them (0 for a count of rows). */
    ParquetRowMapper(RowType read, int emitted) {
        this.read = read;
        this.emitted = emitted;
    }

    /** One column's value in a row of the batch, in Flink's internal form (null for null). */
    @FunctionalInterface
    private interface FieldReader {
        Object value(int row);
    }

    @Override
    public List<RowData> map(DatasetBatch batch) {
        FieldReader[] fields = new FieldReader[emitted];
        for (int i = 0; i < emitted; i++) fields[i] = reader(batch, i);
        RowGroupBatch data = batch.data();
        List<RowData> rows = new ArrayList<>(data.selectedRowCount());
        for (int s = 0; s < data.selectedRowCount(); s++) {
            int row = data.selectedRow(s);
            GenericRowData out = new GenericRowData(emitted);
            for (int i = 0; i < emitted; i++) out.setField(i, fields[i].value(row));
            rows.add(out);
        }
        return rows;
    }

    private FieldReader reader(DatasetBatch batch, int index) {
        String name = read.getFieldNames().get(index);
        LogicalType type = read.getTypeAt(index);
        return switch (batch.column(index)) {
            case DatasetBatch.Column.Constant constant -> {
                Object value = constant(constant.value(), type, name, batch);
                yield row -> value;
            }
            case DatasetBatch.Column.Vector vector -> vectorReader(SlotReader.of(vector.vector()), vector.vector().column(), type, name, batch);
        };
    }

    private static Object constant(Object value, LogicalType type, String name, DatasetBatch batch) {
        if (value == null) return null;
        return switch (type.getTypeRoot()) {
            case CHAR, VARCHAR -> StringData.fromString(value.toString());
            case BIGINT -> value instanceof Long number ? number : mismatch(name, type, "a string partition value", batch);
            case INTEGER -> value instanceof Long number && number == number.intValue() ? number.intValue()
                    : mismatch(name, type, "the partition value " + value, batch);
            default -> mismatch(name, type, "a partition value", batch);
        };
    }

    private static FieldReader vectorReader(SlotReader values, ColumnDescriptor column, LogicalType type, String name, DatasetBatch batch) {
        if (column.maxRepetitionLevel() > 0) mismatch(name, type, "a repeated column", batch);
        PhysicalType physical = column.physicalType();
        FieldReader reader = switch (type.getTypeRoot()) {
            case BOOLEAN -> physical == PhysicalType.BOOLEAN ? values::bool : null;
            case TINYINT -> physical == PhysicalType.INT32 ? row -> (byte) values.int32(row) : null;
            case SMALLINT -> physical == PhysicalType.INT32 ? row -> (short) values.int32(row) : null;
            case INTEGER, DATE -> physical == PhysicalType.INT32 ? values::int32 : null;
            case BIGINT -> switch (physical) {
                case INT64 -> values::int64;
                case INT32 -> row -> (long) values.int32(row);
                default -> null;
            };
            case FLOAT -> physical == PhysicalType.FLOAT ? values::float32 : null;
            case DOUBLE -> switch (physical) {
                case DOUBLE -> values::float64;
                case FLOAT -> row -> (double) values.float32(row);
                default -> null;
            };
            case CHAR, VARCHAR -> physical == PhysicalType.BYTE_ARRAY ? row -> StringData.fromBytes(values.byteArray(row)) : null;
            case BINARY, VARBINARY -> physical == PhysicalType.BYTE_ARRAY || physical == PhysicalType.FIXED_LEN_BYTE_ARRAY
                    ? values::byteArray : null;
            case TIMESTAMP_WITHOUT_TIME_ZONE, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> timestamp(values, column);
            case DECIMAL -> decimal(values, column, (DecimalType) type);
            default -> null;
        };
        if (reader == null) mismatch(name, type, physical + describe(column), batch);
        return row -> values.isNull(row) ? null : reader.value(row);
    }

    private static FieldReader timestamp(SlotReader values, ColumnDescriptor column) {
        if (column.physicalType() == PhysicalType.INT96) {
            return row -> {
                MemorySegment bytes = values.bytes(row);
                long nanosOfDay = bytes.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0);
                long julianDay = bytes.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 8);
                long epochNanosOfDay = Math.floorMod(nanosOfDay, NANOS_PER_DAY);
                long millis = Math.multiplyExact(julianDay - JULIAN_EPOCH_DAY, 86_400_000L) + epochNanosOfDay / 1_000_000;
                return TimestampData.fromEpochMillis(millis, (int) (epochNanosOfDay % 1_000_000));
            };
        }
        if (column.physicalType() != PhysicalType.INT64) return null;
        TimeUnit unit = column.logicalType() instanceof TimestampType timestamp ? timestamp.unit()
                : column.convertedType() == ConvertedType.TIMESTAMP_MILLIS ? TimeUnit.MILLIS
                : column.convertedType() == ConvertedType.TIMESTAMP_MICROS ? TimeUnit.MICROS : null;
        if (unit == null) return null;
        long perMilli = switch (unit) {
            case MILLIS -> 1;
            case MICROS -> 1_000;
            case NANOS -> 1_000_000;
        };
        return row -> {
            long units = values.int64(row);
            return TimestampData.fromEpochMillis(Math.floorDiv(units, perMilli),
                    (int) (Math.floorMod(units, perMilli) * (1_000_000 / perMilli)));
        };
    }

    private static FieldReader decimal(SlotReader values, ColumnDescriptor column, DecimalType type) {
        if (column.convertedType() != ConvertedType.DECIMAL && !(column.logicalType() instanceof io.pqflux.format.meta.LogicalType.DecimalType)) {
            return null;
        }
        int scale = column.scale();
        if (scale != type.getScale()) return null;
        int precision = type.getPrecision();
        return switch (column.physicalType()) {
            case INT32 -> row -> DecimalData.fromUnscaledLong(values.int32(row), precision, scale);
            case INT64 -> row -> DecimalData.fromUnscaledLong(values.int64(row), precision, scale);
            case BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY -> row -> DecimalData.fromBigDecimal(
                    new BigDecimal(new BigInteger(values.byteArray(row)), scale), precision, scale);
            default -> null;
        };
    }

    private static String describe(ColumnDescriptor column) {
        if (column.logicalType() != null) return " (" + column.logicalType() + ")";
        return column.convertedType() != null ? " (" + column.convertedType() + ")" : "";
    }

    private static <T> T mismatch(String name, LogicalType type, String found, DatasetBatch batch) {
        throw new ValidationException("column '" + name + "' is declared " + type + " but " + batch.file().identity().name()
                + " has " + found + " there; declare a type that reads it (docs/scale-out.md lists the pairs)");
    }

    static boolean supported(LogicalTypeRoot root) {
        return switch (root) {
            case BOOLEAN, TINYINT, SMALLINT, INTEGER, DATE, BIGINT, FLOAT, DOUBLE, CHAR, VARCHAR, BINARY, VARBINARY,
                 TIMESTAMP_WITHOUT_TIME_ZONE, TIMESTAMP_WITH_LOCAL_TIME_ZONE, DECIMAL -> true;
            default -> false;
        };
    }
}
