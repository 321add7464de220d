package io.pqflux.reactive;

import io.pqflux.io.InputFile;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.reactive.internal.pipeline.MemoryBudget;
import io.pqflux.reactive.internal.pipeline.SharedReader;
import io.pqflux.reactive.internal.pipeline.Slice;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The scan of one file: open (on the I/O scheduler) -> slices in file order -> per slice, reserve its bytes from the
 * budget, then decode it (on the decode scheduler, or the I/O one when the source blocks) -> emit in file order.
 * {@code flatMapSequential} keeps the order while up to {@link ScanOptions#slicesInFlight()} slices are worked on.
 */
final class FileScan {

    private final String name;
    private final Callable<InputFile> source;
    private final boolean blockingSource;
    private final ScanOptions options;

    FileScan(String name, Callable<InputFile> source, boolean blockingSource, ScanOptions options) {
        this.name = name;
        this.source = source;
        this.blockingSource = blockingSource;
        this.options = options;
    }

    Flux<ParquetBatch> batches() {
        return Flux.defer(() -> {
            MemoryBudget budget = new MemoryBudget(options.memoryBudgetBytes());
            Subscription subscription = new Subscription();
            return open(subscription)
                    .flatMapMany(reader -> Flux.fromIterable(Slice.of(reader.reader(), options.batchRows()))
                            .flatMapSequential(slice -> read(reader, slice, budget), options.slicesInFlight(), 1))
                    // errors are delivered once everything in flight is released; the subscription's hold goes first
                    .onErrorResume(failure -> {
                        Throwable error = firstOf(failure);
                        SharedReader reader = subscription.end();
                        return reader == null ? Mono.error(error) : reader.idle().then(Mono.error(error));
                    })
                    .doOnComplete(() -> subscription.reader.get().reportMetrics())
                    .doFinally(signal -> subscription.end())
                    .doOnDiscard(ParquetBatch.class, ParquetBatch::close)
                    .doOnNext(batch -> subscription.reader.get().delivered(batch));
        });
    }

    /**
     * Slices failing at the same time reach {@code flatMapSequential} as one composite; the subscriber gets the first
     * typed error, the others suppressed in it.
     */
    private static Throwable firstOf(Throwable failure) {
        List<Throwable> errors = new ArrayList<>();
        flatten(failure, errors);
        Throwable first = errors.getFirst();
        for (Throwable other : errors.subList(1, errors.size())) {
            if (other != first) first.addSuppressed(other);
        }
        return first;
    }

    /** Composites nest (an inner error racing with another can be wrapped twice). */
    private static void flatten(Throwable failure, List<Throwable> into) {
        if (!Exceptions.isMultiple(failure)) {
            into.add(failure);
            return;
        }
        for (Throwable error : Exceptions.unwrapMultiple(failure)) flatten(error, into);
    }

    /**
     * The reader of one subscription. It is opened on a worker that may finish after the subscription was cancelled;
     * whichever of the two comes second ends the reader's subscription hold, so it is closed exactly once either way.
     */
    private static final class Subscription {
        final AtomicReference<SharedReader> reader = new AtomicReference<>();
        final AtomicBoolean ended = new AtomicBoolean();

        void opened(SharedReader opened) {
            reader.set(opened);
            if (ended.get()) opened.endSubscription();
        }

        /** Ends the subscription's hold on the reader, if there is one yet; returns it. */
        SharedReader end() {
            ended.set(true);
            SharedReader opened = reader.get();
            if (opened != null) opened.endSubscription();
            return opened;
        }
    }

    /** Opens the file on the I/O scheduler; the opening task, once started, runs to its end (see {@link #decode}). */
    private Mono<SharedReader> open(Subscription subscription) {
        return Mono.create(sink -> {
            // a cancellation that comes while the subscriber is being subscribed, before any operator's own hooks run
            sink.onCancel(subscription::end);
            try {
                options.ioScheduler().schedule(() -> {
                    if (subscription.ended.get()) {
                        sink.success();
                        return;
                    }
                    SharedReader reader;
                    try {
                        reader = new SharedReader(ParquetReader.open(source.call(), options.readOptions()),
                                options.metricsListener());
                    } catch (Throwable e) {
                        sink.error(e);
                        return;
                    }
                    subscription.opened(reader);
                    sink.success(reader);
                });
            } catch (RuntimeException rejected) {
                sink.error(rejected);
            }
        });
    }

    private Mono<ParquetBatch> read(SharedReader reader, Slice slice, MemoryBudget budget) {
        return budget.reserve(slice.estimatedBytes()).flatMap(reservation -> decode(reader, slice, reservation));
    }

    /**
     * Decodes a slice on a worker. The task is never disposed once started (disposing may interrupt the thread, and
     * an interrupt inside {@code FileChannel} I/O closes the channel); a result that nobody wants any more is closed
     * by the task itself.
     */
    private Mono<ParquetBatch> decode(SharedReader reader, Slice slice, MemoryBudget.Reservation reservation) {
        Scheduler scheduler = blockingSource ? options.ioScheduler() : options.decodeScheduler();
        return Mono.create(sink -> {
            if (!reader.hold()) {
                reservation.release();
                sink.success();
                return;
            }
            AtomicBoolean cancelled = new AtomicBoolean();
            sink.onCancel(() -> cancelled.set(true));
            try {
                scheduler.schedule(() -> {
                    RowGroupBatch batch = null;
                    try {
                        batch = reader.reader().readRowGroup(slice.rowGroup(), slice.rows());
                        reservation.resize(batch.offHeapBytes());
                        ParquetBatch decoded = new ParquetBatch(name, batch, reservation);
                        if (batch.rowCount() == 0 || cancelled.get() || !reader.offer(decoded)) {
                            decoded.close();
                            sink.success();
                        } else {
                            sink.success(decoded);
                        }
                    } catch (Throwable e) {
                        if (batch != null) batch.close();
                        reservation.release();
                        sink.error(e);
                    } finally {
                        reader.release();
                    }
                });
            } catch (RuntimeException rejected) {
                reservation.release();
                reader.release();
                sink.error(rejected);
            }
        });
    }
}
