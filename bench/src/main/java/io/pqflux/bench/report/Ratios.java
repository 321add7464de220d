package io.pqflux.bench.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The comparisons the benchmarks exist for, computed from JMH's JSON: per suite the throughput ratio of pqflux to
 * its baseline (> 1 means pqflux is faster), printed as {@code RATIO <suite> <what> = <x.xx>} lines, with
 * {@code -prof gc} the allocation per row of the flat scans, and the benchmarks' own counters.
 */
public final class Ratios {

    /**
     * A ratio of two benchmark methods, for every parameter combination both were run with; the methods may belong
     * to two classes with the same parameters (pqflux's flat scans over DuckDB's).
     */
    record Rule(String numeratorClass, String numerator, String denominatorClass, String denominator, String suite,
                String what) {

        /** Two methods of one benchmark class. */
        Rule(String benchmarkClass, String numerator, String denominator, String suite, String what) {
            this(benchmarkClass, numerator, benchmarkClass, denominator, suite, what);
        }
    }

    static final List<Rule> RULES = List.of(
            new Rule("FlatScanBenchmark", "pqflux", "parquetJava", "flat-{codec}", "pqflux/parquet-java"),
            new Rule("FlatScanBenchmark", "pqfluxAllCores", "parquetJava", "flat-{codec}-allcores", "pqflux-allcores/parquet-java"),
            new Rule("FlatScanBenchmark", "pqfluxAllCores", "pqflux", "flat-{codec}-allcores", "pqflux-allcores/pqflux"),
            // the same aggregates of every column as DuckDB's SQL: one thread on one file; all cores on the multi-row-group copy
            new Rule("FlatAggregateBenchmark", "pqflux", "duckdb", "flat-{codec}", "pqflux/duckdb"),
            new Rule("FlatAggregateBenchmark", "pqfluxReadRowGroup", "duckdb", "flat-{codec}", "readRowGroup/duckdb"),
            new Rule("FlatAggregateBenchmark", "pqfluxAllCores", "duckdbAllCores", "flat-{codec}-allcores",
                    "pqflux-allcores/duckdb-allcores"),
            new Rule("NestedScanBenchmark", "pqflux", "parquetJava", "nested", "pqflux/parquet-java"),
            new Rule("NestedScanBenchmark", "pqfluxWithStructure", "parquetJava", "nested-structure", "pqflux/parquet-java"),
            new Rule("FooterBenchmark", "pqflux", "parquetFormatStructures", "footer-{file}", "pqflux/parquet-java"),
            new Rule("LevelDecodingBenchmark", "vector", "scalar", "levels-w{bitWidth}", "vector/scalar"),
            // average time per page: parquet-java's over pqflux's, so > 1 means pqflux is faster
            new Rule("DeltaStringDecodingBenchmark", "parquetJava", "pqflux", "delta-strings-{values}", "pqflux/parquet-java"),
            new Rule("DeltaIntegerDecodingBenchmark", "parquetJava", "pqflux", "delta-ints-{values}", "pqflux/parquet-java"),
            new Rule("DeltaIntegerDecodingBenchmark", "parquetJavaSkipping", "pqfluxSkipping", "delta-ints-{values}-skipping",
                    "pqflux/parquet-java"),
            new Rule("ReactiveScanBenchmark", "flux", "sync", "reactive-{codec}", "flux/sync"),
            new Rule("ReactiveScanBenchmark", "fluxAllCores", "flux", "reactive-{codec}-allcores", "allcores/onecore"),
            new Rule("ObjectStorageBenchmark", "flux", "perChunkRequests", "s3-{latencyMillis}ms", "flux/per-chunk-requests"),
            new Rule("DatasetScanBenchmark", "index", "cold", "dataset-{files}files", "index/cold"),
            new Rule("DatasetScanBenchmark", "warmFooterCache", "cold", "dataset-{files}files", "warm/cold"),
            new Rule("TempoScanBenchmark", "pqflux", "parquetJava", "tempo-scan", "pqflux/parquet-java"),
            new Rule("TempoScanBenchmark", "pqfluxAllCores", "pqflux", "tempo-scan-allcores", "allcores/onecore"),
            new Rule("TempoScanBenchmark", "pqflux", "decodeOnly", "tempo-scan", "pqflux/decode-only"),
            new Rule("TempoScanBenchmark", "pqfluxEncoded", "parquetJavaEncoded", "tempo-scan-encoded", "pqflux/parquet-java"),
            new Rule("TempoScanBenchmark", "pqfluxEncodedAllCores", "pqfluxEncoded", "tempo-scan-encoded-allcores",
                    "allcores/onecore"),
            new Rule("TempoScanBenchmark", "pqfluxEncoded", "decodeOnly", "tempo-encode-vs-decode", "encoded/decode-only"),
            new Rule("OtapLogsBenchmark", "pqflux", "parquetJava", "otap-logs", "pqflux/parquet-java"),
            new Rule("OtapLogsBenchmark", "pqfluxEncoded", "parquetJavaEncoded", "otap-logs-encoded", "pqflux/parquet-java"),
            new Rule("OtapLogsBenchmark", "pqfluxEncodedAllCores", "pqfluxEncoded", "otap-partition-allcores",
                    "allcores/onecore"),
            // the machine's limit for the all-cores figures above, from the same run
            new Rule("MemoryLoopBenchmark", "allCores", "oneCore", "memory-loop-allcores", "allcores/onecore"),
            new Rule("OtapPartitionsBenchmark", "allCores", "oneCore", "otap-partitions-allcores", "allcores/onecore"),
            // average time per lookup: the baseline's over pqflux's, so > 1 means pqflux is faster here too
            new Rule("TempoLookupBenchmark", "wholeChunks", "pqflux", "tempo-lookup-{storage}-{ids}", "whole-chunks-ms/pqflux-ms"),
            new Rule("TempoLookupBenchmark", "pqfluxSerialized", "pqfluxEncoded", "trace-by-id-encoded-{storage}-{ids}",
                    "serialized-ms/encoded-ms"),
            // average time per search: the naive evaluator's over the engine's (its own class: fewer queries), so > 1
            // means pqflux is faster, the throughput ratio
            new Rule("TempoSearchNaiveBenchmark", "naive", "TempoSearchBenchmark", "pqflux", "search-{query}", "pqflux/naive"),
            new Rule("TempoSearchBenchmark", "wholeChunk", "pqflux", "search-{query}", "pqflux/wholeChunk"),
            new Rule("TempoQueryRangeBenchmark", "naive", "pqflux", "query-range-{query}", "pqflux/naive"),
            new Rule("TempoQueryRangeBenchmark", "wholeChunk", "pqflux", "query-range-{query}", "pqflux/wholeChunk"),
            new Rule("TempoTenantSearchBenchmark", "oneCore", "allCores", "tenant-search-{query}-{blocklist}", "allcores/onecore"),
            // time per buffer and thread: one thread's over two's, each thread's throughput beside a second thread's
            // against alone (1: the memory layer's shared state costs a second core nothing)
            new Rule("BufferChurnBenchmark", "oneThread", "twoThreads", "buffer-churn", "per-thread-twothreads/onethread"));

