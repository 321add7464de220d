package io.pqflux.reactive.internal.pipeline;

import io.pqflux.reader.RowGroupRead;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Everything one slice of a scan holds while it moves through the stages (plan, fetch, per-column decode, finish):
 * a hold on the shared reader, the {@link RowGroupRead} (which holds its leases on the row group's fetched bytes and
 * its decoded vectors) and the slice's budget reservation. Tasks on other threads may outlive the slice's subscription (a task, once started,
 * is never interrupted: an interrupt inside {@code FileChannel} I/O closes the channel), so the work counts them, and
 * whichever comes last — the end of the subscription or the last task — releases everything, once: the read, then
 * the reservation unless a batch took it, then the reader.
 */
public final class SliceWork {

    private final SharedReader reader;
    private RowGroupRead read;
    private MemoryBudget.Reservation reservation;
    /** Tasks running, plus one for the slice's subscription until {@link #end()}. */
    private int holders = 1;
    private boolean ended;
    private boolean freed;

    private SliceWork(SharedReader reader) {
        this.reader = reader;
    }

    /** The work of a slice, holding the reader; null once the scan's subscription has ended (nothing may start). */
    public static SliceWork start(SharedReader reader) {
        return reader.hold() ? new SliceWork(reader) : null;
    }

    /** Adopts the planned read; called from within a task, so it cannot come after the release. */
    public synchronized void adopt(RowGroupRead planned) {
        read = planned;
    }

    public synchronized RowGroupRead read() {
        return read;
    }

    /** Adopts the slice's reservation; false (and it is released) when the work is already released. */
    public boolean adopt(MemoryBudget.Reservation granted) {
        synchronized (this) {
            if (!freed && !ended) {
                reservation = granted;
                return true;
            }
        }
        granted.release();
        return false;
    }

    /** The reservation, for the batch that now holds the slice's memory; the work no longer releases it. */
    public synchronized MemoryBudget.Reservation handOverReservation() {
        MemoryBudget.Reservation handed = reservation;
        reservation = null;
        return handed;
    }

    /**
     * Runs {@code task} on {@code scheduler} as a task of this work. The task is never disposed once started; when
     * the subscriber has cancelled by then it does not start, and a cancelled task's result or error goes nowhere
     * (the slice has failed or been abandoned already; what it made belongs to the work).
     */
    public <T> Mono<T> on(Scheduler scheduler, Callable<T> task) {
        return Mono.create(sink -> {
            if (!begin()) {
                sink.success();
                return;
            }
            AtomicBoolean cancelled = new AtomicBoolean();
            sink.onCancel(() -> cancelled.set(true));
            try {
                scheduler.schedule(() -> {
                    try {
                        if (cancelled.get()) return;
                        T result = task.call();
                        if (!cancelled.get()) sink.success(result);
                    } catch (Throwable e) {
                        if (!cancelled.get()) sink.error(e);
                    } finally {
                        done();
                    }
                });
            } catch (RuntimeException rejected) {
                done();
                sink.error(rejected);
            }
        });
    }

    /** Runs {@code task} on this thread as a task of this work; empty when the work has ended. */
    public <T> Mono<T> here(Callable<T> task) {
        return Mono.defer(() -> {
            if (!begin()) return Mono.empty();
            try {
                return Mono.justOrEmpty(task.call());
            } catch (Throwable e) {
                return Mono.error(e);
            } finally {
                done();
            }
        });
    }

    private synchronized boolean begin() {
        if (ended) return false;
        holders++;
        return true;
    }

    /** The slice's subscription is over (completed, failed or cancelled); idempotent. */
    public void end() {
        synchronized (this) {
            if (ended) return;
            ended = true;
        }
        done();
    }

    private void done() {
        RowGroupRead toClose;
        MemoryBudget.Reservation toRelease;
        synchronized (this) {
            if (--holders > 0) return;
            freed = true;
            toClose = read;
            toRelease = reservation;
            read = null;
            reservation = null;
        }
        try {
            if (toClose != null) toClose.close();
        } finally {
            try {
                if (toRelease != null) toRelease.release();
            } finally {
                reader.release();
            }
        }
    }
}
