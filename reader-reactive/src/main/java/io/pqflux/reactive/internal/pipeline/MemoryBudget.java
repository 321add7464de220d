package io.pqflux.reactive.internal.pipeline;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Bytes a scan may hold at once: fetched bytes and decoded batches not yet closed by the subscriber. Stages reserve
 * before they fetch and give back when the batch is closed, so a slow subscriber stops the fetching once the budget
 * is spent. Waiting is asynchronous (a {@link Mono} completes when the bytes are free, first come first served): no
 * thread blocks. A reservation larger than the whole budget is granted when nothing else is held, so one oversized
 * slice slows the scan down instead of stalling it.
 */
public final class MemoryBudget {

    private final long limit;
    private final Queue<Waiter> waiters = new ArrayDeque<>();
    private long held;
    private long peak;

    public MemoryBudget(long limitBytes) {
        if (limitBytes <= 0) throw new IllegalArgumentException("memory budget must be positive: " + limitBytes);
        this.limit = limitBytes;
    }

    /** Completes with a reservation of {@code bytes} once they fit; cancelling the wait gives up the place in line. */
    public Mono<Reservation> reserve(long bytes) {
        return reserve(bytes, null);
    }

    /**
     * {@link #reserve(long)} for a reservation that needs {@code prerequisite} held (a slice, its row group's fetched
     * bytes): when nothing else is held it is granted however large, as one alone would be. Otherwise a row group
     * larger than the budget would wait for ever: its bytes go back only after its later slices, which wait for them.
     */
    public Mono<Reservation> reserve(long bytes, Supplier<Reservation> prerequisite) {
        long wanted = Math.max(bytes, 0);
        Mono<Reservation> granted = Mono.create(sink -> {
            Waiter waiter = new Waiter(wanted, prerequisite, sink);
            boolean grantNow;
            synchronized (this) {
                grantNow = waiters.isEmpty() && fits(waiter);
                if (grantNow) take(wanted);
                else waiters.add(waiter);
            }
            if (grantNow) {
                sink.success(new Reservation(this, wanted));
                return;
            }
            sink.onCancel(() -> {
                synchronized (this) {
                    waiters.remove(waiter);
                }
                grantWaiting();
            });
        });
        // a grant that races with the cancellation is discarded by the sink: give its bytes back
        return granted.doOnDiscard(Reservation.class, Reservation::release);
    }

    private boolean fits(Waiter waiter) {
        Reservation prerequisite = waiter.prerequisite == null ? null : waiter.prerequisite.get();
        long needed = prerequisite == null ? 0 : prerequisite.bytes();
        return held - needed <= 0 || held + waiter.bytes <= limit;
    }

    private void take(long bytes) {
        held += bytes;
        peak = Math.max(peak, held);
    }

    /** Bytes reserved now. */
    public synchronized long held() {
        return held;
    }

    /** The most bytes reserved at once. */
    public synchronized long peak() {
        return peak;
    }

    public long limit() {
        return limit;
    }

    private void give(long bytes) {
        synchronized (this) {
            held -= bytes;
        }
        grantWaiting();
    }

    /** Grants waiting reservations in order while they fit; completes them outside the lock. */
    private void grantWaiting() {
        while (true) {
            Waiter next;
            synchronized (this) {
                next = waiters.peek();
                if (next == null || !fits(next)) return;
                waiters.remove();
                take(next.bytes);
            }
            next.sink.success(new Reservation(this, next.bytes));
        }
    }

    /** Adjusts a reservation to what was really used, which may exceed the budget by the estimate's error. */
    private void resize(long from, long to) {
        if (to >= from) {
            synchronized (this) {
                take(to - from);
            }
        } else {
            give(from - to);
        }
    }

    private record Waiter(long bytes, Supplier<Reservation> prerequisite, MonoSink<Reservation> sink) {}

    /**
     * Reserved bytes, given back exactly once. A reservation whose waiter was cancelled after the grant (the Mono
     * discards it) must still be released; {@link #release()} is idempotent for that reason.
     */
    public static final class Reservation {
        private final MemoryBudget budget;
        private long bytes;
        private boolean released;

        Reservation(MemoryBudget budget, long bytes) {
            this.budget = budget;
            this.bytes = bytes;
        }

        /** The bytes reserved: none once released. */
        public synchronized long bytes() {
            return released ? 0 : bytes;
        }

        /** Trues the reservation up (or down) to the bytes really held. */
        public void resize(long actual) {
            long before;
            synchronized (this) {
                if (released) return;
                before = bytes;
                bytes = Math.max(actual, 0);
            }
            budget.resize(before, Math.max(actual, 0));
        }

        /**
         * Moves {@code bytes} of this reservation (at most what it holds) into a new one, released on its own: bytes
         * a slice reserved for what outlives it (its row group's fetched bytes, shared with the next slices).
         */
        public Reservation split(long bytes) {
            long moved;
            synchronized (this) {
                moved = released ? 0 : Math.min(Math.max(bytes, 0), this.bytes);
                this.bytes -= moved;
            }
            return new Reservation(budget, moved);
        }

        public void release() {
            long toGive;
            synchronized (this) {
                if (released) return;
                released = true;
                toGive = bytes;
            }
            budget.give(toGive);
        }
    }
}
