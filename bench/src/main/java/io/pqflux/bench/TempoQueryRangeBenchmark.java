package io.pqflux.bench;

import io.pqflux.tempo.query.TempoQuerier;
import io.pqflux.bench.data.TempoBlockFile;
import io.pqflux.bench.tempo.QueryRangeAnswer;
import io.pqflux.bench.tempo.QueryRangeQueries;
import io.pqflux.bench.tempo.WholeChunkMetrics;
import io.pqflux.bench.tempo.WholeChunkRead;
import io.pqflux.storage.ObjectStores;
import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.query.MetricsRequest;
import io.pqflux.tempo.query.MetricsResponse;
import io.pqflux.tempo.TempoBlock;
import io.pqflux.tempo.TempoTenant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * TraceQL metrics over the scan suite's generated ~100 MB vParquet4 block ({@link TempoBlockFile}): Tempo's
 * {@code BenchmarkBackendBlockQueryRange} queries ({@link QueryRangeQueries}) over the block's time range, step 1m,
 * 2 exemplars, as Tempo's benchmark asks. {@code pqflux} is the engine, {@link TempoTenant#queryRange} on the block's
 * tenant (only the columns the query reads, row groups and pages pruned by its pipeline); {@code wholeChunk} is the
 * baseline, {@link WholeChunkMetrics}: Tempo's way, the whole column chunks of the same columns in every row group,
 * observed by the same accumulator; {@code naive} is tempo's test oracle ({@code NaiveTraceQl} matching,
 * {@code NaiveMetrics} bucketing) on every trace read whole.
 *
 * <p>Checksum gate: every variant's answer (series and samples, values to 1e-9 relative) must equal the naive
 * evaluator's, computed once and cached next to the block, in the trial's setup and after every iteration. Exemplars
 * are not compared (Tempo picks them at random).
 *
 * <p>Counters, per query: {@code mbIo}, decimal MB requested from {@code data.parquet} as Tempo counts them (the
 * engine's {@code inspectedBytes} plus the footer, which its tenant caches across queries but Tempo's count includes;
 * the baseline's every read with the footer); {@code spans}, the spans evaluated (spans/s = spans / the time per
 * query); {@code samples}, the samples answered.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow", "-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class TempoQueryRangeBenchmark {

    /** Tempo's benchmark: one-minute steps, two exemplars. */
    private static final Duration STEP = Duration.ofMinutes(1);
    private static final int EXEMPLARS = 2;

    @Param({"rate", "rateSampled", "rateByStatus", "rateByService", "rateByUrl", "errorRate", "quantiles", "histogram",
        "avgByStatus", "maxByStatus", "minByStatus", "compareErrors", "childRate"})
    public String query;

    private MetricsRequest request;
    private TempoTenant tenant;
    private TempoQuerier querier;
    private TempoBlock block;
    private WholeChunkMetrics baseline;
    private long footerBytes;
    private QueryRangeAnswer expected;
    private QueryRangeAnswer last;

    /** The last query's reads and results (the same every query). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counts {
        public double mbIo;
        public double spans;
        public double samples;

        void record(long bytes, long spansEvaluated, QueryRangeAnswer answer) {
            mbIo = bytes / 1e6;
            spans = spansEvaluated;
            samples = answer.samples();
        }
    }

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        Path directory = TempoBlockFile.get(TempoBlockFile.DEFAULT_BYTES);
        tenant = TempoTenant.local(directory.getParent().getParent(), directory.getParent().getFileName().toString());
        querier = TempoQuerier.of(tenant);
        BlockMeta meta = tenant.blocks().getFirst();
        request = new MetricsRequest(QueryRangeQueries.query(query), meta.startTime(), meta.endTime(), STEP, false, EXEMPLARS);
        footerBytes = meta.footerSize() + 8L;
        block = TempoBlock.open(directory);
        baseline = new WholeChunkMetrics(new WholeChunkRead(ObjectStores.local(directory), "data.parquet", meta));
        expected = QueryRangeAnswer.naiveCached(directory, request);
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        Counts counts = new Counts();
        switch (method) {
            case "pqflux" -> pqflux(counts);
            case "wholeChunk" -> wholeChunk(counts);
            case "naive" -> naive(counts);
            default -> throw new IllegalStateException("no check for benchmark " + method);
        }
        QueryRangeAnswer.check(method, request.query(), last, expected);
        System.out.printf("%n%s %s: %s: %d series, %d samples, %.0f spans, %.2f MB read, as the naive evaluator answers%n",
                method, query, request.query(), expected.series().size(), expected.samples(), counts.spans, counts.mbIo);
    }

    @Benchmark
    public QueryRangeAnswer pqflux(Counts counts) {
        MetricsResponse response = querier.queryRange(request).block();
        last = QueryRangeAnswer.ofEngine(response);
        counts.record(response.metrics().inspectedBytes() + footerBytes, response.metrics().inspectedSpans(), last);
        return last;
    }

    @Benchmark
    public QueryRangeAnswer wholeChunk(Counts counts) {
        WholeChunkMetrics.Result result = baseline.queryRange(request);
        last = QueryRangeAnswer.ofEngine(result.response());
        counts.record(result.bytesRead(), result.response().metrics().inspectedSpans(), last);
        return last;
    }

    /** Reads the whole block every time: no byte counter (every column chunk, whole). */
    @Benchmark
    public QueryRangeAnswer naive(Counts counts) {
        last = QueryRangeAnswer.naive(block, request);
        counts.record(0, 0, last);
        return last;
    }

    /** Every iteration's last query must have answered as the naive evaluator does. */
    @TearDown(Level.Iteration)
    public void checkLastQuery() {
        QueryRangeAnswer.check("the last measured query", request.query(), last, expected);
    }
}
