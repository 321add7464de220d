package io.pqflux.flink.internal.otap;

import com.google.protobuf.Message;
import io.pqflux.flink.StoreLocation;
import io.pqflux.flink.internal.source.SplitReading;
import io.pqflux.flink.otap.OtapSplit;
import io.pqflux.otap.OtapExport;
import io.pqflux.otap.PartFile;
import io.pqflux.otap.ReplayOptions;
import io.pqflux.reactive.ScanMetrics;
import io.pqflux.storage.ObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;

/**
 * A partition's batches not emitted yet, as {@code OtapExport.replay} rebuilds them from a fresh listing. A
 * continuous pass, like the receiver's poll, joins only root files at least {@code minFileAge} old (their children may
 * be flushed after them).
 */
final class OtapReading implements SplitReading<ListedBatch, OtapSplit> {

    private final ObjectStore store;
    private final OtapExport export;
    private final OtapReplay replay;
    private final Consumer<ScanMetrics> scanMetrics;
    private final Clock clock = Clock.systemUTC();

    private OtapReading(ObjectStore store, OtapReplay replay, Consumer<ScanMetrics> scanMetrics) {
        this.store = store;
        this.export = OtapExport.of(store);
        this.replay = replay;
        this.scanMetrics = scanMetrics;
    }

    static SplitReading.Factory<ListedBatch, OtapSplit> factory(StoreLocation location, OtapReplay replay) {
        return scanMetrics -> new OtapReading(location.open(), replay, scanMetrics);
    }

    @Override
    public Flux<ListedBatch> pass(OtapSplit split) {
        long minAgeMillis = replay.minFileAge().toMillis();
        ReplayOptions options = ReplayOptions.defaults().withJoinMode(replay.joinMode()).withMaxWindowRows(replay.maxWindowRows())
                .withPartitions(Set.of(split.partition())).withMetricsListener(scanMetrics)
                .withRootFiles(file -> minAgeMillis <= 0 || clock.millis() - file.createdMillis() >= minAgeMillis);
        return export.listing().flatMapMany(listing -> {
            List<PartFile> roots = listing.files(replay.signal().root(), split.partition());
            ReplayOptions partition = options.withProgress(Map.of(split.partition(), split.progress().against(roots)));
            return export.<Message>replay(listing, replay.signal(), partition).map(batch -> new ListedBatch(batch, roots));
        });
    }

    @Override
    public Duration repeatDelay() {
        return replay.pollInterval();
    }

    @Override
    public void close() {
        store.close();
    }
}
