package io.pqflux.bench.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the load clients saw, per kind of request: how many answers arrived within the measured window (from the end of
 * the warm-up to the end of the run: requests per second), the latencies of the requests sent within it (answered
 * during the window or after it), and the failures of every request, warm-up included (a wrong answer, a status other
 * than 200, an exception).
 */
final class LoadResults {

    /** Failure messages kept for the report; the count is of every failure. */
    private static final int KEPT_FAILURES = 10;

    private final Map<String, Latencies> sentInWindow = new HashMap<>();
    private final Map<String, Integer> answeredInWindow = new HashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final long windowStartNanos;
    private final long windowEndNanos;
    private long failureCount;
    private long requests;

    LoadResults(long windowStartNanos, long windowEndNanos) {
        this.windowStartNanos = windowStartNanos;
        this.windowEndNanos = windowEndNanos;
    }

    /** One request: sent at {@code startNanos}, answered at {@code endNanos}; {@code problem} null when right. */
    synchronized void record(String kind, long startNanos, long endNanos, String problem) {
        requests++;
        if (problem != null) {
            failureCount++;
            if (failures.size() < KEPT_FAILURES) failures.add(kind + ": " + problem);
        }
        if (startNanos >= windowStartNanos) sentInWindow.computeIfAbsent(kind, k -> new Latencies()).add(endNanos - startNanos);
        if (endNanos >= windowStartNanos && endNanos <= windowEndNanos) answeredInWindow.merge(kind, 1, Integer::sum);
    }

    synchronized long failureCount() {
        return failureCount;
    }

    synchronized long requests() {
        return requests;
    }

    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    double windowSeconds() {
        return (windowEndNanos - windowStartNanos) / 1e9;
    }

    /**
     * One row of the report: answers within the window and per second, requests sent within it and their latency
     * percentiles in ms.
     */
    record Row(String name, int answered, double perSecond, int sent, double p50Millis, double p99Millis, double maxMillis) {
        String line() {
            return String.format(Locale.ROOT, "%-12s %9d %8.1f %6d %9.1f %9.1f %9.1f", name, answered, perSecond, sent,
                    p50Millis, p99Millis, maxMillis);
        }
    }

    /** Per kind of request, then for all. */
    synchronized List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        Latencies all = new Latencies();
        int allAnswered = 0;
        for (String kind : LoadMix.kinds()) {
            Latencies one = sentInWindow.getOrDefault(kind, new Latencies());
            int answered = answeredInWindow.getOrDefault(kind, 0);
            rows.add(row(kind, answered, one));
            all.addAll(one);
            allAnswered += answered;
        }
        rows.add(row("all", allAnswered, all));
        return rows;
    }

    /** The report's table. */
    List<String> table() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-12s %9s %8s %6s %9s %9s %9s", "request", "answered", "req/s", "sent",
                "p50 ms", "p99 ms", "max ms"));
        rows().forEach(row -> lines.add(row.line()));
        return lines;
    }

    private Row row(String name, int answered, Latencies latencies) {
        return new Row(name, answered, answered / windowSeconds(), latencies.count(), latencies.percentileMillis(50),
                latencies.percentileMillis(99), latencies.percentileMillis(100));
    }

    /** Latencies in nanoseconds, growable; percentiles by the nearest rank. */
    private static final class Latencies {
        private long[] values = new long[1024];
        private int count;

        void add(long nanos) {
            if (count == values.length) values = Arrays.copyOf(values, count * 2);
            values[count++] = nanos;
        }

        void addAll(Latencies other) {
            for (int i = 0; i < other.count; i++) add(other.values[i]);
        }

        int count() {
            return count;
        }

        double percentileMillis(double percent) {
            if (count == 0) return Double.NaN;
            long[] sorted = Arrays.copyOf(values, count);
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(percent / 100 * count);
            return sorted[Math.max(0, rank - 1)] / 1e6;
        }
    }
}
