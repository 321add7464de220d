package io.pqflux.otap;

import io.opentelemetry.proto.logs.v1.LogsData;
import io.opentelemetry.proto.metrics.v1.MetricsData;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.otap.internal.discovery.ExportScanner;
import io.pqflux.otap.internal.join.SignalReplay;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.ObjectStores;
import java.nio.file.Path;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The output of one OpenTelemetry-Arrow Parquet exporter: a base directory or object-store prefix holding one directory per
 * table, partitioned by {@code _part_id}. Its signals replay as OTLP, one message per rebuilt exporter batch, joined
 * per partition by streaming joins whose memory is bounded by about one batch per table, not by file or partition
 * size.
 *
 * <pre>{@code
 * OtapExport.local(Path.of("/tmp/otap"))
 *     .logs(ReplayOptions.defaults())
 *     .doOnNext(logs -> System.out.println(logs.getResourceLogsCount()))
 *     .blockLast();
 * }</pre>
 *
 * <p>Each subscription lists the base anew. Replays run on the bounded-elastic scheduler, one batch per request
 * (backpressure), and stop reading when cancelled; errors are {@link OtapException}s or the reader's {@link
 * io.pqflux.error.ParquetException}s naming the file.
 */
public final class OtapExport {

    private final ObjectStore store;

    private OtapExport(ObjectStore store) {
        this.store = store;
    }

    /** The export under a local directory (the exporter's {@code storage.file.base_uri}). */
    public static OtapExport local(Path base) {
        return of(ObjectStores.local(Objects.requireNonNull(base, "base")));
    }

    /** The export below {@code base}'s root (a directory, an S3 or Azure prefix). The store stays the caller's. */
    public static OtapExport of(ObjectStore base) {
        return new OtapExport(Objects.requireNonNull(base, "base"));
    }

    /** How messages name the base. */
    public String describe() {
        return store.describe("");
    }

    /** The base's tables, partitions and complete files, listed anew on each subscription. */
    public Mono<ExportListing> listing() {
        return ExportScanner.scan(store);
    }

    /** The logs, one {@code LogsData} per rebuilt exporter batch, partition by partition. */
    public Flux<LogsData> logs(ReplayOptions options) {
        return this.<LogsData>replay(Signal.LOGS, options).map(ReplayedBatch::data);
    }

    /** The traces, one {@code TracesData} per rebuilt exporter batch. */
    public Flux<TracesData> traces(ReplayOptions options) {
        return this.<TracesData>replay(Signal.TRACES, options).map(ReplayedBatch::data);
    }

    /** The metrics, one {@code MetricsData} per rebuilt exporter batch. */
    public Flux<MetricsData> metrics(ReplayOptions options) {
        return this.<MetricsData>replay(Signal.METRICS, options).map(ReplayedBatch::data);
    }

    /** A signal's batches with their positions and unjoined rows, from a fresh listing. */
    public <M extends com.google.protobuf.Message> Flux<ReplayedBatch<M>> replay(Signal signal, ReplayOptions options) {
        return listing().flatMapMany(listing -> replay(listing, signal, options));
    }

    /**
     * A signal's batches over the files of {@code listing} (a receiver replays the snapshot it decided on), partition
     * by partition in the listing's order.
     */
    public <M extends com.google.protobuf.Message> Flux<ReplayedBatch<M>> replay(ExportListing listing, Signal signal,
                                                                               ReplayOptions options) {
        Objects.requireNonNull(listing, "listing");
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(options, "options");
        return SignalReplay.replay(store, listing, signal, options);
    }
}
