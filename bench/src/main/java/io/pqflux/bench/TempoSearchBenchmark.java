package io.pqflux.bench;

import io.pqflux.tempo.query.QueryLimits;
import io.pqflux.tempo.query.TempoQuerier;
import io.pqflux.bench.data.TempoBlockFile;
import io.pqflux.bench.tempo.SearchAnswer;
import io.pqflux.bench.tempo.SearchQueries;
import io.pqflux.bench.tempo.WholeChunkRead;
import io.pqflux.bench.tempo.WholeChunkSearch;
import io.pqflux.storage.ObjectStores;
import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.query.SearchRequest;
import io.pqflux.tempo.query.SearchResponse;
import io.pqflux.tempo.TempoTenant;
import java.nio.file.Path;
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
 * TraceQL search over the scan suite's generated ~100 MB vParquet4 block ({@link TempoBlockFile}): Tempo's 22
 * {@code BenchmarkBackendBlockTraceQL} queries and four over the generator's names ({@link SearchQueries}), every
 * matching trace ({@code limit=0}) with 3 spans per spanset, as Tempo's benchmark asks. {@code pqflux} is the engine,
 * {@link TempoQuerier#searchResponse} on the block's tenant (attribute projection, the pruning predicate on row groups
 * and pages, a first pass over what evaluating the query needs, a second over the matching rows' pages through the
 * offset index); {@code wholeChunk} is the baseline, {@link WholeChunkSearch}: Tempo's way, the whole column chunks of
 * the same columns in every row group, matched by the same matcher. The naive evaluator runs in
 * {@link TempoSearchNaiveBenchmark} (same parameter names, fewer queries: it reads the whole block every time).
 *
 * <p>Checksum gate: every variant's answer ({@link SearchAnswer}: trace IDs, each spanset's {@code matched} and
 * attributes) must equal the naive evaluator's for the query (tempo's test oracle {@code NaiveTraceQl} on every trace
 * read whole, computed once and cached next to the block), in the trial's setup and after every iteration.
 *
 * <p>Counters, per search: {@code mbIo}, decimal MB requested from {@code data.parquet} as Tempo counts them (footer,
 * pages, dictionaries, page indexes): the engine's {@code inspectedBytes} (both passes) plus the footer, which its
 * tenant caches across searches but Tempo's count includes, and the baseline's every read with the footer;
 * {@code spans}, the spans returned ({@code spss=3}); {@code traces}, the traces returned.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow", "-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class TempoSearchBenchmark {

    @Param({"tempo01", "tempo02", "tempo03", "tempo04", "tempo05", "tempo06", "tempo07", "tempo08", "tempo09", "tempo10",
        "tempo11", "tempo12", "tempo13", "tempo14", "tempo15", "tempo16", "tempo17", "tempo18", "tempo19", "tempo20",
        "tempo21", "tempo22", "genDedicated", "genGeneric", "genStructural", "genCount"})
    public String query;

    private SearchRequest request;
    private TempoTenant tenant;
    private TempoQuerier querier;
    private WholeChunkSearch baseline;
    private long footerBytes;
    private SearchAnswer expected;
    private SearchAnswer last;

    /** The last search's reads and results (the same every search). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counts {
        public double mbIo;
        public double spans;
        public double traces;

        void record(long bytes, SearchAnswer answer) {
            mbIo = bytes / 1e6;
            spans = answer.spans();
            traces = answer.traces();
        }
    }

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        Path directory = TempoBlockFile.get(TempoBlockFile.DEFAULT_BYTES);
        String text = SearchQueries.query(query);
        request = new SearchRequest(text, null, null, 0, SearchAnswer.SPANS_PER_SPANSET);
        tenant = TempoTenant.local(directory.getParent().getParent(), directory.getParent().getFileName().toString());
        querier = TempoQuerier.of(tenant).withLimits(QueryLimits.NONE);
        BlockMeta meta = tenant.blocks().getFirst();
        footerBytes = meta.footerSize() + 8L;
        baseline = new WholeChunkSearch(new WholeChunkRead(ObjectStores.local(directory), "data.parquet", meta));
        expected = SearchAnswer.naiveCached(directory, text);
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        Counts counts = new Counts();
        switch (method) {
            case "pqflux" -> pqflux(counts);
            case "wholeChunk" -> wholeChunk(counts);
            default -> throw new IllegalStateException("no check for benchmark " + method);
        }
        SearchAnswer.check(method, text, last, expected);
        System.out.printf("%n%s %s: %s: %d traces, %d spans returned, %.2f MB read, as the naive evaluator answers%n",
                method, query, text, expected.traces(), expected.spans(), counts.mbIo);
    }

    @Benchmark
    public SearchAnswer pqflux(Counts counts) {
        SearchResponse response = querier.searchResponse(request).block();
        last = SearchAnswer.ofEngine(response.traces());
        counts.record(response.metrics().inspectedBytes() + footerBytes, last);
        return last;
    }

    @Benchmark
    public SearchAnswer wholeChunk(Counts counts) {
        WholeChunkSearch.Result result = baseline.search(request);
        last = SearchAnswer.ofEngine(result.traces());
        counts.record(result.bytesRead(), last);
        return last;
    }

    /** Every iteration's last search must have answered as the naive evaluator does. */
    @TearDown(Level.Iteration)
    public void checkLastSearch() {
        SearchAnswer.check("the last measured search", request.query(), last, expected);
    }
}
