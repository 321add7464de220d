package io.pqflux.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.pqflux.bench.data.TempoTenantFiles;
import io.pqflux.bench.server.AnswerJson;
import io.pqflux.bench.server.ExpectedSearch;
import io.pqflux.bench.server.ExpectedTraces;
import io.pqflux.bench.server.ExpectedTraces.ExpectedTrace;
import io.pqflux.bench.server.ServedTenant;
import io.pqflux.bench.server.TempoApiPaths;
import io.pqflux.bench.tempo.SearchAnswer;
import io.pqflux.bench.tempo.SearchQueries;
import io.pqflux.tempo.TempoBlock;
import io.pqflux.tempo.query.QueryJson;
import io.pqflux.tempo.query.SearchRequest;
import io.pqflux.testdata.Corpus;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * What the Tempo server adds to the library it serves: trace by ID and a search through HTTP ({@code http…}: the JDK's
 * client on loopback, HTTP/1.1 with the connection kept alive, to a {@code TempoServer} in the same JVM) against the
 * same calls on the library ({@code library…}) in the same fork ({@link ServedTenant}). A lookup is
 * {@code TempoTenant.findTrace} with the server's arguments and its Tempo v2 JSON ({@code /api/v2/traces/{id}}), cycling
 * through 16 trace IDs; a search is {@code TempoQuerier.searchResponse} and {@code QueryJson.search} of every matching
 * trace with 3 spans per spanset ({@code /api/search?limit=0&spss=3}). Both sides produce the same JSON, so the
 * difference is the server's routing, tenant and query gate, the copy into the response, HTTP on loopback and the
 * client receiving the bytes; the server's one log line per request is off ({@code ServerLog}), and the client and the
 * server share the fork's cores. The server's tenant and the library's have caches of their own, both warm.
 * {@code data}: {@code bundled}, Tempo's own vParquet4 test block (134 traces, all matching the query
 * {@code { span.http.method = "GET" } >> { }}); {@code tenant200}, the tenant-search suite's 200 generated blocks
 * (query {@code genStructural}, 1,164 traces).
 *
 * <p>Checksum gate: in the trial's setup every trace ID and the search are asked both ways and each answer checked:
 * a trace must be the one parquet-java's oracle reads ({@link ExpectedTraces}, as JSON equal to the library's), the
 * search's traces those of the naive evaluator ({@link ExpectedSearch}); after every iteration the last answer of the
 * measured method is checked again.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow", "-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class TempoServerOverheadBenchmark {

    private static final int TRACE_IDS = 16;

    @Param({"bundled", "tenant200"})
    public String data;

    private ServedTenant served;
    private List<ExpectedTrace> traces;
    private List<String> tracePaths;
    private ExpectedSearch search;
    private SearchRequest searchRequest;
    private String searchPath;
    private int next;
    /** The last measured answer (JSON text from the library, bytes from the server) and, for a lookup, its trace. */
    private Object lastAnswer;
    private ExpectedTrace lastTrace;

    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        Path root;
        String tenant;
        String query;
        switch (data) {
            case "bundled" -> {
                root = Corpus.root().resolve("tempo");
                tenant = "single-tenant";
                query = "{ span.http.method = \"GET\" } >> { }";
            }
            case "tenant200" -> {
                root = TempoTenantFiles.get(TempoTenantFiles.DEFAULT_BLOCKS);
                tenant = "generated";
                query = SearchQueries.query("genStructural");
            }
            default -> throw new IllegalArgumentException("no such data: " + data + " (bundled or tenant200)");
        }
        served = ServedTenant.start(root, tenant);
        traces = ExpectedTraces.sample(root, tenant, served.tenant(), TRACE_IDS);
        tracePaths = traces.stream().map(trace -> TempoApiPaths.traceV2(trace.id())).toList();
        // the bundled block sits in the repository: its naive answer is not cached beside it
        SearchAnswer naive = data.equals("bundled") ? SearchAnswer.naive(TempoBlock.open(Corpus.tempoBlock()), query)
                : SearchAnswer.naiveCached(root, tenant, query);
        search = ExpectedSearch.of(served.querier(), query, naive);
        searchRequest = ExpectedSearch.request(query);
        searchPath = TempoApiPaths.search(query, 0, SearchAnswer.SPANS_PER_SPANSET, null, null);
        for (int i = 0; i < traces.size(); i++) {
            check(libraryTraceById(), lastTrace);
            check(httpTraceById(), lastTrace);
        }
        check(librarySearch(), null);
        check(httpSearch(), null);
        System.out.printf("%n%s: %d trace IDs and %s (%d traces) checked through the library and HTTP%n", data,
                traces.size(), query, search.traceCount());
    }

    @Benchmark
    public String libraryTraceById() {
        ExpectedTrace trace = nextTrace();
        String answer = ExpectedTraces.v2Json(ExpectedTraces.lookUp(served.tenant(), trace.id()));
        lastAnswer = answer;
        return answer;
    }

    @Benchmark
    public byte[] httpTraceById() {
        nextTrace();
        byte[] answer = served.get(tracePaths.get(next));
        lastAnswer = answer;
        return answer;
    }

    @Benchmark
    public String librarySearch() {
        String answer = QueryJson.search(served.querier().searchResponse(searchRequest).block());
        lastAnswer = answer;
        return answer;
    }

    @Benchmark
    public byte[] httpSearch() {
        byte[] answer = served.get(searchPath);
        lastAnswer = answer;
        return answer;
    }

    private ExpectedTrace nextTrace() {
        next = (next + 1) % traces.size();
        lastTrace = traces.get(next);
        return lastTrace;
    }

    @TearDown(Level.Iteration)
    public void checkLastAnswer(BenchmarkParams params) {
        check(lastAnswer, params.getBenchmark().endsWith("TraceById") ? lastTrace : null);
    }

    /** Fails the run unless {@code answer} is {@code trace}'s answer, or the search's when {@code trace} is null. */
    private void check(Object answer, ExpectedTrace trace) {
        JsonNode body = answer instanceof byte[] bytes ? AnswerJson.parse(bytes) : AnswerJson.parse((String) answer);
        String problem = trace != null ? trace.problem(body) : search.problem(body, 0);
        if (problem != null) throw new IllegalStateException(data + ": " + problem);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        served.close();
    }
}
