package io.pqflux.flink.internal.parquet;

import io.pqflux.flink.StoreLocation;
import io.pqflux.flink.internal.source.SplitReading;
import io.pqflux.flink.parquet.ParquetSplit;
import io.pqflux.flink.parquet.RecordMapper;
import io.pqflux.reactive.ParquetFlux;
import io.pqflux.reactive.ScanMetrics;
import io.pqflux.reactive.ScanOptions;
import io.pqflux.storage.ObjectStore;
import java.time.Duration;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;

/** A row group's records through the reactive pipeline: its rows only, the records a restored split had emitted skipped. */
final class ParquetReading<T> implements SplitReading<T, ParquetSplit> {

    private final ObjectStore store;
    private final ParquetScan scan;
    private final RecordMapper<T> mapper;
    private final Consumer<ScanMetrics> scanMetrics;

    ParquetReading(StoreLocation root, ParquetScan scan, RecordMapper<T> mapper, Consumer<ScanMetrics> scanMetrics) {
        this.store = root.open();
        this.scan = scan;
        this.mapper = mapper;
        this.scanMetrics = scanMetrics;
    }

    @Override
    public Flux<T> pass(ParquetSplit split) {
        ScanOptions options = ScanOptions.defaults().withBatchRows(scan.batchRows()).withMetricsListener(scanMetrics)
                .withReadOptions(scan.readOptions().withRows(split.firstRow(), split.endRow()));
        return ParquetFlux.read(store, split.path(), 0, options, mapper).skip(split.emitted());
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