    /**
     * Ratios of a counter of two methods of one benchmark class (not throughput: kept out of the chart), for every
     * parameter combination both were run with: {@code RATIO <suite> <counter> <what> = <x.xx>}.
     */
    record CounterRule(String benchmarkClass, String numerator, String denominator, String counter, String suite,
                       String what) {
    }

    static final List<CounterRule> COUNTER_RULES = List.of(
            // bytes requested per search, the engine's over the whole-chunk baseline's: < 1 means pqflux reads less
            new CounterRule("TempoSearchBenchmark", "pqflux", "wholeChunk", "mbIo", "search-{query}", "mbio pqflux/wholeChunk"),
            new CounterRule("TempoQueryRangeBenchmark", "pqflux", "wholeChunk", "mbIo", "query-range-{query}",
                    "mbio pqflux/wholeChunk"));

    /** One computed ratio. */
    public record Ratio(String suite, String what, double value) {
        public String line() {
            return String.format(Locale.ROOT, "RATIO %s %s = %.2f", suite, what, value);
        }
    }

    private Ratios() {
    }

    public static List<Ratio> compute(List<JmhResult> results) {
        List<Ratio> ratios = new ArrayList<>();
        for (Rule rule : RULES) {
            forEachPair(results, rule.numeratorClass(), rule.numerator(), rule.denominatorClass(), rule.denominator(),
                    (numerator, denominator) -> {
                        if (!numerator.unit().equals(denominator.unit())) {
                            throw new IllegalArgumentException(rule.suite() + ": units differ, " + numerator.unit()
                                    + " vs " + denominator.unit());
                        }
                        ratios.add(new Ratio(label(rule.suite(), numerator.params()), rule.what(),
                                numerator.score() / denominator.score()));
                    });
        }
        return ratios;
    }

