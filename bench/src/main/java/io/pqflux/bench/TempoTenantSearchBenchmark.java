package io.pqflux.bench;

import io.pqflux.tempo.query.QueryLimits;
import io.pqflux.tempo.query.TempoQuerier;
import io.pqflux.bench.data.TempoTenantFiles;
import io.pqflux.bench.tempo.SearchAnswer;
import io.pqflux.bench.tempo.SearchQueries;
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

/**
 * TraceQL search over a tenant of {@value TempoTenantFiles#DEFAULT_BLOCKS} generated vParquet4 blocks
 * ({@link TempoTenantFiles}), every matching trace ({@code limit=0}, 3 spans per spanset): {@link TempoQuerier#searchResponse}
 * searching blocks {@link TempoQuerier#SEARCH_CONCURRENCY} at a time. {@code allCores} runs in a JVM that has every CPU;
 * {@code oneCore} in one pinned to a single CPU ({@code bench/one-core-java}: {@code taskset -c 0}), whose reactor pools
 * and concurrency size themselves to one. The ratio allCores/oneCore is the tenant search's scaling over cores. Both
 * forks run G1, the collector a JVM with several CPUs picks: one on a single CPU picks the serial collector, whose
 * cheaper write barriers made the one-core search 7-15% faster than on G1, so the
 * ratio compared collectors as well as cores. The warm-up is long because a JIT on one core competing with the search
 * took over 30 s to settle.
 *
 * <p>Checksum gate: every search's answer ({@link SearchAnswer}) must equal the naive evaluator's over every block of
 * the tenant (computed once, cached), in setup and after every iteration; the answer is made from the last search's
 * response after the iteration: building it is not the search, and in the measured method it was a serial step of
 * every search, as long on all cores as on one. Counters per search: {@code mbIo} (decimal MB
 * of the blocks' {@code data.parquet} read, footers cached by the tenant), {@code traces} returned, {@code blocks}
 * searched.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10, time = 4)
@Measurement(iterations = 5, time = 5)
public class TempoTenantSearchBenchmark {


    @Param({"genDedicated", "genStructural", "genCount"})
    public String query;

    /**
     * {@code listed}: the tenant lists its blocks for every search (the default); {@code polled}: once per five minutes
     * ({@link TempoTenant#withBlocklistPoll}), as Tempo's queriers poll their block list, so a search has no serial
     * listing before its blocks.
     */
    @Param({"listed", "polled"})
    public String blocklist;

    private SearchRequest request;
    private TempoTenant tenant;
    private TempoQuerier querier;
    private SearchAnswer expected;
    /** The last search's response, checked after each iteration: its answer is made outside the measured search. */
    private SearchResponse last;

    /** The last search's reads and results (the same every search). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counts {
        public double mbIo;
        public double traces;
        public double blocks;
    }

    @Setup(Level.Trial)
    public void setUp() {
        Path root = TempoTenantFiles.get(TempoTenantFiles.DEFAULT_BLOCKS);
        String text = SearchQueries.query(query);
        request = new SearchRequest(text, null, null, 0, SearchAnswer.SPANS_PER_SPANSET);
        tenant = TempoTenantFiles.tenant(blocklist);
        querier = TempoQuerier.of(tenant).withLimits(QueryLimits.NONE);
        expected = SearchAnswer.naiveCached(root, "generated", text);
        search(new Counts());
        SearchAnswer.check("the tenant's search", text, SearchAnswer.ofEngine(last.traces()), expected);
        System.out.printf("%n%s: %d blocks, %d traces, %d spans returned, %d cores, as the naive evaluator answers%n",
                text, tenant.blocks().size(), expected.traces(), expected.spans(), Runtime.getRuntime().availableProcessors());
    }

    private SearchResponse search(Counts counts) {
        SearchResponse response = querier.searchResponse(request).block();
        last = response;
        counts.mbIo = response.metrics().inspectedBytes() / 1e6;
        counts.traces = response.traces().size();
        counts.blocks = response.metrics().totalBlocks();
        return response;
    }

    @Benchmark
    @Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow", "-Xms4g", "-Xmx4g", "-XX:+UseG1GC"})
    public SearchResponse allCores(Counts counts) {
        return search(counts);
    }

    @Benchmark
    @Fork(value = 2, jvm = "bench/one-core-java", jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
        "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xms4g", "-Xmx4g",
        "-XX:+UseG1GC"})
    public SearchResponse oneCore(Counts counts) {
        return search(counts);
    }

    @TearDown(Level.Iteration)
    public void checkLastSearch() {
        SearchAnswer.check("the last measured search", request.query(), SearchAnswer.ofEngine(last.traces()), expected);
    }
}
