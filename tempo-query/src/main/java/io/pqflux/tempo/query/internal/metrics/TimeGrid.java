package io.pqflux.tempo.query.internal.metrics;

/**
 * The steps of a metrics query, as Tempo's frontend and engine make them ({@code engine_metrics.go}). A range query's
 * start is rounded down and its end up to whole steps, and one more step is put in front ({@code AlignRequest});
 * steps are right-closed, {@code (start + i·step, start + (i+1)·step]}, and each is stamped with its end. An instant
 * query is one step, {@code (start, end]}, stamped with the end, and is not aligned. A span counts when its start time
 * lies in {@code (start, end]}.
 */
public record TimeGrid(long start, long end, long step, boolean instant) {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    /** Tempo's {@code DefaultQueryRangeStep}: about 240 points, rounded down to a whole granularity (≥ 50 ms). */
    public static long defaultStep(long start, long end) {
        long delta = end - start;
        long baseline = delta / 240;
        if (delta < 60_000_000_000L) {
            long g = 50 * NANOS_PER_MILLI;
            return baseline > g ? baseline / g * g : g;
        }
        long[] granularities = {3_600_000_000_000L, 300_000_000_000L, 60_000_000_000L, 15_000_000_000L,
            5_000_000_000L, 1_000_000_000L};
        for (long g : granularities) {
            if (baseline > g) return baseline / g * g;
        }
        return 1_000_000_000L;
    }

    /** A range query's grid: Tempo's {@code AlignRequest} of {@code [start, end]} to the step. */
    public static TimeGrid range(long start, long end, long step) {
        long alignedStart = start - start % step;
        long alignedEnd = end % step == 0 ? end : end + (step - end % step);
        if (alignedStart > step) alignedStart -= step;
        return new TimeGrid(alignedStart, alignedEnd, step, false);
    }

    /** An instant query's grid: one step over the whole range. */
    public static TimeGrid instant(long start, long end) {
        return new TimeGrid(start, end, end - start, true);
    }

    public int intervals() {
        return instant ? 1 : (int) ((end - start) / step);
    }

    /** Whether a span starting at {@code nanos} counts at all (Tempo's evaluator: {@code start < t ≤ end}). */
    public boolean counts(long nanos) {
        return nanos > start && nanos <= end;
    }

    /** The step a span starting at {@code nanos} falls in; -1 outside the range. */
    public int interval(long nanos) {
        if (!counts(nanos)) return -1;
        if (instant) return 0;
        long offset = nanos - start;
        long i = offset / step;
        return (int) (i * step == offset ? i - 1 : i);
    }

    /** The step's timestamp in unix milliseconds: its end. */
    public long timestampMs(int interval) {
        long nanos = instant ? end : start + (interval + 1L) * step;
        return Math.floorDiv(nanos, NANOS_PER_MILLI);
    }

    /** Seconds per step, the divisor of {@code rate()}. */
    public double stepSeconds() {
        return step / 1e9;
    }

    /**
     * The step an exemplar's millisecond timestamp falls in, as Tempo maps it back ({@code IntervalMs}, on the range
     * truncated to milliseconds); -1 outside.
     */
    public int intervalOfMs(long ms) {
        long nanos = ms * NANOS_PER_MILLI;
        long startMs = start - start % NANOS_PER_MILLI;
        long endMs = end - end % NANOS_PER_MILLI;
        if (instant) return nanos >= startMs && nanos <= endMs && endMs != startMs ? 0 : -1;
        startMs -= startMs % step;
        endMs = endMs % step == 0 ? endMs : endMs + (step - endMs % step);
        if (!(nanos > startMs && nanos <= endMs)) return -1;
        long offset = nanos - startMs;
        long i = offset / step;
        return (int) (i * step == offset ? i - 1 : i);
    }
}
