package io.pqflux.tempo.query.oracle;

import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import io.pqflux.tempo.query.TempoQuerier;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.tempo.query.MetricsRequest;
import io.pqflux.tempo.query.MetricsResponse;
import io.pqflux.tempo.query.SearchResponse;
import io.pqflux.tempo.TempoBlock;
import io.pqflux.tempo.TempoFormat;
import io.pqflux.tempo.TempoTenant;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TracePreset;
import io.pqflux.traceql.TraceQlException;
import io.pqflux.tempo.TraceReadOptions;
import io.pqflux.tempo.generator.TempoBlockWriter;
import io.pqflux.tempo.query.internal.metrics.MetricsAccumulator;
import io.pqflux.tempo.query.internal.metrics.MetricsQuery;
import io.pqflux.tempo.query.internal.metrics.PartialMetrics;
import io.pqflux.tempo.query.internal.metrics.TimeGrid;
import io.pqflux.traceql.internal.Compare;
import io.pqflux.traceql.internal.MetricsPipeline;
import io.pqflux.traceql.internal.Pipeline;
import io.pqflux.traceql.internal.Query;
import io.pqflux.traceql.internal.SourceRange;
import io.pqflux.traceql.internal.SpansetFilter;
import io.pqflux.traceql.testing.RandomQueries;
import io.pqflux.traceql.internal.TraceQlParser;
import io.pqflux.traceql.internal.TraceQlPrinter;
import io.pqflux.testdata.Corpus;
import io.pqflux.testdata.TestScale;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TraceQL metrics ({@link MetricsQuery}, and {@link TempoTenant#queryRange} on the bundled blocks) against the naive
 * bucketing {@link NaiveMetrics} of the spans the naive evaluator matches: every function, with and without
 * {@code by}, several steps and windows (range and instant), second stages, arithmetic between metrics queries and
 * numbers (hand-picked and random), and random spanset pipelines ({@link RandomQueries}) under random functions. The engine side splits each block's traces in two accumulators
 * and merges them, as a tenant merges its blocks. Values agree to 1e-9 relative (Tempo's sums are compensated, the
 * oracle's plain).
 */
@DisabledIfSystemProperty(named = TestScale.POOL_DEBUG_PROPERTY, matches = "true",
        disabledReason = "an oracle comparison; the release paths it takes are the other tests' too")
class MetricsAgreementTest {

    private static final long[] SEEDS = {7L, 20_261_124L};
    private static final int RANDOM_PER_SEED = TestScale.cases(100);
    private static final int RANDOM_COMPARE_PER_SEED = TestScale.cases(40);
    private static final int RANDOM_ARITHMETIC_PER_SEED = TestScale.cases(60);
    private static final List<String> MATCHING_FILTERS = List.of("{ }", "{ status = error }", "{ kind = server }",
            "{ duration > 1ms }", "{ span.http.method = \"GET\" }", "{ resource.service.name =~ \"c.*\" }",
            "{ span.http.status_code >= 400 }");
    private static Path root;
    private static final Map<String, Data> DATA = new LinkedHashMap<>();

    /** A block's traces, how the oracle walks them, and the tenant holding it. */
    record Data(String name, TempoTenant tenant, TempoFormat format, List<Trace> traces, List<TraceView> views,
                long firstStart, long lastStart) {
    }

    @BeforeAll
    static void load() throws IOException {
        root = Files.createTempDirectory("metrics-agreement");
        Path testdata = Corpus.tempoBlock().getParent().getParent().getParent();
        for (String dir : List.of("tempo", "tempo-vparquet3", "tempo-vparquet5")) {
            Path block = testdata.resolve(dir).resolve("single-tenant/b27b0e53-66a0-4505-afd6-434ae3cd4a10");
            DATA.put(dir, data(dir, TempoTenant.local(testdata.resolve(dir), "single-tenant"), TempoBlock.open(block)));
        }
        for (long seed : SEEDS) {
            TempoBlockWriter.WrittenBlock written = TempoBlockWriter.generate(root.resolve("seed-" + seed),
                    TempoBlockWriter.Settings.defaults(seed), seed, 300);
            Path dir = written.directory();
            DATA.put("generated-" + seed, data("generated-" + seed,
                    TempoTenant.local(dir.getParent().getParent(), dir.getParent().getFileName().toString()),
                    TempoBlock.open(dir)));
        }
    }

    @AfterAll
    static void delete() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static Data data(String name, TempoTenant tenant, TempoBlock block) {
        List<Trace> traces = block.traces(TraceReadOptions.defaults().withPreset(TracePreset.FULL)).collectList().block();
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
        for (Trace t : traces) {
            for (var rs : t.resourceSpans()) {
                for (var ss : rs.getScopeSpansList()) {
                    for (Span s : ss.getSpansList()) {
                        first = Math.min(first, s.getStartTimeUnixNano());
                        last = Math.max(last, s.getStartTimeUnixNano());
                    }
                }
            }
        }
        return new Data(name, tenant, block.meta().tempoFormat(), traces, NaiveTraceQl.views(traces), first, last);
    }

    // ---- queries ----------------------------------------------------------------------------------------------

    private static final List<String> FILTERS = List.of("{ }", "{ status = error }", "{ kind = server }",
            "{ duration > 1ms }", "{ resource.service.name != nil } | by(name)",
            "{ kind != internal && (name =~ \".*e.*\" || duration < 5ms) }");
    private static final List<String> FUNCTIONS = List.of("rate()", "count_over_time()", "min_over_time(duration)",
            "max_over_time(duration)", "sum_over_time(duration)", "avg_over_time(duration)",
            "quantile_over_time(duration, 0, .5, .9, .99, 1)", "histogram_over_time(duration)",
            "min_over_time(span.http.status_code)", "max_over_time(trace:duration)", "avg_over_time(span.ratio)",
            "sum_over_time(span.peer.port)", "histogram_over_time(span.http.status_code)",
            "quantile_over_time(span.process.pid, .25, .75)");
    private static final List<String> BYS = List.of("", " by (resource.service.name)", " by (name, status)",
            " by (span.http.method)", " by (.nope)", " by (kind, .nope, resource.service.name)");
    private static final List<String> SECOND_STAGES = List.of("", " | topk(2)", " | bottomk(1)", " > 0.001",
            " | topk(3) > 0");

    /** Every function on a few filters, without and with a by() (each by() in turn), with and without a second stage. */
    static List<String> handPicked() {
        List<String> out = new ArrayList<>();
        int i = 0;
        for (String filter : FILTERS) {
            for (String function : FUNCTIONS) {
                // without by, and with one of the others in turn; a second stage on each
                for (String by : List.of("", BYS.get(1 + (i % (BYS.size() - 1))))) {
                    String base = filter + " | " + function + by;
                    out.add(base);
                    String stage = SECOND_STAGES.get(1 + (i++ % (SECOND_STAGES.size() - 1)));
                    out.add(base + stage);
                }
            }
        }
        return out;
    }

    /** Windows and steps: the whole data with a few steps and Tempo's default, a window inside it, instants. */
    static List<MetricsRequest> requests(Data data, String query) {
        long from = data.firstStart(), to = data.lastStart();
        long spanNs = Math.max(to - from, 1_000_000_000L);
        Instant start = Instant.ofEpochSecond(0, from).minusSeconds(1);
        Instant end = Instant.ofEpochSecond(0, to).plusSeconds(1);
        Instant midStart = Instant.ofEpochSecond(0, from + spanNs / 3);
        Instant midEnd = Instant.ofEpochSecond(0, from + spanNs * 2 / 3);
        List<MetricsRequest> requests = new ArrayList<>(List.of(
                new MetricsRequest(query, start, end, null, false, 0),
                new MetricsRequest(query, start, end, Duration.ofNanos(Math.max(spanNs / 7, 1_000_000)), false, 0),
                new MetricsRequest(query, midStart, midEnd, Duration.ofNanos(Math.max(spanNs / 5, 1_000_000)), false, 0),
                new MetricsRequest(query, start, end, null, true, 0),
                new MetricsRequest(query, midStart, midEnd, null, true, 0)));
        // one-second steps where they stay few (a generated block spans hours: thousands of steps, no new case)
        if (spanNs <= 600_000_000_000L) requests.add(new MetricsRequest(query, start, end, Duration.ofSeconds(1), false, 0));
        return requests;
    }

    // ---- the two sides ----------------------------------------------------------------------------------------

    static Map<String, TreeMap<Long, Double>> engine(Data data, MetricsRequest request) {
        MetricsQuery query = MetricsQuery.compile(request.query());
        TimeGrid grid = MetricsQuery.grid(request);
        PartialMetrics first = query.partial(grid, 0, data.format());
        PartialMetrics second = query.partial(grid, 0, data.format());
        List<Trace> traces = data.traces();
        for (int i = 0; i < traces.size(); i++) {
            for (MetricsAccumulator accumulator : (i % 2 == 0 ? first : second).accumulators()) {
                accumulator.observe(traces.get(i));
            }
        }
        MetricsResponse response = query.finish(first.merge(second), grid, 0,
                new SearchResponse.Metrics(0, 0, 0, 0, 0, 0));
        return NaiveMetrics.answer(response);
    }

    static Map<String, TreeMap<Long, Double>> oracle(Data data, MetricsRequest request) {
        return oracle(data, NaiveMetrics.observedSpans(TraceQlParser.parse(request.query()), data.views()), request);
    }

    static Map<String, TreeMap<Long, Double>> oracle(Data data, Map<Pipeline, List<NaiveTraceQl.ObservedSpan>> observed,
                                                     MetricsRequest request) {
        TimeGrid grid = MetricsQuery.grid(request); // only its step: the oracle makes its own steps
        long start = nanos(request.start()), end = nanos(request.end());
        NaiveMetrics.Steps steps = request.instant() ? NaiveMetrics.Steps.instant(start, end)
                : NaiveMetrics.Steps.range(start, end, grid.step());
        return NaiveMetrics.runOn(request.query(), observed, steps, data.format() == TempoFormat.VPARQUET5);
    }

    private static long nanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    /**
     * Compares one query on every request (the first through the tenant, the others on the in-memory traces); a failure
     * on both sides agrees. Returns whether any answer had a series.
     */
    static boolean compare(Data data, String query, List<String> disagreements) {
        boolean any = false;
        Map<Pipeline, List<NaiveTraceQl.ObservedSpan>> observed = null;
        boolean oracleFails = false;
        try {
            observed = NaiveMetrics.observedSpans(TraceQlParser.parse(query), data.views());
        } catch (NaiveTraceQl.EvaluationException e) {
            oracleFails = true;
        }
        List<MetricsRequest> requests = requests(data, query);
        for (MetricsRequest request : requests) {
            Map<String, TreeMap<Long, Double>> engine;
            Map<String, TreeMap<Long, Double>> oracle;
            boolean engineFailed = false, oracleFailed = false;
            engine = oracle = Map.of();
            // the first request through the tenant's path (blocks read with only the columns the query needs, pruned by
            // its pipeline), for a fixed quarter of the queries in pool debug mode, where that path is the slow part; not
            // for a query the oracle fails: pruning can skip the spans it fails on, so that path may answer
            boolean viaTenant = request == requests.getFirst() && !oracleFails
                    && TestScale.runs(Math.floorMod(query.hashCode(), 4));
            try {
                engine = viaTenant ? NaiveMetrics.answer(TempoQuerier.of(data.tenant()).queryRange(request).block()) : engine(data, request);
            } catch (TraceQlException e) {
                if (e.reason() != TraceQlException.Reason.EVALUATION_ERROR) throw e;
                engineFailed = true;
            }
            if (oracleFails) {
                oracleFailed = true;
            } else {
                oracle = oracle(data, observed, request);
            }
            String what = request.instant() ? "instant " : "step " + request.step() + " ";
            if (engineFailed != oracleFailed) {
                disagreements.add(data.name() + ": " + query + " " + what + request.start() + ".." + request.end()
                        + ": engine failed " + engineFailed + ", oracle failed " + oracleFailed);
                continue;
            }
            any |= !engine.isEmpty();
            String difference = NaiveMetrics.difference(engine, oracle);
            if (difference != null) {
                disagreements.add(data.name() + ": " + query + " " + what + request.start() + ".." + request.end() + "\n"
                        + difference);
            }
        }
        return any;
    }

    @ParameterizedTest
    @ValueSource(strings = {"tempo", "tempo-vparquet3", "tempo-vparquet5", "generated-7", "generated-20261124"})
    void handPickedQueriesAgree(String name) {
        List<String> queries = handPicked();
        int withSeries = agreeing(DATA.get(name), queries);
        System.out.printf("%s: %d hand-picked metrics queries × %d requests, %d with series%n", name, queries.size(),
                requests(DATA.get(name), "{}").size(), withSeries);
        assertThat(withSeries).isGreaterThan(queries.size() / 3);
    }

    /** Asserts that engine and oracle agree on each query over {@code data}; returns how many had series. */
    private static int agreeing(Data data, List<String> queries) {
        List<String> disagreements = new ArrayList<>();
        int withSeries = 0;
        for (String query : queries) if (compare(data, query, disagreements)) withSeries++;
        assertThat(disagreements).as("%d disagree; the first:%n%s", disagreements.size(),
                disagreements.stream().limit(5).collect(Collectors.joining("\n\n"))).isEmpty();
        return withSeries;
    }

    /**
     * Arithmetic between metrics queries and with numbers: series matched by their labels (the same groups, an
     * ungrouped side spread over a grouped one, groups that never meet, the same fields in another order), the
     * histogram functions' own labels, second stages inside the parentheses and after the arithmetic, divisions by
     * zero, and the parenthesised form of a lone query.
     */
    static final List<String> ARITHMETIC = List.of("({ } | rate()) / ({ } | count_over_time())",
            "({ status = error } | count_over_time() by (resource.service.name)) / ({ } | count_over_time() by (resource.service.name))",
            "({ status = error } | rate() by (resource.service.name)) / ({ } | rate())",
            "({ } | rate()) / ({ status = error } | rate() by (resource.service.name))",
            "({ } | count_over_time() by (name)) - ({ } | count_over_time() by (resource.service.name))",
            "({ } | histogram_over_time(duration)) / ({ } | count_over_time())",
            "({ } | quantile_over_time(duration, .5, .9) by (resource.service.name)) * 1000",
            "({ } | max_over_time(duration) by (name)) / ({ } | min_over_time(duration) by (name))",
            "({ } | avg_over_time(duration) by (kind)) - ({ } | avg_over_time(duration) by (kind) | topk(1))",
            "100 * ({ status = error } | rate()) / ({ } | rate())", "({ } | rate()) / 0",
            "0 / ({ status = error } | count_over_time() by (name))",
            "({ } | rate() by (name, status)) / ({ } | rate() by (status, name))",
            "({ } | sum_over_time(duration) by (resource.service.name)) + ({ } | count_over_time()) * 2 > 1 | topk(2)",
            "({ kind = server } | rate() by (resource.service.name) > 0.001) - 1",
            "-1 * ({ } | count_over_time() by (resource.service.name)) | bottomk(1)", "({ } | rate()) > 0.0001",
            "(({ } | rate()) + ({ } | rate())) / 2",
            "({ } | rate() by (span.http.method)) * ({ } | rate() by (span.http.method))",
            "({ } | count_over_time() by (.nope)) / ({ } | count_over_time())",
            "({ duration > 1ms } | count_over_time() by (resource.service.name, name)) / ({ } | count_over_time() by"
                    + " (resource.service.name, name)) > 0.5 with(exemplars=4)");

    @ParameterizedTest
    @ValueSource(strings = {"tempo", "tempo-vparquet3", "tempo-vparquet5", "generated-7", "generated-20261124"})
    void arithmeticAgrees(String name) {
        assertThat(agreeing(DATA.get(name), ARITHMETIC)).isGreaterThan(ARITHMETIC.size() / 2);
    }

    /**
     * compare() on filters that select some spans, none ({@code .nope}), all ({@code {}}, also under a filtering
     * pipeline), filters that fail on some spans, topN from 1 to 1000, and a window inside the data.
     */
    static List<String> compareQueries(Data data) {
        long third = (data.lastStart() - data.firstStart()) / 3;
        String window = (data.firstStart() + third) + ", " + (data.firstStart() + 2 * third);
        return List.of("{ } | compare({ status = error })", "{ } | compare({ kind = server }, 3)",
                "{ resource.service.name != nil } | compare({ duration > 1ms }, 1)",
                "{ } | compare({ span.http.status_code >= 400 }, 1000)", "{ } | compare({ .nope = 1 })",
                "{ status = error } | compare({ })", "{ } > { } | compare({ kind = client }, 5)",
                "{ } | compare({ name =~ \".*a.*\" }, 2, " + window + ")",
                "{ } | compare({ span.http.method = \"GET\" || status = ok }, 4, " + window + ")",
                "{ } | compare({ span.ratio * 2 > 1 })", "{ } | compare({ .peer.port / 0 > 1 }, 2)",
                "{ } | compare({ }, 1) with(exemplars=3)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tempo", "tempo-vparquet3", "tempo-vparquet5", "generated-7", "generated-20261124"})
    void compareQueriesAgree(String name) {
        List<String> queries = compareQueries(DATA.get(name));
        assertThat(agreeing(DATA.get(name), queries)).isEqualTo(queries.size());
    }

    /** Random pipelines under compare() of random filters, topN and (half the time) a window inside the data. */
    @ParameterizedTest
    @ValueSource(longs = {7L, 20_261_124L})
    void randomCompareQueriesAgree(long seed) {
        Data data = DATA.get("generated-" + seed);
        RandomQueries random = new RandomQueries(seed, GENERATED_NAMES, GENERATED_STRINGS, GENERATED_REGEXES);
        java.util.Random pick = new java.util.Random(seed);
        List<String> disagreements = new ArrayList<>();
        int compared = 0, withSelection = 0;
        long width = data.lastStart() - data.firstStart();
        for (int i = 0; i < RANDOM_COMPARE_PER_SEED * 4 && compared < RANDOM_COMPARE_PER_SEED; i++) {
            Query q = random.query();
            if (q.metrics() != null) continue;
            long start = data.firstStart() + pick.nextLong(width / 2 + 1);
            long end = start + 1 + pick.nextLong(width / 2 + 1);
            boolean window = pick.nextBoolean();
            // random filters seldom match: half the time one that does
            SpansetFilter filter = pick.nextBoolean() ? random.filter()
                    : (SpansetFilter) TraceQlParser.parse(MATCHING_FILTERS.get(pick.nextInt(MATCHING_FILTERS.size())))
                            .pipeline().stages().getFirst();
            Compare compare = new Compare(filter, 1 + pick.nextInt(12), window ? start : 0, window ? end : 0,
                    SourceRange.NONE);
            // random pipelines seldom match either: a third of the time every span
            Pipeline pipeline = pick.nextInt(3) == 0 ? TraceQlParser.parse("{ }").pipeline() : q.pipeline();
            String query = TraceQlPrinter.print(new Query(null, new MetricsPipeline(pipeline, compare, List.of(), SourceRange.NONE),
                    List.of(), List.of(), q.range()));
            try {
                MetricsQuery.compile(query);
            } catch (TraceQlException e) {
                continue;
            }
            compared++;
            compare(data, query, disagreements);
            try {
                if (oracle(data, requests(data, query).getFirst()).keySet().stream()
                        .anyMatch(k -> k.startsWith("{__meta_type=STRING_VALUE:selection;"))) {
                    withSelection++;
                }
            } catch (NaiveTraceQl.EvaluationException e) {
                // the pipeline fails on some trace: both sides failing is agreement (checked above)
            }
        }
        System.out.printf("seed %d: %d random compare() queries compared, %d with a selection%n", seed, compared,
                withSelection);
        assertThat(compared).isGreaterThanOrEqualTo(RANDOM_COMPARE_PER_SEED);
        assertThat(withSelection).isGreaterThan(compared / 5);
        assertThat(disagreements).as("%d disagree; the first:%n%s", disagreements.size(),
                disagreements.stream().limit(3).collect(Collectors.joining("\n\n"))).isEmpty();
    }

    /** The tenant's whole path (blocks listed, read in parallel, merged) gives the same as the in-memory run. */
    @ParameterizedTest
    @ValueSource(strings = {"tempo", "tempo-vparquet3", "tempo-vparquet5", "generated-7"})
    void tenantQueryRangeAgreesWithTheOracle(String name) {
        Data data = DATA.get(name);
        List<String> disagreements = new ArrayList<>();
        for (String query : List.of("{ } | rate() by (resource.service.name)", "{ } | quantile_over_time(duration, .5, .9)",
                "{ status = error } | count_over_time() by (name) | topk(2)", "{ } | histogram_over_time(duration)",
                "{ } | avg_over_time(duration) by (kind)")) {
            for (MetricsRequest request : requests(data, query)) {
                String difference = NaiveMetrics.difference(NaiveMetrics.answer(TempoQuerier.of(data.tenant()).queryRange(request).block()),
                        oracle(data, request));
                if (difference != null) disagreements.add(name + ": " + query + " " + request + "\n" + difference);
            }
        }
        assertThat(disagreements).as(String.join("\n\n", disagreements)).isEmpty();
    }

    private static final List<String> RANDOM_FUNCTIONS = List.of("rate()", "count_over_time()",
            "min_over_time(duration)", "max_over_time(duration)", "sum_over_time(duration)", "avg_over_time(duration)",
            "quantile_over_time(duration, .5, .95)", "histogram_over_time(duration)");
    private static final List<String> RANDOM_BYS = List.of("", " by (resource.service.name)", " by (name)",
            " by (status, span.http.method)");
    private static final List<String> GENERATED_NAMES = List.of("service.name", "http.method", "http.status_code",
            "http.url", "instance", "version", "region", "cluster", "component", "peer.port", "retry", "ratio");
    private static final List<String> GENERATED_STRINGS = List.of("", "GET", "POST", "frontend", "cart", "db",
            "pod-1", "v7", "us-east-1");
    private static final List<String> GENERATED_REGEXES = List.of("pod-.*", "v[0-9]", "s.*", ".*", "GET|POST");

    private static final List<String> NUMBERS = List.of("0", "1", "2", "-1", "0.5", "100", "1e-3", "(1.0 / 0)");

    /**
     * Random arithmetic over metrics queries (random or matching pipelines, random functions, one grouping shared by
     * most of them so that series meet, second stages inside) and numbers, nested up to three deep, with second stages
     * after it.
     */
    @ParameterizedTest
    @ValueSource(longs = {7L, 20_261_124L})
    void randomArithmeticAgrees(long seed) {
        RandomQueries random = new RandomQueries(seed, GENERATED_NAMES, GENERATED_STRINGS, GENERATED_REGEXES);
        java.util.Random pick = new java.util.Random(seed);
        randomQueriesAgree(seed, "arithmetic", RANDOM_ARITHMETIC_PER_SEED, () -> arithmetic(random, pick,
                RANDOM_BYS.get(pick.nextInt(RANDOM_BYS.size())), 0) + SECOND_STAGES.get(pick.nextInt(SECOND_STAGES.size())));
    }

    /**
     * Compares {@code count} of the queries {@code queries} makes on the generated block of {@code seed}: those that
     * compile (the others are counted as rejected; a null is skipped), a fifth at least with series.
     */
    private static void randomQueriesAgree(long seed, String what, int count, java.util.function.Supplier<String> queries) {
        Data data = DATA.get("generated-" + seed);
        List<String> disagreements = new ArrayList<>();
        int compared = 0, rejected = 0, withSeries = 0;
        for (int i = 0; i < count * 4 && compared < count; i++) {
            String query = queries.get();
            if (query == null) continue;
            try {
                MetricsQuery.compile(query);
            } catch (TraceQlException e) {
                rejected++;
                continue;
            }
            compared++;
            if (compare(data, query, disagreements)) withSeries++;
        }
        System.out.printf("seed %d: %d random %s queries compared (%d with series), %d rejected%n", seed, compared, what,
                withSeries, rejected);
        assertThat(compared).isGreaterThanOrEqualTo(count);
        assertThat(withSeries).isGreaterThan(compared / 5);
        assertThat(disagreements).as("%d disagree; the first:%n%s", disagreements.size(),
                disagreements.stream().limit(5).collect(Collectors.joining("\n\n"))).isEmpty();
    }

    /** {@code lhs op rhs} over metrics queries and numbers, at least one side a metrics query, in parentheses. */
    private static String arithmetic(RandomQueries random, java.util.Random pick, String by, int depth) {
        String op = List.of(" + ", " - ", " * ", " / ").get(pick.nextInt(4));
        String lhs = operand(random, pick, by, depth);
        String rhs = pick.nextInt(3) == 0 ? NUMBERS.get(pick.nextInt(NUMBERS.size())) : operand(random, pick, by, depth);
        return pick.nextBoolean() ? lhs + op + rhs : rhs + op + lhs;
    }

    private static String operand(RandomQueries random, java.util.Random pick, String by, int depth) {
        if (depth < 2 && pick.nextInt(3) == 0) return "(" + arithmetic(random, pick, by, depth + 1) + ")";
        Query q = random.query();
        String pipeline = q.metrics() != null || pick.nextBoolean()
                ? MATCHING_FILTERS.get(pick.nextInt(MATCHING_FILTERS.size()))
                : TraceQlPrinter.print(Query.search(q.pipeline(), List.of(), q.range()));
        String grouping = pick.nextInt(4) == 0 ? RANDOM_BYS.get(pick.nextInt(RANDOM_BYS.size())) : by;
        return "(" + pipeline + " | " + RANDOM_FUNCTIONS.get(pick.nextInt(RANDOM_FUNCTIONS.size())) + grouping
                + (pick.nextInt(4) == 0 ? SECOND_STAGES.get(pick.nextInt(SECOND_STAGES.size())) : "") + ")";
    }

    /** Random spanset pipelines under random functions, groupings and second stages. */
    @ParameterizedTest
    @ValueSource(longs = {7L, 20_261_124L})
    void randomMetricsQueriesAgree(long seed) {
        RandomQueries random = new RandomQueries(seed, GENERATED_NAMES, GENERATED_STRINGS, GENERATED_REGEXES);
        java.util.Random pick = new java.util.Random(seed);
        randomQueriesAgree(seed, "metrics", RANDOM_PER_SEED, () -> {
            Query q = random.query();
            if (q.metrics() != null) return null;
            return TraceQlPrinter.print(Query.search(q.pipeline(), List.of(), q.range())) + " | "
                    + RANDOM_FUNCTIONS.get(pick.nextInt(RANDOM_FUNCTIONS.size()))
                    + RANDOM_BYS.get(pick.nextInt(RANDOM_BYS.size()))
                    + SECOND_STAGES.get(pick.nextInt(SECOND_STAGES.size()));
        });
    }
}
