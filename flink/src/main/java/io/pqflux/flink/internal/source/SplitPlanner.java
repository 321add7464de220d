package io.pqflux.flink.internal.source;

import io.pqflux.flink.SizedSplit;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Plans a source's splits on the enumerator (from listings and footers). Runs on the enumerator's worker thread. */
public interface SplitPlanner<S extends SizedSplit> extends Serializable {

    /** Units (files, blocks) planned at once: their footers are read concurrently. */
    int CONCURRENCY = 8;

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
     * Plans {@code units} with {@link #CONCURRENCY} at a time on the bounded-elastic scheduler (planning is blocking
     * I/O), each unit's splits handed to {@code found} as soon as they are known; returns when all are, or throws the
     * first failure.
     */
    static <U, S> void inParallel(List<U> units, Function<U, List<S>> planOne, Consumer<List<S>> found) {
        Flux.fromIterable(units)
                .flatMap(unit -> Mono.fromCallable(() -> planOne.apply(unit)).subscribeOn(Schedulers.boundedElastic()), CONCURRENCY)
                .filter(splits -> !splits.isEmpty())
                .doOnNext(found)
                .blockLast();
    }
}
