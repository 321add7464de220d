package io.pqflux.bench.tempo;

import io.pqflux.bench.data.DataDirectory;
import io.pqflux.tempo.TempoBlock;
import io.pqflux.tempo.TraceReadOptions;
import io.pqflux.tempo.query.TraceSearchResult;
import io.pqflux.tempo.query.oracle.NaiveTraceQl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A search's answer in the canonical form the search suite's checksum gate compares: one line per matching trace,
 * sorted, {@code traceID: spanset; spanset} with each spanset as {@code matched=N} and its attributes ({@code by()}
 * values, aggregates) in {@link NaiveTraceQl.Attr}'s text, the spansets sorted; and the spans returned, each spanset's
 * first {@value #SPANS_PER_SPANSET} as Tempo's benchmark counts them ({@code spss=3}).
 */
public record SearchAnswer(String canonical, long traces, long spans) {

    /** Tempo's {@code BenchmarkBackendBlockTraceQL} returns 3 spans per spanset. */
    public static final int SPANS_PER_SPANSET = 3;
    /** Bump when the canonical form or the evaluator changes: part of the cached answers' names. */
    private static final int VERSION = 1;
    private static final int NAIVE_BATCH = 1024;

    /** The engine's results (from {@code TempoBlock.search} or the whole-chunk baseline's matcher). */
    public static SearchAnswer ofEngine(List<TraceSearchResult> results) {
        List<String> lines = new ArrayList<>(results.size());
        long spans = 0;
        for (TraceSearchResult trace : results) {
            List<String> sets = new ArrayList<>();
            for (TraceSearchResult.SpanSet set : trace.spanSets()) {
                spans += set.spans().size();
                sets.add(spanset(set.matched(), set.attributes().stream()
                        .map(kv -> new NaiveTraceQl.Attr(kv.getKey(), kv.getValue()).toString()).toList()));
            }
            lines.add(line(trace.traceId(), sets));
        }
        return of(lines, spans);
    }

    /** The naive evaluator's result (every span of each spanset; the spans returned counted as {@code spss=3}). */
    public static SearchAnswer ofNaive(List<NaiveTraceQl.TraceResult> results) {
        List<String> lines = new ArrayList<>(results.size());
        long spans = 0;
        for (NaiveTraceQl.TraceResult trace : results) {
            List<String> sets = new ArrayList<>();
            for (NaiveTraceQl.SpansetResult set : trace.spansets()) {
                spans += Math.min(SPANS_PER_SPANSET, set.spans().size());
                sets.add(spanset(set.matched(), set.attributes().stream().map(NaiveTraceQl.Attr::toString).toList()));
            }
            lines.add(line(trace.traceId(), sets));
        }
        return of(lines, spans);
    }

    /**
     * The naive evaluator on {@code block}: every trace read whole ({@link TempoBlock#traces} with the default options:
     * full preset, default pipeline), evaluated on its OTLP objects by tempo's test oracle {@link NaiveTraceQl}, a
     * thousand traces at a time (a search evaluates each trace alone).
     */
    public static SearchAnswer naive(TempoBlock block, String query) {
        return naive(List.of(block), query);
    }

    /** The same over several blocks, one after the other (each trace is in one block). */
    public static SearchAnswer naive(List<TempoBlock> blocks, String query) {
        List<NaiveTraceQl.TraceResult> results = reactor.core.publisher.Flux.fromIterable(blocks)
                .concatMap(block -> block.traces(TraceReadOptions.defaults()))
                .buffer(NAIVE_BATCH)
                .concatMapIterable(traces -> NaiveTraceQl.search(query, traces).traces())
                .collectList().block();
        return ofNaive(results);
    }

    /**
     * The naive evaluator's answer to {@code query} on the block in {@code directory}, computed once and cached next to
     * the block's cached root (named by the query's text hash).
     */
    public static SearchAnswer naiveCached(Path directory, String query) {
        Path root = directory.getParent().getParent();
        return cached(root, query, () -> naive(TempoBlock.open(directory), query));
    }

    /** The same for every block of {@code tenant} under the backend root {@code root}. */
    public static SearchAnswer naiveCached(Path root, String tenant, String query) {
        return cached(root, query, () -> {
            try (java.util.stream.Stream<Path> dirs = Files.list(root.resolve(tenant))) {
                return naive(dirs.filter(Files::isDirectory).sorted().map(TempoBlock::open).toList(), query);
            } catch (IOException e) {
                throw new UncheckedIOException("listing " + root.resolve(tenant), e);
            }
        });
    }

    /** An answer cached beside the cached {@code root} (named by it and the query's text hash). */
    private static SearchAnswer cached(Path root, String query, java.util.function.Supplier<SearchAnswer> naive) {
        String name = root.getFileName() + "-search-v" + VERSION + "-" + Integer.toHexString(query.hashCode()) + ".txt";
        Path cached = DataDirectory.cached(root.getParent(), name, file -> {
            SearchAnswer answer = naive.get();
            try {
                Files.writeString(file, query + "\n" + answer.traces + " " + answer.spans + "\n" + answer.canonical,
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("writing " + file, e);
            }
        });
        try {
            String[] parts = Files.readString(cached, StandardCharsets.UTF_8).split("\n", 3);
            if (!parts[0].equals(query)) throw new IllegalStateException(cached + " answers " + parts[0] + ", not " + query);
            String[] counts = parts[1].split(" ");
            return new SearchAnswer(parts.length > 2 ? parts[2] : "", Long.parseLong(counts[0]), Long.parseLong(counts[1]));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + cached, e);
        }
    }

    /** Fails the run when {@code actual} is not {@code expected}'s answer. */
    public static void check(String reader, String query, SearchAnswer actual, SearchAnswer expected) {
        if (!actual.equals(expected)) {
            throw new IllegalStateException(reader + " answered " + query + " with " + actual.traces + " traces, "
                    + actual.spans + " spans, but the naive evaluator with " + expected.traces + " traces, "
                    + expected.spans + " spans: the answers differ" + firstDifference(actual.canonical, expected.canonical));
        }
    }

    private static String firstDifference(String actual, String expected) {
        String[] a = actual.split("\n");
        String[] e = expected.split("\n");
        for (int i = 0; i < Math.min(a.length, e.length); i++) {
            if (!a[i].equals(e[i])) return " (first at line " + i + ": " + a[i] + " vs " + e[i] + ")";
        }
        return "";
    }

    private static SearchAnswer of(List<String> lines, long spans) {
        return new SearchAnswer(lines.stream().sorted().collect(Collectors.joining("\n")), lines.size(), spans);
    }

    private static String spanset(int matched, List<String> attributes) {
        StringBuilder text = new StringBuilder("matched=").append(matched);
        for (String a : attributes) text.append(' ').append(a);
        return text.toString();
    }

    private static String line(String traceId, List<String> spansets) {
        return traceId + ": " + spansets.stream().sorted().collect(Collectors.joining("; "));
    }
}
