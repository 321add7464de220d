package io.pqflux.reactive;

import io.pqflux.io.InputFile;
import io.pqflux.io.MappedInputFile;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.RemoteObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Parquet files as Reactor {@link Flux}es: decoded batches, or values mapped from them, in file order, with
 * backpressure, bounded read-ahead and a memory budget ({@link ScanOptions}). Each subscription opens the file anew
 * and closes it when done; cancelling releases everything in flight; errors arrive as the reader's typed
 * {@link io.pqflux.error.ParquetException}s, after everything in flight has been released.
 *
 * <pre>{@code
 * ParquetFlux.batches(path, ScanOptions.defaults().withMemoryBudget(64 << 20))
 *     .concatMap(batch -> { try (batch) { return Mono.just(sum(batch.batch())); } })
 * }</pre>
 *
 * <p>Batches that operators after this one drop (for example {@code filter}) are not seen by the pipeline: close
 * them there, or add {@code .doOnDiscard(ParquetBatch.class, ParquetBatch::close)} at the end of the chain. A batch
 * that is never closed is eventually freed by a safety net and reported, but holds its share of the budget until
 * then.
 */
public final class ParquetFlux {

    private ParquetFlux() {
    }

    /** The file's batches, memory-mapped: decoding runs on the decode scheduler without blocking. */
    public static Flux<ParquetBatch> batches(Path file, ScanOptions options) {
        Objects.requireNonNull(file, "file");
        return new FileScan(file.toString(), () -> MappedInputFile.open(file), options).batches();
    }

    /**
     * The batches of the file at {@code path} in {@code store}, opened on each subscription with {@link
     * ObjectStore#openInputFile} (footer prefetched with {@code footerSizeHint}, 0 when unknown). A local store's files
     * are mapped (small ones read into pooled memory as their ranges are first read); a remote object's per slice the ranges of its column chunks merged across columns and fetched with
     * asynchronous requests into pooled memory, counted in the budget and released once the columns using them are
     * decoded; the columns decode in parallel on the decode scheduler. Reads needing the page index (row ranges, a
     * filter) read it on the I/O scheduler. {@link ScanOptions#metricsListener()} also hears the requests, retries and
     * bytes fetched.
     */
    public static Flux<ParquetBatch> batches(ObjectStore store, String path, long footerSizeHint, ScanOptions options) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(path, "path");
        return batches(store.describe(path), () -> store.openInputFile(path, footerSizeHint), options);
    }

    /** {@link #batches(ObjectStore, String, long, ScanOptions)} mapped, as {@link #read(Path, ScanOptions, BatchMapper)}. */
    public static <T> Flux<T> read(ObjectStore store, String path, long footerSizeHint, ScanOptions options,
            BatchMapper<T> mapper) {
        return mapped(batches(store, path, footerSizeHint, options), options, mapper);
    }

    /**
     * The batches of any source: opening (and, unless the file reads in place, planning and reading) run on the I/O
     * scheduler, decoding on the decode scheduler. {@code source} is called once per subscription; the scan owns and
     * closes what it returns. A file offering a {@link RemoteObject} has its column chunks fetched through it.
     */
    public static Flux<ParquetBatch> batches(String name, Supplier<InputFile> source, ScanOptions options) {
        Objects.requireNonNull(source, "source");
        return new FileScan(name, source::get, options).batches();
    }

    /**
     * Values mapped from each batch on the decode scheduler, up to {@link ScanOptions#slicesInFlight()} batches at once;
     * every batch is closed right after it is mapped, so no
     * batch outlives the pipeline. Values come in file order.
     */
    public static <T> Flux<T> read(Path file, ScanOptions options, BatchMapper<T> mapper) {
        return mapped(batches(file, options), options, mapper);
    }

    /** {@link #read(Path, ScanOptions, BatchMapper)} over a source that may block. */
    public static <T> Flux<T> read(String name, Supplier<InputFile> source, ScanOptions options, BatchMapper<T> mapper) {
        return mapped(batches(name, source, options), options, mapper);
    }

    /**
     * Maps up to {@link ScanOptions#slicesInFlight()} batches at once on the decode scheduler (mapping into OTLP or
     * rows costs as much as decoding), values still in file order. A batch has one release point: whichever of its
     * mapping task, its cancellation and the end of the subscription claims it first closes it. The last is needed
     * because {@code flatMapSequential} may turn a batch into its mapping {@code Mono} and then, cancelled, never
     * subscribe to it.
     */
    private static <T> Flux<T> mapped(Flux<ParquetBatch> batches, ScanOptions options, BatchMapper<T> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        return Flux.defer(() -> {
            Set<Claim> unclaimed = ConcurrentHashMap.newKeySet();
            AtomicBoolean ended = new AtomicBoolean();
            return batches.flatMapSequential(batch -> {
                        Claim claim = new Claim(batch, unclaimed);
                        unclaimed.add(claim);
                        // the subscription may have ended (and swept) while this batch was on its way
                        if (ended.get()) claim.release();
                        return mapOnWorker(claim, mapper, options.decodeScheduler());
                    }, options.slicesInFlight(), 1)
                    .concatMapIterable(values -> values)
                    .doFinally(signal -> {
                        ended.set(true);
                        unclaimed.forEach(Claim::release);
                    })
                    .doOnDiscard(ParquetBatch.class, ParquetBatch::close);
        });
    }

    /** A batch waiting to be mapped; whoever takes it first owns (and closes) it. */
    private static final class Claim {
        private final ParquetBatch batch;
        private final Set<Claim> unclaimed;
        private final AtomicBoolean taken = new AtomicBoolean();

        Claim(ParquetBatch batch, Set<Claim> unclaimed) {
            this.batch = batch;
            this.unclaimed = unclaimed;
        }

        /** The batch, for the caller to map and close, or {@code null} when someone else took it. */
        ParquetBatch take() {
            if (!taken.compareAndSet(false, true)) return null;
            unclaimed.remove(this);
            return batch;
        }

        void release() {
            ParquetBatch unmapped = take();
            if (unmapped != null) unmapped.close();
        }
    }

    /** Like the scan's own tasks, a mapping task is never disposed once scheduled: it runs to its end. */
    private static <T> Mono<List<T>> mapOnWorker(Claim claim, BatchMapper<T> mapper, Scheduler scheduler) {
        return Mono.create(sink -> {
            sink.onCancel(claim::release);
            try {
                scheduler.schedule(() -> {
                    ParquetBatch batch = claim.take();
                    if (batch == null) return;
                    List<T> values;
                    try (batch) {
                        values = mapper.map(batch.batch());
                    } catch (Throwable e) {
                        sink.error(e);
                        return;
                    }
                    sink.success(values);
                });
            } catch (RejectedExecutionException rejected) {
                claim.release();
                sink.error(rejected);
            }
        });
    }
}
