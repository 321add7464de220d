package io.pqflux.examples;

import io.pqflux.column.ColumnVector;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import io.pqflux.reader.RowGroupBatch;
import java.nio.file.Path;
import java.util.List;

/** Sums a numeric column, row group by row group: {@code ReadColumnBatches <file.parquet> <column>}. */
public final class ReadColumnBatches {

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        String column = args[1];
        // Only the projected column is read and decoded.
        ReadOptions options = ReadOptions.defaults().withColumns(List.of(column));
        try (ParquetReader reader = ParquetReader.open(file, options)) {
            PhysicalType type = reader.projectedColumns().get(0).physicalType();
            long integerSum = 0;
            double floatingSum = 0;
            long values = 0;
            long nulls = 0;
            for (int rowGroup = 0; rowGroup < reader.rowGroupCount(); rowGroup++) {
                // A batch owns off-heap memory: close it before reading the next one.
                try (RowGroupBatch batch = reader.readRowGroup(rowGroup)) {
                    ColumnVector vector = batch.columns().get(0);
                    // Values are packed densely: valueCount() non-null values; the nulls are only in the levels.
                    for (int i = 0; i < vector.valueCount(); i++) {
                        switch (type) {
                            case INT32 -> integerSum += vector.getInt(i);
                            case INT64 -> integerSum += vector.getLong(i);
                            case FLOAT -> floatingSum += vector.getFloat(i);
                            case DOUBLE -> floatingSum += vector.getDouble(i);
                            default -> throw new IllegalArgumentException(column + " is " + type + ", not a number");
                        }
                    }
                    values += vector.valueCount();
                    nulls += vector.size() - vector.valueCount();
                }
            }
            String sum = type == PhysicalType.FLOAT || type == PhysicalType.DOUBLE
                    ? Double.toString(floatingSum) : Long.toString(integerSum);
            System.out.println("sum of " + column + ": " + sum + " (" + values + " values, " + nulls + " nulls)");
        }
    }
}
