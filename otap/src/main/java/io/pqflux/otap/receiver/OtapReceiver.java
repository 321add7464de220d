package io.pqflux.otap.receiver;

import com.google.protobuf.Message;
import io.pqflux.error.ParquetException;
import io.pqflux.otap.ExportListing;
import io.pqflux.otap.OtapException;
import io.pqflux.otap.OtapExport;
import io.pqflux.otap.PartFile;
import io.pqflux.otap.ReplayOptions;
import io.pqflux.otap.ReplayedBatch;
import io.pqflux.otap.Signal;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Follows an export and delivers its signals' rebuilt batches to a {@link ReceiverSink}, recording each delivery in a
 * durable {@link Checkpoint} so that a restart skips the batches it records.
 *
 * <p>Each poll lists the export, then replays the chosen signals one after the other over that listing, each
 * partition skipping the batches its checkpoint records. Those are recorded per root file: a root file may become
 * visible after a later one of its partition (docs/otap-format.md §5.2), and its batches are delivered when it does.
 * Root files younger than {@link ReceiverOptions#minFileAge()} wait for a later poll, and a partition yields batches only once its root files are there (children may be flushed before
 * their parents). Batches are delivered one at a time: the checkpoint is written after the sink has completed the
 * delivery, so the sink decides the guarantee ({@link FileSink}: exactly-once; {@link OtlpHttpSink}: at-least-once).
 *
 * <p>Continue on error: when a file's replay fails with an error naming it ({@link ParquetException}, {@link
 * OtapException}: corrupt Parquet, columns the exporter never writes), the file is recorded in the checkpoint's
 * quarantine, reported as {@link ReceiverEvent.Quarantined}, and left out of this and every later replay; the rest of
 * its partition and the other partitions go on. Any other error (the sink's, the store's) ends the run.
 */
public final class OtapReceiver {

    private final BatchSource source;
    private final ReceiverSink sink;
    private final ReceiverOptions options;
    /** Written on the bounded-elastic threads the run's steps hop between, one step at a time. */
    private volatile Checkpoint checkpoint = Checkpoint.empty();

    private OtapReceiver(BatchSource source, ReceiverSink sink, ReceiverOptions options) {
        this.source = source;
        this.sink = sink;
        this.options = options;
    }

    /** A receiver of {@code export} delivering to {@code sink}; the sink stays the caller's to close. */
    public static OtapReceiver create(OtapExport export, ReceiverSink sink, ReceiverOptions options) {
        return over(BatchSource.of(Objects.requireNonNull(export, "export")), sink, options);
    }

    static OtapReceiver over(BatchSource source, ReceiverSink sink, ReceiverOptions options) {
        return new OtapReceiver(source, Objects.requireNonNull(sink, "sink"), Objects.requireNonNull(options, "options"));
    }

    /**
     * Loads the checkpoint, starts the sink at the checkpoint's committed length, and polls: once, or with {@link
     * ReceiverOptions#follow()} every poll interval until cancelled. Emits an event per delivered batch, per quarantined
     * file and per poll. Subscribe once at a time.
     */
    public Flux<ReceiverEvent> run() {
        Flux<ReceiverEvent> poll = Flux.defer(() -> source.listing().flatMapMany(this::poll));
        Flux<ReceiverEvent> polls = options.follow()
                ? poll.repeatWhen(completions -> completions.delayElements(options.pollInterval()))
                : poll;
        return Mono.fromRunnable(this::begin).subscribeOn(Schedulers.boundedElastic()).thenMany(polls);
    }

    /** What has been delivered so far (the last checkpoint written). */
    public Checkpoint checkpoint() {
        return checkpoint;
    }

    private void begin() {
        checkpoint = options.checkpoint().map(Checkpoint::load).orElse(Checkpoint.empty());
        sink.start(checkpoint.sinkLength());
    }

    private Flux<ReceiverEvent> poll(ExportListing listing) {
        return Flux.fromIterable(options.signals())
                .concatMap(signal -> replay(listing, signal))
                .concatWith(Mono.fromSupplier(() -> polled(listing)));
    }

