package io.pqflux.flink.internal.parquet;

import io.pqflux.filter.Predicate;
import io.pqflux.flink.KeySource;
import io.pqflux.reactive.ScanOptions;
import io.pqflux.reactive.dataset.Dataset;
import io.pqflux.reactive.dataset.DatasetIndex;
import io.pqflux.reader.ReadOptions;
import io.pqflux.storage.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * What a Parquet source reads, as values a job can ship: the columns (leaf paths and partition keys; batch column
 * {@code i} is column {@code i}), the filter (null: every row), the rows per batch, whether the planner reads
 * the dataset's index sidecar ({@value DatasetIndex#FILE_NAME} at the root) to skip files, and where the keys of
 * encrypted files come from (null: none is encrypted).
 */
public record ParquetScan(List<String> columns, Predicate filter, int batchRows, boolean useIndex, KeySource keys)
        implements Serializable {

    public ParquetScan {
        columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
        if (batchRows < 1) throw new IllegalArgumentException("batchRows " + batchRows + " < 1");
    }

    /** The dataset below {@code store}, with its index sidecar when there is one and it is used. */
    Dataset dataset(ObjectStore store) {
        Dataset dataset = decrypting(Dataset.of(store));
        if (!useIndex) return dataset;
        byte[] sidecar = store.readBytes(DatasetIndex.FILE_NAME).block();
        return sidecar == null ? dataset : dataset.withIndex(DatasetIndex.read(new ByteArrayInputStream(sidecar)));
    }

    ScanOptions scanOptions() {
        ReadOptions read = readOptions().withColumns(columns);
        return ScanOptions.defaults().withBatchRows(batchRows).withReadOptions(filter == null ? read : read.withFilter(filter));
    }

    /** The defaults, with the keys when there are. */
    ReadOptions readOptions() {
        return keys == null ? ReadOptions.defaults() : ReadOptions.defaults().withDecryption(keys.keys());
    }

    /** {@code dataset} reading its files with the keys when there are. */
    Dataset decrypting(Dataset dataset) {
        return keys == null ? dataset : dataset.withDecryption(keys.keys());
    }
}
