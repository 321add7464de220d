package io.pqflux.flink.internal.parquet;

import io.pqflux.flink.StoreLocation;
import io.pqflux.flink.internal.source.SplitReading;
import io.pqflux.flink.parquet.ParquetSplit;
import io.pqflux.flink.parquet.RecordMapper;
import io.pqflux.reactive.ScanMetrics;
import io.pqflux.reactive.ScanOptions;
import io.pqflux.reactive.dataset.Dataset;
import io.pqflux.reactive.dataset.DatasetBatch;
import io.pqflux.storage.ObjectStore;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;

/**
 * A row group's records through the dataset scan of its one file (partition values as constants, columns the file
 * lacks as nulls, the filter folded for the file): its rows only, the records a restored split had emitted skipped.
 */
final class ParquetReading<T> implements SplitReading<T, ParquetSplit> {

    private final ObjectStore store;
    /** One per reader: its footer cache serves a file's other row groups. */
    private final Dataset dataset;
    private final ScanOptions scan;
    private final RecordMapper<T> mapper;

    ParquetReading(StoreLocation root, ParquetScan scan, RecordMapper<T> mapper, Consumer<ScanMetrics> scanMetrics) {
        this.store = root.open();
        this.dataset = scan.decrypting(Dataset.of(store));
        this.scan = scan.scanOptions().withMetricsListener(scanMetrics);
        this.mapper = mapper;
    }

    @Override
    public Flux<T> pass(ParquetSplit split) {
        ScanOptions options = scan.withReadOptions(scan.readOptions().withRows(split.firstRow(), split.endRow()));
        // mapped (and closed) as each batch arrives: only records wait in the queues below, never a batch
        return dataset.batches(split.file(), options)
                .map(this::map)
                .concatMapIterable(records -> records)
                .skip(split.emitted());
    }

    private List<T> map(DatasetBatch batch) {
        try (batch) {
            return mapper.map(batch);
        }
    }

    @Override
    public Duration repeatDelay() {
        return null;
    }

    @Override
    public void close() {
        store.close();
    }
}
