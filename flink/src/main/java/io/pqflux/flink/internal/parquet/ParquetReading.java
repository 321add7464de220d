package io.pqflux.flink.internal.parquet;

import io.pqflux.flink.StoreLocation;
import io.pqflux.flink.internal.source.SplitReading;
import io.pqflux.flink.parquet.ParquetSplit;
import io.pqflux.flink.parquet.RecordMapper;
import io.pqflux.reactive.ParquetFlux;
import io.pqflux.reactive.ScanMetrics;
import io.pqflux.reactive.ScanOptions;
import io.pqflux.reactive.dataset.Dataset;
import io.pqflux.reader.FooterCache;
import io.pqflux.reader.ReadOptions;
import io.pqflux.storage.ObjectStore;
import java.time.Duration;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;

/** A row group's records through the reactive pipeline: its rows only, the records a restored split had emitted skipped. */
final class ParquetReading<T> implements SplitReading<T, ParquetSplit> {

    private final ObjectStore store;
    private final ReadOptions read;
    private final ScanOptions scan;
    private final RecordMapper<T> mapper;

    ParquetReading(StoreLocation root, ParquetScan scan, RecordMapper<T> mapper, Consumer<ScanMetrics> scanMetrics) {
        this.store = root.open();
        // a file's row groups are several splits: its footer is read once per reader, not once per split
        this.read = scan.readOptions().withFooterCache(FooterCache.ofMaxBytes(Dataset.DEFAULT_FOOTER_CACHE_BYTES));
        this.scan = ScanOptions.defaults().withBatchRows(scan.batchRows()).withMetricsListener(scanMetrics);
        this.mapper = mapper;
    }

    @Override
    public Flux<T> pass(ParquetSplit split) {
        ScanOptions options = scan.withReadOptions(read.withRows(split.firstRow(), split.endRow()));
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