    /** The {@link #COUNTER_RULES} ratios. */
    public static List<Ratio> counterRatios(List<JmhResult> results) {
        List<Ratio> ratios = new ArrayList<>();
        for (CounterRule rule : COUNTER_RULES) {
            forEachPair(results, rule.benchmarkClass(), rule.numerator(), rule.benchmarkClass(), rule.denominator(),
                    (numerator, denominator) -> ratios.add(new Ratio(label(rule.suite(), numerator.params()), rule.what(),
                            numerator.counters().get(rule.counter()) / denominator.counters().get(rule.counter()))));
        }
        return ratios;
    }

    /** Every pair of results of the two methods run with the same parameters. */
    private static void forEachPair(List<JmhResult> results, String numeratorClass, String numeratorMethod,
                                    String denominatorClass, String denominatorMethod,
                                    BiConsumer<JmhResult, JmhResult> pair) {
        for (JmhResult numerator : results) {
            if (!numerator.benchmarkClass().equals(numeratorClass) || !numerator.method().equals(numeratorMethod)) continue;
            for (JmhResult denominator : results) {
                if (denominator.benchmarkClass().equals(denominatorClass) && denominator.method().equals(denominatorMethod)
                        && denominator.params().equals(numerator.params())) {
                    pair.accept(numerator, denominator);
                }
            }
        }
    }

    /** Allocation per row of each flat-scan method measured with {@code -prof gc}. */
    public static List<String> allocationLines(List<JmhResult> results) {
        List<String> lines = new ArrayList<>();
        for (JmhResult r : results) {
            String rows = r.params().get("rows");
            if (!r.benchmarkClass().equals("FlatScanBenchmark") || rows == null || Double.isNaN(r.allocationPerOp())) continue;
            lines.add(String.format(Locale.ROOT, "ALLOC %s %s = %.2f B/row", label("flat-{codec}", r.params()), r.method(),
                    r.allocationPerOp() / Long.parseLong(rows)));
        }
        return lines;
    }

    /**
     * The benchmarks' own secondary metrics ({@code @AuxCounters}: requests, over-fetch, peak memory), one
     * {@code COUNTER <class>.<method> [<params>] <name> = <value>} line each.
     */
    public static List<String> counterLines(List<JmhResult> results) {
        List<String> lines = new ArrayList<>();
        for (JmhResult r : results) {
            for (Map.Entry<String, Double> counter : r.counters().entrySet()) {
                lines.add(String.format(Locale.ROOT, "COUNTER %s.%s %s %s = %.2f", r.benchmarkClass(), r.method(),
                        r.params(), counter.getKey(), counter.getValue()));
            }
        }
        return lines;
    }

    static String label(String pattern, Map<String, String> params) {
        String label = pattern;
        for (Map.Entry<String, String> p : params.entrySet()) {
            label = label.replace("{" + p.getKey() + "}", p.getValue().toLowerCase(Locale.ROOT));
        }
        return label;
    }

    /** Prints the RATIO (ALLOC, COUNTER) lines of the given JMH JSON files. */
    public static void main(String[] args) {
        List<JmhResult> results = JmhResult.read(List.of(args).stream().map(Path::of).toList());
        compute(results).forEach(r -> System.out.println(r.line()));
        counterRatios(results).forEach(r -> System.out.println(r.line()));
        allocationLines(results).forEach(System.out::println);
        counterLines(results).forEach(System.out::println);
    }
}