    /** One signal over the listing; after a quarantine, again over what is left, from the checkpoint. */
    private Flux<ReceiverEvent> replay(ExportListing listing, Signal signal) {
        return Flux.defer(() -> {
            // per-file records from here on, none for root files deleted since (retention); written with the next delivery
            checkpoint = checkpoint.against(signal, listing);
            ExportListing usable = withoutQuarantined(listing);
            ReplayOptions replay = options.replay().withProgress(checkpoint.progress(signal))
                    .withRootFiles(this::oldEnough);
            // materialized, so that a replay's error waits behind the batches it emitted before it, while a delivery's
            // error ends the run at once (the next batch must not be delivered after one that was not)
            return source.replay(usable, signal, replay).materialize()
                    // one batch rebuilt ahead while the previous one is delivered: memory stays at two batches
                    .concatMap(s -> s.isOnNext() ? deliver(s.get())
                            : s.isOnError() ? afterFailure(s.getThrowable(), listing, usable, signal) : Flux.empty(), 1);
        });
    }

    /** A replay error naming a listed file quarantines it and replays the rest; any other ends the run. */
    private Flux<ReceiverEvent> afterFailure(Throwable error, ExportListing listing, ExportListing usable, Signal signal) {
        return failedFile(error, usable)
                .map(file -> quarantine(signal, file, error).concatWith(replay(listing, signal)))
                .orElseGet(() -> Flux.error(error));
    }

    private Mono<ReceiverEvent> deliver(ReplayedBatch<Message> batch) {
        return sink.deliver(batch).flatMap(length -> Mono.fromCallable(() -> {
            store(checkpoint.withDelivered(batch.signal(), batch.position(), length));
            return (ReceiverEvent) new ReceiverEvent.Delivered(batch.signal(), batch.position(), batch.records(),
                    batch.unjoined(), length);
        }).subscribeOn(Schedulers.boundedElastic()));
    }

    private Flux<ReceiverEvent> quarantine(Signal signal, PartFile file, Throwable error) {
        QuarantinedFile quarantined = new QuarantinedFile(file.path(), String.valueOf(error.getMessage()));
        return Mono.fromCallable(() -> {
            store(checkpoint.withQuarantined(quarantined));
            return (ReceiverEvent) new ReceiverEvent.Quarantined(signal, quarantined);
        }).subscribeOn(Schedulers.boundedElastic()).flux();
    }

    private void store(Checkpoint next) {
        options.checkpoint().ifPresent(next::write);
        checkpoint = next;
    }

    private boolean oldEnough(PartFile file) {
        return options.clock().millis() - file.createdMillis() >= options.minFileAge().toMillis();
    }

    private ExportListing withoutQuarantined(ExportListing listing) {
        Checkpoint current = checkpoint;
        return new ExportListing(listing.base(),
                listing.files().stream().filter(f -> !current.isQuarantined(f.path())).toList(), listing.skipped());
    }

    private ReceiverEvent.Polled polled(ExportListing listing) {
        ExportListing usable = withoutQuarantined(listing);
        Set<io.pqflux.otap.OtapTable> roots = new HashSet<>();
        for (Signal signal : options.signals()) roots.add(signal.root());
        int waiting = (int) usable.files().stream().filter(f -> roots.contains(f.table()) && !oldEnough(f)).count();
        return new ReceiverEvent.Polled(usable.files().size(), usable.partitions().size(), waiting);
    }

    /** The listed file an error names, if it names one: the replay's errors name files as the store describes them. */
    static Optional<PartFile> failedFile(Throwable error, ExportListing listing) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            String named = switch (e) {
                case ParquetException p -> p.location().file();
                case OtapException o -> o.source();
                default -> null;
            };
            if (named == null) continue;
            String path = named.replace('\\', '/');
            Optional<PartFile> file = listing.files().stream()
                    .filter(f -> path.equals(f.path()) || path.endsWith("/" + f.path())).findFirst();
            if (file.isPresent()) return file;
        }
        return Optional.empty();
    }
}
