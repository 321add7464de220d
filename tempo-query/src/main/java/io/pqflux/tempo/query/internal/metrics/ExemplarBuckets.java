package io.pqflux.tempo.query.internal.metrics;

/**
 * Tempo's exemplar limiter ({@code limitedBucketSet}, util.go): the range (in milliseconds, aligned to the step) cut
 * into {@code limit / 2} equal buckets (at least one), at most 2 exemplars per bucket and {@code limit} in all.
 */
final class ExemplarBuckets {

    private static final int PER_BUCKET = 2;

    private final int limit;
    private final int[] buckets;
    private final long startMs;
    private final long endMs;
    private final long width;
    private int total;

    ExemplarBuckets(int limit, TimeGrid grid) {
        this.limit = limit;
        int count = Math.max(1, limit / PER_BUCKET);
        this.buckets = new int[count];
        this.startMs = grid.start() / 1_000_000L;
        this.endMs = grid.end() / 1_000_000L;
        this.width = Math.max((endMs - startMs) / count, 1);
    }

    /** Takes the exemplar if its bucket and the total have room. */
    boolean admit(long timestampMs) {
        if (timestampMs < startMs || timestampMs > endMs || total >= limit) return false;
        int b = startMs == endMs ? 0 : (int) Math.min((timestampMs - startMs) / width, buckets.length - 1);
        if (buckets[b] >= PER_BUCKET) return false;
        buckets[b]++;
        total++;
        return true;
    }
}
