package io.pqflux.reactive;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.Context;

/**
 * Blocking work on a list of items done in a few lanes: each lane is one task on a scheduler's thread that takes the
 * next item, works it there and pushes its results, then takes the next, with no hand-off between items. A tenant's
 * small blocks are searched this way: as one {@code BlockingCall} each, merged by {@code flatMap}, every block cost
 * two wake-ups of another thread (its task's start, its results' delivery), and on two cores those cost as much as
 * the search of a small block (docs/benchmarks.md, tenant search).
 *
 * <p>Demand: a lane takes an item only while the subscriber has asked for more results than the lanes have pushed,
 * and parks (its task ends) when it has not; a request restarts the parked lanes. So beyond what was asked for, each
 * lane's results are buffered for one item at most. The lanes count what they push themselves: the sink's own count
 * of what is still requested drops only once its drain loop has delivered a batch, and a lane that read it while
 * another lane's results were being delivered took item after item for a demand already met. Cancellation and the
 * first failure stop the lanes before their next item; the task of an item being worked is never disposed (an
 * interrupt inside {@code FileChannel} I/O closes the channel), its results are dropped. Results must own nothing
 * that needs releasing. Errors after the first go to {@code onErrorDropped}.
 */
public final class BlockingLanes {

    private BlockingLanes() {
    }

    /**
     * The results of {@code work} on every item, from {@code lanes} lanes on {@code scheduler} (which must allow
     * blocking), as they are found: items are taken in list order, and each item's results come in the order its work
     * gave them, other lanes' results between them.
     */
    public static <T, R> Flux<R> of(List<T> items, int lanes, Scheduler scheduler, Function<T, List<R>> work) {
        if (lanes < 1) throw new IllegalArgumentException("lanes must be at least 1, got " + lanes);
        if (items.isEmpty()) return Flux.empty();
        int laneCount = Math.min(lanes, items.size());
        return Flux.create(sink -> {
            Run<T, R> run = new Run<>(items, laneCount, scheduler, work, sink);
            // called at once with the demand so far, then on every request: the lanes start on the first
            sink.onRequest(run::requested);
        }, FluxSink.OverflowStrategy.BUFFER);
    }

    /** One subscription's lanes. */
    private static final class Run<T, R> {
        private final Queue<T> items;
        private final int lanes;
        private final Scheduler scheduler;
        private final Function<T, List<R>> work;
        private final FluxSink<R> sink;
        /** Results asked for and not yet pushed (negative once lanes pushed more); {@code Long.MAX_VALUE}: unbounded. */
        private final AtomicLong demand = new AtomicLong();
        /** Lanes whose task has ended for want of demand (all of them before the first request). */
        private final AtomicInteger parked;
        /** Lanes ended because no item is left. */
        private final AtomicInteger finished = new AtomicInteger();
        private final AtomicBoolean terminated = new AtomicBoolean();

        Run(List<T> items, int lanes, Scheduler scheduler, Function<T, List<R>> work, FluxSink<R> sink) {
            this.items = new ConcurrentLinkedQueue<>(items);
            this.lanes = lanes;
            this.scheduler = scheduler;
            this.work = work;
            this.sink = sink;
            this.parked = new AtomicInteger(lanes);
        }

        /** A request: every parked lane restarts. */
        void requested(long n) {
            demand.getAndUpdate(d -> d == Long.MAX_VALUE || n == Long.MAX_VALUE || d + n < d ? Long.MAX_VALUE : d + n);
            while (!terminated.get() && unpark()) {
                try {
                    scheduler.schedule(this::lane);
                } catch (RuntimeException rejected) {
                    terminate(rejected);
                }
            }
        }

        /** Takes one parked lane to restart it: false when none is parked. */
        private boolean unpark() {
            for (int n = parked.get(); n > 0; n = parked.get()) {
                if (parked.compareAndSet(n, n - 1)) return true;
            }
            return false;
        }

        /** A lane's task: items taken and worked while there is demand; the results complete once none is left. */
        private void lane() {
            try {
                while (!terminated.get() && !sink.isCancelled()) {
                    if (items.isEmpty()) {
                        finish();
                        return;
                    }
                    if (demand.get() <= 0) {
                        parked.incrementAndGet();
                        // counted parked, this lane is restarted by a request or finished by the lane that takes the
                        // last item; either one that came before the count is seen here, and this task goes on (or
                        // finishes) unless a request or a finishing lane took the lane meanwhile
                        if (items.isEmpty()) {
                            if (unpark()) finish();
                            return;
                        }
                        if (demand.get() <= 0 || !unpark()) return;
                        continue;
                    }
                    T item = items.poll();
                    if (item == null) {
                        finish();
                        return;
                    }
                    List<R> results = work.apply(item);
                    int pushed = results.size();
                    demand.getAndUpdate(d -> d == Long.MAX_VALUE ? d : d - pushed);
                    for (R result : results) sink.next(result);
                }
            } catch (Throwable e) {
                terminate(e);
            }
        }

        /**
         * Ends this lane and every parked one, as no item is left for them: the results complete when the last lane
         * ends, whether or not the subscriber asks for more.
         */
        private void finish() {
            int ended = 1;
            while (unpark()) ended++;
            if (finished.addAndGet(ended) == lanes) terminate(null);
        }

        /** Completes (null) or fails the results once; a later failure is dropped. */
        private void terminate(Throwable error) {
            if (terminated.compareAndSet(false, true)) {
                if (error == null) sink.complete();
                else sink.error(error);
            } else if (error != null) {
                Operators.onErrorDropped(error, Context.of(sink.contextView()));
            }
        }
    }
}
