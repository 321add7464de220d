package io.pqflux.bench.server;

import io.pqflux.bench.data.TempoTenantFiles;
import io.pqflux.bench.tempo.SearchAnswer;
import io.pqflux.bench.tempo.SearchQueries;
import io.pqflux.tempo.server.TempoServer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Load on a {@link TempoServer} on loopback: {@code clients} clients at once ({@link LoadClients}) asking for traces by
 * ID, searches and metrics range queries ({@link LoadMix}) over a generated tenant of {@code blocks} vParquet4 blocks
 * ({@link TempoTenantFiles}, tempo's test-scope block writer), for a warm-up and then {@code seconds} measured, never
 * more than {@code max requests}. The server runs in a JVM of its own ({@link ServerProcess}), answering
 * {@link #QUERIES_PER_CLIENT} queries at once per client, so none is refused. Every answer is checked against the
 * library's answer to the same request, which is checked first against an oracle (parquet-java's reading of the
 * traces, the naive TraceQL evaluator's search answers). Prints requests per second, p50, p99 and max latency per kind
 * of request, the failures, the CPU time each process used and the server process's memory peaks; exits with status 1
 * on any failure. Not a benchmark: the clients and the server share the machine's cores.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
 *   -cp bench/target/benchmarks.jar io.pqflux.bench.server.TempoServerLoad \
 *   [clients] [seconds] [blocks] [warm-up seconds] [max requests]
 * </pre>
 */
public final class TempoServerLoad {

    static final String TENANT = "generated";
    static final int TRACE_IDS = 64;
    /** Searches by the search suite's names: a structural query and a {@code count()} pipeline. */
    static final List<String> SEARCHES = List.of("genStructural", "genCount");
    static final String RANGE_QUERY = "{ } | rate() by (resource.service.name)";
    /**
     * The server's concurrency limit per client: a client has one request in flight, and the server gives a query's
     * permit back when its answer is ready; the second is headroom, so a refusal (429) would say something is wrong.
     */
    static final int QUERIES_PER_CLIENT = 2;

    /**
     * What a run saw; the CPU times are of the whole load, warm-up included: on a shared machine they tell how much of
     * the cores the server and the clients got.
     */
    record Outcome(LoadResults results, MemoryFigures memory, Duration elapsed, Duration serverCpu, Duration clientCpu) {
    }

    private TempoServerLoad() {
    }

    public static void main(String[] args) throws Exception {
        LoadSettings settings;
        try {
            settings = LoadSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Outcome outcome = run(settings, System.out);
        if (outcome.results().failureCount() > 0) System.exit(1);
    }

    /** Prepares the tenant and the expected answers, runs the load and prints its report to {@code out}. */
    static Outcome run(LoadSettings settings, PrintStream out) throws Exception {
        Path root = TempoTenantFiles.get(settings.blocks());
        LoadMix mix = new LoadPlan(root, TENANT, TRACE_IDS, SEARCHES.stream().map(SearchQueries::query).toList(),
                query -> SearchAnswer.naiveCached(root, TENANT, query), RANGE_QUERY).mix(out);
        int maxQueries = QUERIES_PER_CLIENT * settings.clients();
        out.printf("%d clients, %d s warm-up + %d s measured, at most %d requests; the server answers %d queries at once%n",
                settings.clients(), settings.warmupSeconds(), settings.seconds(), settings.maxRequests(), maxQueries);
        try (ServerProcess server = ServerProcess.start(root, maxQueries)) {
            long started = System.nanoTime();
            Duration serverCpu = server.cpuTime();
            Duration clientCpu = ownCpuTime();
            LoadResults results = new LoadClients(server.uri(), TENANT, mix)
                    .run(settings.clients(), settings.warmup(), settings.measured(), settings.maxRequests());
            Outcome outcome = new Outcome(results, server.memory(), Duration.ofNanos(System.nanoTime() - started),
                    server.cpuTime().minus(serverCpu), ownCpuTime().minus(clientCpu));
            report(outcome, out);
            return outcome;
        }
    }

    private static void report(Outcome outcome, PrintStream out) {
        LoadResults results = outcome.results();
        out.printf("%n== load: %.0f s measured (answers within it: req/s; requests sent within it: latency) ==%n",
                results.windowSeconds());
        results.table().forEach(out::println);
        out.printf("%d requests sent in all (warm-up included), every answer checked: %d failures%n", results.requests(),
                results.failureCount());
        results.failures().forEach(failure -> out.println("FAILURE " + failure));
        out.printf("CPU over the %.1f s of load: server process %.1f s (%.2f cores), clients' process %.1f s (%.2f cores);"
                + " this machine has %d%n", seconds(outcome.elapsed()), seconds(outcome.serverCpu()),
                seconds(outcome.serverCpu()) / seconds(outcome.elapsed()), seconds(outcome.clientCpu()),
                seconds(outcome.clientCpu()) / seconds(outcome.elapsed()), Runtime.getRuntime().availableProcessors());
        out.println("== the server process's memory peaks ==");
        outcome.memory().report().forEach(out::println);
    }

    private static Duration ownCpuTime() {
        return ProcessHandle.current().info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("this system does not tell a process's CPU time"));
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
