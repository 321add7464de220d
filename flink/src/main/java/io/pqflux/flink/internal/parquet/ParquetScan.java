package io.pqflux.flink.internal.parquet;

import io.pqflux.filter.Predicate;
import io.pqflux.reader.ReadOptions;
import java.io.Serializable;
import java.util.List;

/**
 * What a Parquet source reads, as values a job can ship: the projection (null: every column), the filter (null:
 * every row) and the rows per batch.
 */
public record ParquetScan(List<String> columns, Predicate filter, int batchRows) implements Serializable {

    public ParquetScan {
        columns = columns == null ? null : List.copyOf(columns);
        if (batchRows < 1) throw new IllegalArgumentException("batchRows " + batchRows + " < 1");
    }

    ReadOptions readOptions() {
        ReadOptions options = ReadOptions.defaults().withColumns(columns);
        return filter == null ? options : options.withFilter(filter);
    }
}
