package io.pqflux.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RatiosTest {

    static List<JmhResult> sample() throws URISyntaxException {
        return JmhResult.read(Path.of(RatiosTest.class.getResource("sample-jmh.json").toURI()));
    }

    @Test
    void parsesJmhJson() throws URISyntaxException {
        List<JmhResult> results = sample();
        assertThat(results).hasSize(13);
        JmhResult first = results.getFirst();
        assertThat(first.benchmarkClass()).isEqualTo("FlatScanBenchmark");
        assertThat(first.method()).isEqualTo("parquetJava");
        assertThat(first.params()).containsEntry("codec", "SNAPPY").containsEntry("rows", "5000000");
        assertThat(first.score()).isEqualTo(0.4);
        assertThat(first.unit()).isEqualTo("ops/s");
        assertThat(first.allocationPerOp()).isEqualTo(1.0e9);
    }

    @Test
    void computesEveryRatioOfTheSample() throws URISyntaxException {
        List<String> lines = Ratios.compute(sample()).stream().map(Ratios.Ratio::line).toList();
        assertThat(lines).containsExactly(
                "RATIO flat-snappy pqflux/parquet-java = 3.00",
                "RATIO flat-snappy-allcores pqflux-allcores/parquet-java = 5.50",
                "RATIO flat-snappy-allcores pqflux-allcores/pqflux = 1.83",
                "RATIO footer-wide pqflux/parquet-java = 6.00",
                "RATIO levels-w3 vector/scalar = 4.00",
                "RATIO reactive-snappy flux/sync = 0.95",
                "RATIO reactive-snappy-allcores allcores/onecore = 2.00",
                "RATIO s3-20ms flux/per-chunk-requests = 4.00");
        assertThat(Ratios.compute(sample()).getFirst().value()).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void duckDbRatiosPairTheAggregatePassesOfTheSameParameters() {
        Map<String, String> snappy = Map.of("codec", "SNAPPY", "rows", "5000000");
        Map<String, String> zstd = Map.of("codec", "ZSTD", "rows", "5000000");
        List<JmhResult> results = List.of(
                result("FlatAggregateBenchmark", "pqflux", snappy, 3.0),
                result("FlatAggregateBenchmark", "pqfluxReadRowGroup", snappy, 1.5),
                result("FlatAggregateBenchmark", "pqfluxAllCores", snappy, 6.0),
                result("FlatAggregateBenchmark", "pqflux", zstd, 2.0),
                result("FlatScanBenchmark", "pqflux", zstd, 9.0),
                result("FlatAggregateBenchmark", "duckdb", snappy, 2.0),
                result("FlatAggregateBenchmark", "duckdbAllCores", snappy, 4.0),
                result("FlatAggregateBenchmark", "duckdbAllCores", zstd, 4.0));
        assertThat(Ratios.compute(results)).extracting(Ratios.Ratio::line).containsExactly(
                "RATIO flat-snappy pqflux/duckdb = 1.50",
                "RATIO flat-snappy readRowGroup/duckdb = 0.75",
                "RATIO flat-snappy-allcores pqflux-allcores/duckdb-allcores = 1.50");
    }

    private static JmhResult result(String benchmarkClass, String method, Map<String, String> params, double score) {
        return new JmhResult(benchmarkClass, method, params, score, 0, "ops/s", Double.NaN, Map.of());
    }

    @Test
    void countersAreTheBenchmarksOwnSecondaryMetricsWithoutTheProfilers() throws URISyntaxException {
        assertThat(Ratios.counterLines(sample())).containsExactly(
                "COUNTER ObjectStorageBenchmark.perChunkRequests {latencyMillis=20, rowGroupMiB=16, rows=5000000} requests = 29.00",
                "COUNTER ObjectStorageBenchmark.perChunkRequests {latencyMillis=20, rowGroupMiB=16, rows=5000000} fetchedOverNeeded = 1.01",
                "COUNTER ObjectStorageBenchmark.flux {latencyMillis=20, rowGroupMiB=16, rows=5000000} requests = 9.00",
                "COUNTER ObjectStorageBenchmark.flux {latencyMillis=20, rowGroupMiB=16, rows=5000000} fetchedOverNeeded = 1.05",
                "COUNTER ReactiveMemoryBenchmark.slowConsumer {budgetMiB=256, rows=5000000} peakOffHeapMiB = 300.50");
    }

    @Test
    void allocationPerRowFromGcProfiler() throws URISyntaxException {
        assertThat(Ratios.allocationLines(sample())).containsExactly(
                "ALLOC flat-snappy parquetJava = 200.00 B/row",
                "ALLOC flat-snappy pqflux = 0.20 B/row");
    }

    @Test
    void datasetRatiosAreIndexAndWarmCacheOverColdWithPerScanCounters() throws URISyntaxException {
        List<JmhResult> results = JmhResult.read(Path.of(RatiosTest.class.getResource("sample-dataset-jmh.json").toURI()));
        assertThat(Ratios.compute(results)).extracting(Ratios.Ratio::line).containsExactly(
                "RATIO dataset-1000files index/cold = 10.00",
                "RATIO dataset-1000files warm/cold = 2.50");
        String params = "{files=1000, filesInFlight=2, matchingFiles=3, rowsPerFile=1000}";
        assertThat(Ratios.counterLines(results)).containsExactly(
                "COUNTER DatasetScanBenchmark.cold " + params + " filesOpened = 1000.00",
                "COUNTER DatasetScanBenchmark.cold " + params + " footersParsed = 1000.00",
                "COUNTER DatasetScanBenchmark.index " + params + " filesOpened = 3.00",
                "COUNTER DatasetScanBenchmark.index " + params + " filesSkippedByIndex = 997.00",
                "COUNTER DatasetScanBenchmark.warmFooterCache " + params + " footersParsed = 0.00");
    }
}
