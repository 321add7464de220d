package io.pqflux.tempo.internal.meta;

import io.pqflux.tempo.BlockMeta;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * A tenant's block list kept for a poll interval and refreshed ahead of the queries, as Tempo's queriers poll theirs
 * in the background ({@code storage.trace.blocklist_poll}):
 * <ul>
 *   <li>younger than the interval, the last listing answers every query;</li>
 *   <li>older, but younger than two intervals, it still answers at once, and a listing starts beside the query, so a
 *       steady stream of queries never waits for one after the first;</li>
 *   <li>older than that it is not used: a block it names may have been deleted since (Tempo's compactor keeps a
 *       compacted block for a while beyond two polls, not longer), so the query waits for a new listing.</li>
 * </ul>
 * One listing runs at a time, shared by every query that waits for it. A failed or empty listing is not kept: the
 * queries waiting for it get its outcome, and the next query lists again. A listing started beside the queries has
 * no query to fail, so its failure is logged (a WARNING of this class's {@link System.Logger}) rather than lost. A
 * listing's age counts from its start. A listing runs with the Reactor {@code Context} of the query that starts it, so a
 * store reading something from the context (a request ID, a trace, credentials) sees that query's, in the background
 * as well.
 */
public final class PolledBlocklist {

    private static final System.Logger LOG = System.getLogger(PolledBlocklist.class.getName());

    private record Listed(List<BlockMeta> metas, long startedAt) {
    }

    private final String what;
    private final Mono<List<BlockMeta>> listing;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final AtomicReference<Listed> last = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<List<BlockMeta>>> running = new AtomicReference<>();

    /**
     * @param what      the blocks listed, for the log (the tenant's directory)
     * @param listing   lists the blocks anew on each subscription, without blocking the subscribing thread
     * @param interval  how long a listing answers queries alone; positive
     * @param nanoClock the time in nanoseconds ({@link System#nanoTime} but in tests)
     */
    public PolledBlocklist(String what, Mono<List<BlockMeta>> listing, Duration interval, LongSupplier nanoClock) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("a poll interval must be positive, got " + interval);
        }
        this.what = what;
        this.listing = listing;
        this.intervalNanos = saturatedNanos(interval);
        this.nanoClock = nanoClock;
    }

    /** The block list for a query subscribing now, by the rules above. */
    public Mono<List<BlockMeta>> blocks() {
        return Mono.deferContextual(context -> {
            Listed listed = last.get();
            long age = listed == null ? Long.MAX_VALUE : nanoClock.getAsLong() - listed.startedAt();
            if (age < intervalNanos) return Mono.just(listed.metas());
            if (age < twice(intervalNanos)) {
                refresh(listed, context);
                return Mono.just(listed.metas());
            }
            // a query cancelled while it waits leaves the listing to the others waiting for it
            return Mono.fromFuture(refresh(null, context), true);
        });
    }

    /**
     * The listing running now, or a new one; {@code served} is the listing the calling query goes on with (null when
     * it waits for this one), named when a listing it starts fails; a listing it starts runs with its {@code context}.
     */
    private CompletableFuture<List<BlockMeta>> refresh(Listed served, ContextView context) {
        CompletableFuture<List<BlockMeta>> started = new CompletableFuture<>();
        CompletableFuture<List<BlockMeta>> already = running.compareAndExchange(null, started);
        if (already != null) return already;
        long startedAt = nanoClock.getAsLong();
        // a listing may have ended between the caller's look at the last one and this: then it is the answer
        Listed listed = last.get();
        if (listed != null && startedAt - listed.startedAt() < intervalNanos) {
            running.set(null);
            started.complete(listed.metas());
            return started;
        }
        // the listing is kept before it is let go of, so a query between the two finds it and starts no other
        listing.contextWrite(context).subscribe(
                metas -> {
                    last.set(new Listed(metas, startedAt));
                    running.set(null);
                    started.complete(metas);
                },
                failure -> {
                    running.set(null);
                    if (served != null) logBackgroundFailure(served, startedAt, failure);
                    started.completeExceptionally(failure);
                },
                () -> {
                    if (started.isDone()) return;
                    running.set(null);
                    started.complete(null);
                });
        return started;
    }

    private void logBackgroundFailure(Listed served, long startedAt, Throwable failure) {
        LOG.log(System.Logger.Level.WARNING, () -> "listing the blocks of " + what + " beside the queries failed; the"
                + " last listing, started " + Duration.ofNanos(startedAt - served.startedAt()).toMillis() + " ms before,"
                + " answers until it is two poll intervals old, and the next query lists again", failure);
    }

    private static long saturatedNanos(Duration interval) {
        try {
            return interval.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static long twice(long nanos) {
        return nanos > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : 2 * nanos;
    }
}
