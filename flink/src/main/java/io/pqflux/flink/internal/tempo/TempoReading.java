package io.pqflux.flink.internal.tempo;

import io.pqflux.flink.StoreLocation;
import io.pqflux.flink.internal.source.SplitReading;
import io.pqflux.flink.tempo.TempoSplit;
import io.pqflux.reactive.ScanMetrics;
import io.pqflux.storage.ObjectStore;
import io.pqflux.tempo.TempoBlock;
import io.pqflux.tempo.TempoTenant;
import io.pqflux.tempo.TraceReadOptions;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A row group's traces or spans: the block opened from its {@code meta.json} (one read per split), its rows read
 * through {@code TraceReadOptions.withRows}, the records a restored split had emitted skipped.
 */
final class TempoReading<T> implements SplitReading<T, TempoSplit> {

    private final ObjectStore store;
    private final TempoTenant tenant;
    private final TraceReadOptions options;
    private final BiFunction<TempoBlock, TraceReadOptions, Flux<T>> records;

    TempoReading(StoreLocation root, TempoScan scan, Consumer<ScanMetrics> scanMetrics,
                 BiFunction<TempoBlock, TraceReadOptions, Flux<T>> records) {
        this.store = root.open();
        this.tenant = TempoTenant.of(store, scan.tenant());
        TraceReadOptions base = scan.options();
        this.options = base.withScanOptions(base.scanOptions().withMetricsListener(scanMetrics));
        this.records = records;
    }

    @Override
    public Flux<T> pass(TempoSplit split) {
        return Mono.fromCallable(() -> tenant.block(split.block()))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapMany(block -> records.apply(block, options.withRows(split.firstRow(), split.endRow())))
                .skip(split.emitted());
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
