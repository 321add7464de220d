package io.pqflux.reactive;

import io.pqflux.io.InputFile;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadMetrics;
import io.pqflux.filter.RowRanges;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.reader.RowGroupPlan;
import io.pqflux.reader.RowGroupRead;
import io.pqflux.reactive.internal.pipeline.MemoryBudget;
import io.pqflux.reactive.internal.pipeline.RowGroupShare;
import io.pqflux.reactive.internal.pipeline.SharedReader;
import io.pqflux.reactive.internal.pipeline.Slice;
import io.pqflux.reactive.internal.pipeline.SliceWork;
import io.pqflux.storage.RemoteObject;
import io.pqflux.storage.RequestMetrics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The scan of one file: open (on the I/O scheduler) -> slices in file order -> per slice: reserve from the budget,
 * (the row group's first slice) plan and fetch its row group, read its rows from the row group's bytes, decode the
 * columns in parallel, finish ({@link #read}) -> emit in file order. {@code flatMapSequential} keeps the order while
 * up to {@link ScanOptions#slicesInFlight()} slices are worked on. A row group is planned and fetched once however
 * many slices it is cut into ({@link RowGroupShare}). See docs/pipeline.md.
 */
final class FileScan {

    /** Columns of one slice decoding at once: enough to occupy the parallel scheduler. */
    private static final int DECODE_TASKS_PER_SLICE = Schedulers.DEFAULT_POOL_SIZE;
    /**
     * Bytes read that make a decoding task worth its hand-off: a task per column of a small slice (a Tempo tenant's
     * blocks of a few hundred kilobytes) cost two cores more in waking workers than in decoding.
     */
    private static final long BYTES_PER_DECODE_TASK = 256 << 10;

    /** How a slice's bytes arrive. */
    private enum Fetch {
        /**
         * Views of memory in place (a mapping, or a small local file in pooled memory), taken by the column tasks
         * themselves: no hand-off, and no I/O but a local file's first reads of its pages, from the page cache
         * normally, as a mapping's page faults are.
         */
        VIEWS,
        /** Read from a source that blocks, on the I/O scheduler, before the columns are decoded. */
        BLOCKING,
        /** Ranged requests of a remote object, asynchronous, each buffer handed to the read as it arrives. */
        ASYNC
    }

    /** A subscription's open reader, and how its slices get their bytes. */
    private record Opened(SharedReader reader, Fetch fetch, RemoteObject remote) {

        /** Whether fetched bytes are copies the budget counts (a mapping's views are not). */
        boolean copies() {
            return fetch != Fetch.VIEWS;
        }
    }

    private final String name;
    private final Callable<InputFile> source;
    private final ScanOptions options;

    FileScan(String name, Callable<InputFile> source, ScanOptions options) {
        this.name = name;
        this.source = source;
        this.options = options;
    }

    Flux<ParquetBatch> batches() {
        return Flux.defer(() -> {
            MemoryBudget budget = new MemoryBudget(options.memoryBudgetBytes());
            Subscription subscription = new Subscription(options.ioScheduler());
            return open(subscription)
                    .flatMapMany(opened -> {
                        List<Slice> slices = Slice.of(opened.reader().reader(), options.batchRows());
                        Map<Integer, RowGroupShare> shares = RowGroupShare.of(slices);
                        subscription.shared(shares.values());
                        return Flux.fromIterable(slices).flatMapSequential(
                                slice -> read(opened, slice, shares.get(slice.rowGroup()), budget), options.slicesInFlight(), 1);
                    })
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
        private final List<RowGroupShare> shares = new ArrayList<>();
        private final Scheduler ioScheduler;

        Subscription(Scheduler ioScheduler) {
            this.ioScheduler = ioScheduler;
        }

        void opened(SharedReader opened) {
            reader.set(opened);
            if (ended.get()) opened.endSubscription();
        }

        /** The row groups the slices share; closed at the end (now, when it has come). */
        void shared(Collection<RowGroupShare> rowGroups) {
            synchronized (shares) {
                shares.addAll(rowGroups);
            }
            if (ended.get()) closeShares();
        }

        /**
         * Ends the subscription's hold on the reader, if there is one yet; returns it. The row groups' plans are
         * closed first: each holds the reader until its bytes are freed.
         */
        SharedReader end() {
            ended.set(true);
            closeShares();
            SharedReader opened = reader.get();
            if (opened != null) opened.endSubscription();
            return opened;
        }

        private void closeShares() {
            List<RowGroupShare> toClose;
            synchronized (shares) {
                toClose = List.copyOf(shares);
                shares.clear();
            }
            if (toClose.isEmpty()) return;
            // closing a plan may wait for a read of its row group in progress (a blocking fetch holds it): not on a
            // thread that must not block, as a cancellation from an event loop is
            if (Schedulers.isInNonBlockingThread()) {
                try {
                    ioScheduler.schedule(() -> toClose.forEach(RowGroupShare::close));
                    return;
                } catch (RejectedExecutionException disposed) {
                    // the scheduler is gone: close here rather than never
                }
            }
            toClose.forEach(RowGroupShare::close);
        }
    }

    /**
     * Opens the file on the I/O scheduler; the opening task, once started, runs to its end (see {@link SliceWork}). How
     * slices get their bytes is a capability of the file: views when it reads in place, else its {@link RemoteObject}'s
     * asynchronous reads when it has one, else blocking reads.
     */
    private Mono<Opened> open(Subscription subscription) {
        return Mono.create(sink -> {
            // a cancellation that comes while the subscriber is being subscribed, before any operator's own hooks run
            sink.onCancel(subscription::end);
            try {
                options.ioScheduler().schedule(() -> {
                    if (subscription.ended.get()) {
                        sink.success();
                        return;
                    }
                    Opened opened;
                    try {
                        InputFile file = source.call();
                        RemoteObject remote = file.feature(RemoteObject.class).orElse(null);
                        Fetch fetch = file.readsInPlace() ? Fetch.VIEWS : remote != null ? Fetch.ASYNC : Fetch.BLOCKING;
                        SharedReader reader = new SharedReader(ParquetReader.open(file, options.readOptions()),
                                metrics -> options.metricsListener().accept(scanMetrics(metrics, remote)));
                        opened = new Opened(reader, fetch, remote);
                    } catch (Throwable e) {
                        sink.error(e);
                        return;
                    }
                    subscription.opened(opened.reader());
                    sink.success(opened);
                });
            } catch (RuntimeException rejected) {
                sink.error(rejected);
            }
        });
    }

    /**
     * One slice through the stages: reserve from the budget what it will decode and (the row group's first slice,
     * unless the file is mapped) what the row group fetches -> (the first slice) plan the row group (on the decode
     * scheduler for a mapping, else on the I/O one: it may read page indexes), the fetched bytes' reservation split off
     * to the plan, which releases it with its bytes -> fetch -> (every slice, once the row group is fetched) its read of
     * the row group's bytes, on the I/O scheduler only when that may block -> decode every column as its own task on the decode scheduler, merged as they complete ->
     * finish into a batch on the thread of the last column, its reservation trued up to its vectors. Everything the
     * slice holds is in its {@link SliceWork}, released once, whichever way it ends.
     */
    private Mono<ParquetBatch> read(Opened opened, Slice slice, RowGroupShare share, MemoryBudget budget) {
        SharedReader reader = opened.reader();
        return Mono.defer(() -> {
            SliceWork work = SliceWork.start(reader);
            if (work == null) return Mono.empty();
            boolean plans = slice.start() == 0;
            boolean copies = opened.copies();
            // reserved in slice order (flatMapSequential subscribes in order, the budget grants first come first
            // served): a later slice never holds the bytes an earlier one waits for while it waits to be emitted
            // a later slice of the row group needs the fetched bytes the first reserved: they do not stop it
            Mono<MemoryBudget.Reservation> reserved = plans ? budget.reserve(slice.decodedBytes() + (copies ? slice.chunkBytes() : 0))
                    : budget.reserve(slice.decodedBytes(), share::fetchedReservation);
            return reserved
                    .flatMap(reservation -> !work.adopt(reservation) ? Mono.<Boolean>empty()
                            : plans ? planAndFetch(opened, work, slice, share, reservation) : Mono.just(true))
                    .flatMap(planned -> share.whenFetched())
                    .flatMap(fetched -> slicingMayBlock(opened, slice) ? work.on(options.ioScheduler(), () -> slice(work, share, slice))
                            : work.here(() -> slice(work, share, slice)))
                    .then(Mono.defer(() -> decode(work)))
                    .then(work.here(() -> finish(reader, work)))
                    .doFinally(signal -> work.end());
        });
    }

    /**
     * Whether making the slice's read may block: only a slice of part of a row group reads the chunks' offset indexes,
     * and only a file whose reads are not in place blocks to read them. Otherwise it is made where the fetch completed,
     * without a hand-off.
     */
    private static boolean slicingMayBlock(Opened opened, Slice slice) {
        return opened.copies() && (slice.start() > 0 || slice.end() < opened.reader().reader().metaData().rowGroups()
                .get(slice.rowGroup()).numRows());
    }

    /** The slice's read of its row group's plan, adopted by its work; false when the scan has ended. */
    private static boolean slice(SliceWork work, RowGroupShare share, Slice slice) {
        RowGroupRead read = share.slice(slice.rows());
        if (read != null) work.adopt(read);
        return read != null;
    }

    /** Planning may read page indexes: on the I/O scheduler unless the file reads in place. */
    private Scheduler planScheduler(Opened opened) {
        return opened.copies() ? options.ioScheduler() : options.decodeScheduler();
    }

    /**
     * The first slice's part: the row group planned (which may read page indexes) and fetched into its plan, which the
     * share owns; the share hears of the result either way, so the row group's other slices go on or fail with it.
     */
    private Mono<Boolean> planAndFetch(Opened opened, SliceWork work, Slice slice, RowGroupShare share,
                                       MemoryBudget.Reservation reservation) {
        SharedReader reader = opened.reader();
        boolean copies = opened.copies();
        AtomicBoolean told = new AtomicBoolean();
        return work.on(planScheduler(opened), () -> {
                    long rows = reader.reader().metaData().rowGroups().get(slice.rowGroup()).numRows();
                    RowGroupPlan plan = reader.reader().planRowGroup(slice.rowGroup(), RowRanges.all(rows));
                    long fetched = copies ? plan.rangeBytes() : 0;
                    if (!share.adopt(plan, reader)) return null;
                    // trued up to what the plan will fetch (filter columns included), which the plan then holds
                    reservation.resize(slice.decodedBytes() + fetched);
                    if (fetched > 0) share.holdsFetched(reservation.split(fetched));
                    return plan;
                })
                .flatMap(plan -> fetch(work, plan, opened))
                .doOnSuccess(fetched -> {
                    if (fetched != null && told.compareAndSet(false, true)) share.fetched();
                })
                .doOnError(error -> {
                    if (told.compareAndSet(false, true)) share.failed(error);
                })
                .doFinally(signal -> {
                    if (told.compareAndSet(false, true)) share.abandoned();
                });
    }

    /** Completes once the plan has its bytes; a mapping's are taken as views while decoding. */
    private Mono<Boolean> fetch(SliceWork work, RowGroupPlan plan, Opened opened) {
        return switch (opened.fetch()) {
            case VIEWS -> Mono.just(true);
            case BLOCKING -> work.on(options.ioScheduler(), () -> {
                plan.fetch();
                return true;
            });
            case ASYNC -> opened.remote().fetchInto(plan).thenReturn(true);
        };
    }

    private static ScanMetrics scanMetrics(ReadMetrics read, RemoteObject remote) {
        if (remote == null) return new ScanMetrics(read, 0, 0, 0);
        RequestMetrics requests = remote.metrics();
        return new ScanMetrics(read, requests.requests(), requests.retries(), requests.bytesFetched());
    }

    /**
     * One task per column on the decode scheduler, none waiting for another, or fewer for a slice reading less than
     * {@link #BYTES_PER_DECODE_TASK} per column (each task then decodes every n-th column); completes when all are
     * decoded.
     */
    private Mono<Void> decode(SliceWork work) {
        RowGroupRead read = work.read();
        if (read == null) return Mono.empty();
        int tasks = read.decodeTasks(BYTES_PER_DECODE_TASK);
        return Flux.range(0, tasks)
                .flatMap(task -> work.on(options.decodeScheduler(), () -> {
                    read.decodeTask(task, tasks);
                    return task;
                }), DECODE_TASKS_PER_SLICE)
                .then();
    }

    /** The batch, holding the slice's reservation trued up to its vectors; null when it has no rows or nobody wants it. */
    private ParquetBatch finish(SharedReader reader, SliceWork work) {
        RowGroupRead read = work.read();
        if (read == null) return null;
        RowGroupBatch batch = read.finish();
        MemoryBudget.Reservation reservation = work.handOverReservation();
        reservation.resize(batch.offHeapBytes());
        ParquetBatch decoded = new ParquetBatch(name, batch, reservation);
        if (batch.rowCount() == 0 || !reader.offer(decoded)) {
            decoded.close();
            return null;
        }
        return decoded;
    }
}
