package io.pqflux.flink.internal.source;

import io.pqflux.flink.SizedSplit;
import io.pqflux.flink.StoreLocation;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/** Plans a source's splits on the enumerator (from listings and footers). Runs on the enumerator's worker thread. */
public interface SplitPlanner<S extends SizedSplit> extends Serializable {

    /**
     * Units (files, blocks) of object storage planned at once: a footer there is a round trip or two, so planning waits
     * on the network, not the CPU. Local footers are parsed as fast as a core can, one unit per core.
     */
    int REMOTE_CONCURRENCY = 16;

    /** Threads that plan the units of {@code location}. */
    static int concurrency(StoreLocation location) {
        return location.isLocal() ? Runtime.getRuntime().availableProcessors() : REMOTE_CONCURRENCY;
    }

    /**
     * Plans the splits there are now whose IDs are not in {@code known} (every split on a first plan), handing them to
     * {@code found} as they are planned, one call at a time: each call holds a whole unit's splits (a file's, a
     * block's, a partition's), so a checkpoint taken between calls never holds part of a unit, and a plan resumed
     * with the IDs it holds as {@code known} plans exactly the rest.
     */
    void plan(Set<String> known, Consumer<List<S>> found) throws Exception;

    /** Every split at once. */
    default List<S> plan(Set<String> known) throws Exception {
        List<S> all = new ArrayList<>();
        plan(known, all::addAll);
        return all;
    }

    /**
     * Plans {@code units} on {@code concurrency} threads, each unit's splits handed to {@code found} as soon as they
     * are known, one call at a time; returns when all are planned, or throws the first failure once the threads have
     * stopped.
     */
    static <U, S> void inParallel(List<U> units, int concurrency, Function<U, List<S>> planOne, Consumer<List<S>> found)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < units.size() && failure.get() == null; i = next.getAndIncrement()) {
                try {
                    List<S> splits = planOne.apply(units.get(i));
                    if (!splits.isEmpty()) {
                        synchronized (found) {
                            found.accept(splits);
                        }
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        int threads = Math.min(concurrency, units.size());
        List<Thread> running = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) running.add(Thread.ofPlatform().name("pqflux-planner-", t).daemon().start(worker));
        try {
            for (Thread thread : running) thread.join();
        } catch (InterruptedException e) {
            // the workers stop after the unit in hand
            failure.compareAndSet(null, e);
            throw e;
        }
        if (failure.get() != null) throw failure.get();
    }
}
