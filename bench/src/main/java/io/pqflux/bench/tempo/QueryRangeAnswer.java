package io.pqflux.bench.tempo;

import io.pqflux.bench.data.DataDirectory;
import io.pqflux.tempo.query.MetricsRequest;
import io.pqflux.tempo.query.MetricsResponse;
import io.pqflux.tempo.TempoBlock;
import io.pqflux.tempo.TempoFormat;
import io.pqflux.tempo.TraceReadOptions;
import io.pqflux.tempo.query.internal.metrics.MetricsQuery;
import io.pqflux.tempo.query.oracle.NaiveMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A query range's answer in the form the query-range suite's checksum gate compares: series by label text, samples by
 * step (tempo's test oracle {@link NaiveMetrics}'s form), and the samples in all.
 */
public record QueryRangeAnswer(Map<String, TreeMap<Long, Double>> series, long samples) {

    /** Bump when the canonical form or the oracle changes: part of the cached answers' names. */
    private static final int VERSION = 1;
    private static final int NAIVE_BATCH = 1024;

    public static QueryRangeAnswer of(Map<String, TreeMap<Long, Double>> series) {
        return new QueryRangeAnswer(series, series.values().stream().mapToLong(Map::size).sum());
    }

    /** The engine's answer (the tenant's or the whole-chunk baseline's). */
    public static QueryRangeAnswer ofEngine(MetricsResponse response) {
        return of(NaiveMetrics.answer(response));
    }

    /**
     * The naive evaluator on {@code block}: every trace read whole ({@link TempoBlock#traces} with the default options:
     * full preset), a thousand at a time, its spans matched by {@code NaiveTraceQl} and bucketed by {@link NaiveMetrics}.
     */
    public static QueryRangeAnswer naive(TempoBlock block, MetricsRequest request) {
        long step = MetricsQuery.grid(request).step();
        return of(NaiveMetrics.queryRange(request.query(),
                block.traces(TraceReadOptions.defaults()).buffer(NAIVE_BATCH).toIterable(1),
                nanos(request.start()), nanos(request.end()), step, block.meta().tempoFormat() == TempoFormat.VPARQUET5));
    }

    /** The naive answer to {@code request} on the block in {@code directory}, computed once and cached beside it. */
    public static QueryRangeAnswer naiveCached(Path directory, MetricsRequest request) {
        Path root = directory.getParent().getParent();
        String key = request.query() + " " + request.start() + " " + request.end() + " " + request.step();
        String name = root.getFileName() + "-range-v" + VERSION + "-" + Integer.toHexString(key.hashCode()) + ".txt";
        Path cached = DataDirectory.cached(root.getParent(), name, file -> {
            QueryRangeAnswer answer = naive(TempoBlock.open(directory), request);
            StringBuilder text = new StringBuilder(key).append('\n');
            answer.series.forEach((labels, samples) -> {
                text.append(labels);
                samples.forEach((t, v) -> text.append('\t').append(t).append('=').append(v));
                text.append('\n');
            });
            try {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("writing " + file, e);
            }
        });
        try {
            String[] lines = Files.readString(cached, StandardCharsets.UTF_8).split("\n");
            if (!lines[0].equals(key)) throw new IllegalStateException(cached + " answers " + lines[0] + ", not " + key);
            Map<String, TreeMap<Long, Double>> series = new TreeMap<>();
            for (int i = 1; i < lines.length; i++) {
                String[] parts = lines[i].split("\t");
                TreeMap<Long, Double> samples = new TreeMap<>();
                for (int p = 1; p < parts.length; p++) {
                    int eq = parts[p].indexOf('=');
                    samples.put(Long.parseLong(parts[p].substring(0, eq)), Double.parseDouble(parts[p].substring(eq + 1)));
                }
                series.put(parts[0], samples);
            }
            return of(series);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + cached, e);
        }
    }

    /** Fails the run when {@code actual} is not {@code expected}'s answer (values to 1e-9 relative). */
    public static void check(String reader, String query, QueryRangeAnswer actual, QueryRangeAnswer expected) {
        String difference = NaiveMetrics.difference(actual.series, expected.series);
        if (difference != null) {
            throw new IllegalStateException(reader + " answered " + query + " with " + actual.series.size()
                    + " series, the naive evaluator with " + expected.series.size() + ": " + difference);
        }
    }

    private static long nanos(java.time.Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
