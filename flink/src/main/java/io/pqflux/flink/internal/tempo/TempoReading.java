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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A row group's traces or spans: the block opened from its {@code meta.json}, its rows read through
 * {@code TraceReadOptions.withRows}, the records a restored split had emitted skipped. The blocks of recent splits
 * stay open (their meta and schema read once), since a block's row groups are usually several splits.
 */
final class TempoReading<T> implements SplitReading<T, TempoSplit> {

    /** Blocks kept open per reader: a few more than the splits it runs at once. */
    private static final int OPEN_BLOCKS = 16;

    private final ObjectStore store;
    private final TempoTenant tenant;
    private final TraceReadOptions options;
    private final BiFunction<TempoBlock, TraceReadOptions, Flux<T>> records;
    /** Guarded by itself: passes open blocks on the bounded-elastic threads. */
    private final Map<UUID, TempoBlock> blocks = new LinkedHashMap<>(OPEN_BLOCKS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, TempoBlock> eldest) {
            return size() > OPEN_BLOCKS;
        }
    };

    TempoReading(StoreLocation root, TempoScan scan, Consumer<ScanMetrics> scanMetrics,
                 BiFunction<TempoBlock, TraceReadOptions, Flux<T>> records) {
        this.store = root.open();
        this.tenant = scan.tenantIn(store);
        TraceReadOptions base = scan.options();
        this.options = base.withScanOptions(base.scanOptions().withMetricsListener(scanMetrics));
        this.records = records;
    }

    @Override
    public Flux<T> pass(TempoSplit split) {
        return block(split.block())
                .flatMapMany(block -> records.apply(block, options.withRows(split.firstRow(), split.endRow())))
                .skip(split.emitted());
    }

    /**
     * The split's block, its meta read once per reader; read without blocking a thread (a pass waiting on a
     * bounded-elastic thread for the read, which a local store runs there too, could wait behind itself).
     */
    private Mono<TempoBlock> block(UUID id) {
        return Mono.defer(() -> {
            synchronized (blocks) {
                TempoBlock open = blocks.get(id);
                if (open != null) return Mono.just(open);
            }
            // read outside the lock: another pass may read the same meta meanwhile
            return tenant.liveBlock(id).map(block -> {
                synchronized (blocks) {
                    return blocks.computeIfAbsent(id, k -> block);
                }
            });
        });
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
