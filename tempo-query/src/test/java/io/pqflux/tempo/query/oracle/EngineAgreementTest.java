package io.pqflux.tempo.query.oracle;

import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import io.pqflux.testdata.TestScale;
import io.pqflux.tempo.query.TempoQuerier;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.tempo.query.SearchPaths;
import io.pqflux.tempo.query.QueryLimits;
import io.pqflux.tempo.query.SearchRequest;
import io.pqflux.tempo.TempoBlock;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TracePreset;
import io.pqflux.traceql.TraceQlException;
import io.pqflux.tempo.TraceReadOptions;
import io.pqflux.tempo.query.TraceSearchResult;
import io.pqflux.tempo.generator.TempoBlockWriter;
import io.pqflux.tempo.query.internal.search.SearchCounters;
import io.pqflux.tempo.query.internal.search.TraceQlSearch;
import io.pqflux.traceql.internal.Query;
import io.pqflux.traceql.testing.RandomQueries;
import io.pqflux.traceql.internal.TraceQlPrinter;
import io.pqflux.testdata.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The search engine ({@link TempoQuerier#search}) against the test-scope oracle {@link NaiveTraceQl}: the same query on
 * the same block must give the same traces, the same spansets (as sets of span IDs), the same {@code matched} and the
 * same spanset attributes (names and values), or fail on both sides. Blocks: the bundled one, one written from
 * hand-built traces (the oracle's, and awkward trees) and two generated ones ({@link TempoBlockWriter}); queries: Tempo's benchmark queries (tempo-vparquet4.md §14), hand-picked structural and
 * pipeline queries, and at least {@value #MIN_RANDOM_COMPARED} random queries per seed ({@link RandomQueries}).
 * On the generated blocks the engine runs through its per-trace matcher ({@code TraceQlSearch.Matcher}) on traces read
 * once with the preset the query asks for (a block search reads the block every time, ten times the cost); a sample of
 * the queries also runs through {@link TempoQuerier#search}, which must give the same. On the bundled and the
 * hand-built block every benchmark and hand-picked query runs through {@link TempoQuerier#search}. A failing comparison prints the query and
 * both results.
 */
@DisabledIfSystemProperty(named = TestScale.POOL_DEBUG_PROPERTY, matches = "true",
        disabledReason = "an oracle comparison; the release paths it takes are the other tests' too")
class EngineAgreementTest {

    private static final long[] SEEDS = {7L, 20_261_124L};
    private static final int GENERATED_TRACES = 300;
    private static final int MIN_RANDOM_COMPARED = 1_000;
    private static final int MAX_RANDOM_QUERIES = 2_000;
    /** Random queries over the generated data's own names, per seed, on top of the {@value #MIN_RANDOM_COMPARED}. */
    private static final int RANDOM_OVER_DATA_NAMES = 300;
    private static final int BLOCK_SEARCH_EVERY = 250;
    /**
     * Random queries run on every fourth trace of a generated block (75 traces, about 1,000 spans): a random query
     * costs both sides about as much per trace as a hand-picked one, and there are thousands of them.
     */
    private static final int RANDOM_TRACE_STEP = 4;
    private static final int BLOCK_SEARCH_EVERY_HAND_PICKED = 15;
    private static final String FAILS = "<fails>";

    /** A block and its traces as the engine reads them for each preset it may choose. */
    record Block(String name, TempoBlock block, List<Trace> full, List<Trace> spansOnly, List<TraceView> views) {
        @Override
        public String toString() {
            return name;
        }

        /** Every {@code step}th trace (the block's search still reads them all). */
        Block everyNth(int step) {
            return new Block(name + " (every " + step + "th trace)", block, nth(full, step), nth(spansOnly, step),
                    nth(views, step));
        }

        private static <T> List<T> nth(List<T> items, int step) {
            List<T> out = new ArrayList<>();
            for (int i = 0; i < items.size(); i += step) out.add(items.get(i));
            return out;
        }
    }

    private static Path root;
    private static final Map<String, Block> BLOCKS = new LinkedHashMap<>();

    @BeforeAll
    static void openBlocks() throws IOException {
        root = Files.createTempDirectory("engine-agreement");
        BLOCKS.put("bundled", block("bundled", TempoBlock.open(Corpus.tempoBlock())));
        List<TracesData> handBuilt = handBuiltTraces().stream().map(Trace::toTracesData).toList();
        BLOCKS.put("hand-built", block("hand-built", TempoBlock.open(TempoBlockWriter.write(root.resolve("hand-built"),
                TempoBlockWriter.Settings.defaults(1), handBuilt).directory())));
        for (long seed : SEEDS) {
            TempoBlockWriter.WrittenBlock written = TempoBlockWriter.generate(root.resolve("seed-" + seed),
                    TempoBlockWriter.Settings.defaults(seed), seed, GENERATED_TRACES);
            BLOCKS.put("generated-" + seed, block("generated-" + seed, TempoBlock.open(written.directory())));
        }
    }

    /**
     * The oracle's hand-built traces (NaiveTraceQlTest) and the trees its model tests number: a Zipkin client and
     * server sharing an ID, two roots, an ID used by three spans (nothing numbered), a span whose parent is not in the
     * trace beside a root (not numbered), a span that is its own parent, a trace without a root.
     */
    private static List<Trace> handBuiltTraces() {
        List<Trace> traces = new ArrayList<>(NaiveTraceQlTest.ALL);
        traces.add(TestTraces.trace("f").resource("x")
                .span("f1", null, "root", 1)
                .span("f2", "f1", "client", 1, s -> s.setKind(Span.SpanKind.SPAN_KIND_CLIENT))
                .span("f2", "f2", "server", 1, s -> s.setKind(Span.SpanKind.SPAN_KIND_SERVER))
                .span("f3", "f2", "work", 1).build());
        traces.add(TestTraces.trace("e").resource("x").span("e1", null, "r1", 1).span("e2", null, "r2", 1)
                .span("e3", "e1", "c", 1).build());
        traces.add(TestTraces.trace("9").resource("x").span("91", null, "root", 1).span("92", "91", "a", 1)
                .span("92", "91", "b", 1).span("92", "91", "c", 1).span("93", "92", "d", 1).build());
        traces.add(TestTraces.trace("8").resource("x").span("81", null, "root", 1).span("82", "84", "unreached", 1)
                .span("83", "81", "child", 1).build());
        traces.add(TestTraces.trace("6").resource("x").span("61", null, "root", 1).span("62", "62", "self", 1).build());
        traces.add(TestTraces.trace("7").resource("x").span("71", "70", "orphan", 1).span("72", "71", "child", 1)
                .build());
        return traces;
    }

    @AfterAll
    static void deleteBlocks() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    static Block block(String name, TempoBlock block) {
        List<Trace> full = block.traces(TraceReadOptions.defaults().withPreset(TracePreset.FULL)).collectList().block();
        List<Trace> spans = block.traces(TraceReadOptions.defaults().withPreset(TracePreset.SPANS)).collectList().block();
        assertThat(full).isNotEmpty().hasSameSizeAs(spans);
        return new Block(name, block, full, spans, NaiveTraceQl.views(full));
    }

    private static SearchRequest request(String query) {
        return SearchRequest.of(query).withLimit(0).withSpansPerSpanSet(Integer.MAX_VALUE);
    }

    // ---- canonical forms -----------------------------------------------------------------------------------------

    /**
     * What one side answered: the canonical text (one line per trace, sorted; {@link #FAILS} when the query fails at
     * run time) and each result span's attributes ({@code traceId/spanId} → attributes).
     */
    record Answer(String canonical, Map<String, List<String>> spanAttributes) {
        static final Answer FAILED = new Answer(FAILS, Map.of());
    }

    /**
     * The engine through the block, which must answer the same searched whole on one thread (how a small block is
     * searched) and through the scan pipeline (how a large one is).
     */
    static Answer engineViaBlock(Block block, String query) {
        Answer whole = engineViaBlock(TempoQuerier.of(block.block()), query);
        assertThat(engineViaBlock(SearchPaths.pipelined(block.block()), query))
                .as("%s on %s through the scan pipeline", query, block).isEqualTo(whole);
        return whole;
    }

    /** The engine through a block's querier, one way. */
    static Answer engineViaBlock(TempoQuerier block, String query) {
        try {
            return engineAnswer(block.withLimits(QueryLimits.NONE).search(request(query)).collectList().block());
        } catch (TraceQlException e) {
            if (e.reason() == TraceQlException.Reason.EVALUATION_ERROR) return Answer.FAILED;
            throw e;
        }
    }

    /** The engine's matcher on the traces read once, with the preset the query asks for. */
    static Answer engineInMemory(Block block, String query) {
        TraceQlSearch search = TraceQlSearch.compile(query);
        TraceQlSearch.Matcher matcher = search.matcher(request(query), new SearchCounters());
        List<TraceSearchResult> results = new ArrayList<>();
        try {
            for (Trace trace : search.preset() == TracePreset.FULL ? block.full() : block.spansOnly()) {
                matcher.match(trace).ifPresent(results::add);
            }
        } catch (TraceQlException e) {
            if (e.reason() == TraceQlException.Reason.EVALUATION_ERROR) return Answer.FAILED;
            throw e;
        }
        return engineAnswer(results);
    }

    static Answer oracle(Block block, String query) {
        NaiveTraceQl.SearchResult result;
        try {
            result = NaiveTraceQl.searchViews(query, block.views());
        } catch (NaiveTraceQl.EvaluationException e) {
            return Answer.FAILED;
        }
        List<String> lines = new ArrayList<>();
        Map<String, List<String>> spanAttributes = new LinkedHashMap<>();
        for (NaiveTraceQl.TraceResult trace : result.traces()) {
            List<String> sets = new ArrayList<>();
            for (NaiveTraceQl.SpansetResult set : trace.spansets()) {
                sets.add(spanset(set.spanIds(), set.matched(),
                        set.attributes().stream().map(NaiveTraceQl.Attr::toString).toList()));
                for (NaiveTraceQl.SpanResult span : set.spans()) {
                    spanAttributes.put(trace.traceId() + "/" + span.spanId(),
                            span.attributes().stream().map(NaiveTraceQl.Attr::toString).toList());
                }
            }
            lines.add(line(trace.traceId(), sets));
        }
        return new Answer(lines.stream().sorted().collect(Collectors.joining("\n")), spanAttributes);
    }

    private static Answer engineAnswer(List<TraceSearchResult> results) {
        List<String> lines = new ArrayList<>();
        Map<String, List<String>> spanAttributes = new LinkedHashMap<>();
        for (TraceSearchResult trace : results) {
            List<String> sets = new ArrayList<>();
            for (TraceSearchResult.SpanSet set : trace.spanSets()) {
                if (set.spans().size() != set.matched()) throw new AssertionError("not every span returned: " + trace);
                sets.add(spanset(set.spans().stream().map(TraceSearchResult.MatchedSpan::spanId).toList(), set.matched(),
                        set.attributes().stream().map(EngineAgreementTest::attribute).toList()));
                for (TraceSearchResult.MatchedSpan span : set.spans()) {
                    spanAttributes.put(trace.traceId() + "/" + span.spanId(),
                            span.attributes().stream().map(EngineAgreementTest::attribute).toList());
                }
            }
            lines.add(line(trace.traceId(), sets));
        }
        return new Answer(lines.stream().sorted().collect(Collectors.joining("\n")), spanAttributes);
    }

    /**
     * The {@code select()}ed fields of every result span, compared apart from the canonical forms: the engine returns
     * each span with the attributes its conditions read and then the selected fields, the oracle the selected fields
     * only, so the engine's must end with the oracle's. Null when they agree, else the first difference.
     */
    static String selectedFieldsDisagree(Block block, String query, Answer engine, Answer oracle) {
        for (Map.Entry<String, List<String>> e : oracle.spanAttributes().entrySet()) {
            List<String> all = engine.spanAttributes().getOrDefault(e.getKey(), List.of());
            List<String> selected = e.getValue();
            if (all.size() < selected.size() || !all.subList(all.size() - selected.size(), all.size()).equals(selected)) {
                return query + " on " + block + ", span " + e.getKey() + ":\n--- engine (conditions, then selected): "
                        + all + "\n--- oracle (selected): " + selected;
            }
        }
        return null;
    }

    private static String attribute(KeyValue kv) {
        return new NaiveTraceQl.Attr(kv.getKey(), kv.getValue()).toString();
    }

    /** {@code [ids, sorted] matched=N name=value …}: spansets compare as sets of spans. */
    private static String spanset(List<String> spanIds, int matched, List<String> attributes) {
        StringBuilder text = new StringBuilder(spanIds.stream().sorted().collect(Collectors.joining(" ", "[", "]")));
        text.append(" matched=").append(matched);
        for (String a : attributes) text.append(' ').append(a);
        return text.toString();
    }

    private static String line(String traceId, List<String> spansets) {
        return traceId + ": " + spansets.stream().sorted().collect(Collectors.joining("; "));
    }

    private static void assertAgree(Block block, String query, Answer engine, Answer oracle) {
        assertThat(engine.canonical()).as("%s on %s%n--- engine:%n%s%n--- oracle:%n%s", query, block,
                engine.canonical(), oracle.canonical()).isEqualTo(oracle.canonical());
        assertThat(selectedFieldsDisagree(block, query, engine, oracle)).isNull();
    }

    // ---- Tempo's benchmark queries and hand-picked ones, through the block ------------------------------------------

    static Stream<Arguments> benchmarkQueries() {
        return BLOCKS.values().stream().flatMap(b -> NaiveTraceQlBlockTest.BENCHMARK_QUERIES.stream()
                .map(q -> Arguments.of(b, q)));
    }

    @ParameterizedTest
    @MethodSource("benchmarkQueries")
    void benchmarkQueriesAgree(Block block, String query) {
        Answer engine = engine(block, query, NaiveTraceQlBlockTest.BENCHMARK_QUERIES.indexOf(query));
        assertAgree(block, query, engine, oracle(block, query));
    }

    /** Structure, pipelines, aggregates, names, the value rules; over the generators' and the bundled names. */
    static final List<String> HAND_PICKED = List.of(
            "{ }",
            "{ } | count() > 3",
            "{ } | by(resource.service.name)",
            "{ } | by(span.http.status_code) | count() > 1",
            "{ } | by(kind) | coalesce()",
            "{ } | by(status) | count() > 1 | by(name)",
            "{ } | by(.labels)",
            "{ } | by(.retry * (1 + 1))",
            "{ } | by(duration > 1s)",
            "{ } | by(2.5 * duration)",
            "{ } | by(event:name)",
            "{ kind = server } | by(span:parentID) | count() > 1",
            "{ span.http.method = \"GET\" } > { }",
            "{ } > { }", "{ } < { }", "{ } >> { }", "{ } << { }", "{ } ~ { }",
            "{ } !> { }", "{ } !< { }", "{ } !>> { }", "{ } !<< { }", "{ } !~ { }",
            "{ } &> { }", "{ } &< { }", "{ } &>> { }", "{ } &<< { }", "{ } &~ { }",
            "{ } >> { status = error }",
            "{ kind = server } !~ { kind = client }",
            "{ nestedSetParent = -1 } &> { kind = client }",
            "{ status = error } << { }",
            "({ } | by(kind)) > ({ })",
            "({ } | by(kind) | coalesce()) > ({ status = error })",
            "({ status = error } | count() > 0) && ({ kind = client })",
            "{ status = error } && { kind = client }",
            "{ status = error } || { span.instance = \"pod-1\" }",
            "{ nestedSetParent = -1 }",
            "{ nestedSetLeft = 0 }",
            "{ span:parentID = \"0000000000000000\" }",
            "{ span:childCount > 1 }",
            "{ } | select(span:childCount, nestedSetLeft, nestedSetRight, nestedSetParent)",
            "{ resource.service.name = \"\" }",
            "{ .service.name = \"\" }",
            "{ span.version = 1.5 }",
            "{ span.http.status_code = \"200\" }",
            "{ span.http.status_code != \"200\" }",
            "{ span.http.status_code / 3 = 66 }",
            "{ span.http.status_code % 7 = 4 }",
            "{ span.http.status_code / 0 = 1 }",
            "{ span.http.status_code - 100 >= 300 }",
            "{ span.http.status_code * 2.0 = 400 }",
            "{ .retry ^ 2 > 100 }",
            "{ .sizes = 3 }", "{ .sizes > 50 }", "{ .sizes < 0 }", "{ .sizes != 3 }",
            "{ .labels = \"e1\" }", "{ .labels != \"e1\" }", "{ .labels =~ \"e[1-3]\" }", "{ .labels !~ \"e[1-3]\" }",
            "{ .weights >= 10.5 }", "{ .flags.on = true }", "{ .flags.on != false }",
            "{ .tags = nil }", "{ .tags != nil }", "{ span.empty != nil }", "{ .mixed != nil }", "{ .nested != nil }",
            "{ !.flags.on }",
            "{ -.ratio < 0 }",
            "{ .flags.on || status = error }",
            "{ span.missing || true }",
            "{ span.missing && false }",
            "{ .peer.port > 0 } | avg(.peer.port) > 0",
            "{ } | sum(.peer.port) > 0",
            "{ } | sum(.ratio) < 0",
            "{ } | min(.ratio) < 0",
            "{ } | max(.ratio) > 0",
            "{ } | min(.labels) != 1",
            "{ } | max(duration) > 1s",
            "{ } | avg(duration) > 100ms",
            "{ } | sum(duration) > 1s",
            "{ } | avg(span.http.status_code) >= 200",
            "{ } | sum(span.http.status_code) >= 200",
            "{ } | avg(.process.pid) > 0 | by(resource.service.name)",
            "{ event:name = \"exception\" }",
            "{ event:name = \"log\" && event:timeSinceStart > 1ms }",
            "{ event.retry != nil }",
            "{ link:traceID != \"\" }",
            "{ link:spanID =~ \"0.*\" }",
            "{ link.opentracing.ref_type = \"child_of\" }",
            "{ instrumentation:name = \"manual\" }",
            "{ instrumentation:version =~ \"1\\\\..*\" }",
            "{ instrumentation.ratio > 0 }",
            "{ rootServiceName = \"frontend\" }",
            "{ traceDuration > 2s }",
            "{ rootName = \"GET /\" }",
            "{ name =~ \"(?i)get.*\" }",
            "{ name > \"render\" }",
            "{ statusMessage =~ \"failed: .*\" }",
            "{ kind = unspecified }",
            "{ status = unset }",
            "{ resource.ip =~ \"10\\\\.0\\\\..*\" } | by(resource.host.arch)",
            "{ span.component = \"net/http\" } | by(span.http.status_code)",
            "{ } | select(event:name, link:traceID, link:spanID, .host.arch, resource.ip, span:id, kind, status)",
            // the hand-built traces' names
            "{ span.msg =~ \"a.b\" }",
            "{ .msg != nil } | select(.msg, .region, resource.region)",
            "{ .retries != nil } | sum(.retries) > 0",
            "{ .retries != nil } | avg(.retries) > 0",
            "{ .retries != nil } | max(.retries) > 0",
            "{ .retries != nil } | min(.retries) > 0",
            "{ .tags = \"x\" }",
            "{ .hit != nil } | by(.hit)",
            "{ name = \"r1\" } ~ { }",
            "{ name = \"client\" } > { }",
            "{ name = \"root\" } >> { }",
            "{ name = \"root\" } !> { }",
            "{ event.n = 2 && event:name = \"exception\" }",
            "{ event.n = 1 && event:name = \"exception\" }",
            "{ link.rel = \"follows\" && link:traceID = \"b\" }",
            "{ } | select(event.n, event:name, event:timeSinceStart, link.rel, instrumentation.lib.lang, resource.env)");

    static Stream<Arguments> handPicked() {
        return BLOCKS.values().stream().flatMap(b -> HAND_PICKED.stream().map(q -> Arguments.of(b, q)));
    }

    @ParameterizedTest
    @MethodSource("handPicked")
    void handPickedQueriesAgree(Block block, String query) {
        Answer engine = engine(block, query, HAND_PICKED.indexOf(query));
        assertAgree(block, query, engine, oracle(block, query));
    }

    /**
     * The engine's answer: through the block for the bundled one (small, quick to read) and for every
     * {@value #BLOCK_SEARCH_EVERY_HAND_PICKED}th query, else through the matcher on the traces read once (a generated
     * block's search takes ten times as long, mostly reading); the two must be the same.
     */
    private static Answer engine(Block block, String query, int index) {
        if (!block.name().startsWith("generated")) return engineViaBlock(block, query);
        Answer inMemory = engineInMemory(block, query);
        if (index % BLOCK_SEARCH_EVERY_HAND_PICKED == 0) {
            assertThat(engineViaBlock(block, query)).as("%s on %s through the block", query, block).isEqualTo(inMemory);
        }
        return inMemory;
    }

    /** {@code trace:id} with and without leading zeros, on the traces that have them (64-bit IDs) and others. */
    @Test
    void traceIdQueriesAgree() {
        int compared = 0;
        for (Block block : BLOCKS.values()) {
            for (Trace trace : block.full().subList(0, Math.min(5, block.full().size()))) {
                String hex = HexFormat.of().formatHex(trace.traceId());
                for (String query : List.of("{ trace:id = \"" + hex + "\" }",
                        "{ trace:id = \"" + hex.replaceFirst("^0+", "") + "\" }", "{ \"" + hex + "\" = trace:id }")) {
                    Answer engine = engine(block, query, compared);
                    assertAgree(block, query, engine, oracle(block, query));
                    assertThat(engine.canonical()).as(query).isNotEmpty();
                    compared++;
                }
            }
        }
        assertThat(compared).isEqualTo(3 * 5 * BLOCKS.size());
    }

    // ---- random queries ------------------------------------------------------------------------------------------

    private Block handBuilt;

    /** Each random query also on the hand-built traces (few, cheap): other names, arrays, events, odd trees. */
    private boolean sameOnHandBuilt(String query) {
        Answer engine = engineInMemory(handBuilt, query);
        Answer oracle = oracle(handBuilt, query);
        return engine.canonical().equals(oracle.canonical())
                && selectedFieldsDisagree(handBuilt, query, engine, oracle) == null;
    }

    @ParameterizedTest
    @ValueSource(longs = {7L, 20_261_124L})
    void randomQueriesAgree(long seed) {
        RandomRun run = randomRun(seed, new RandomQueries(seed), MIN_RANDOM_COMPARED);
        assertThat(run.compared()).isGreaterThanOrEqualTo(MIN_RANDOM_COMPARED);
        assertThat(run.nonEmpty()).as("random queries with results").isGreaterThan(run.compared() / 20);
    }

    /** The generated blocks' own attribute names and values, so that random conditions hit more often. */
    static final List<String> GENERATED_NAMES = List.of("service.name", "http.method", "http.status_code",
            "http.url", "instance", "version", "region", "ip", "host.arch", "cluster", "k8s.pod.name", "host.name",
            "process.pid", "component", "peer.port", "retry", "ratio", "labels", "tags", "flags.on", "sizes", "weights",
            "user.id", "empty", "mixed", "opentracing.ref_type");
    static final List<String> GENERATED_STRINGS = List.of("", "GET", "POST", "frontend", "cart", "db",
            "pod-1", "v7", "us-east-1", "amd64", "s1", "e1", "e3", "exception", "log", "child_of", "SELECT", "render",
            "manual", "io.opentelemetry.http");
    static final List<String> GENERATED_REGEXES = List.of("pod-.*", "v[0-9]", "e[1-4]", "s.*", ".*", "",
            "GET|POST", "(?i)select", "[a-z]+");

    @ParameterizedTest
    @ValueSource(longs = {7L, 20_261_124L})
    void randomQueriesOverTheDatasNamesAgree(long seed) {
        RandomRun run = randomRun(seed, new RandomQueries(seed, GENERATED_NAMES, GENERATED_STRINGS, GENERATED_REGEXES),
                RANDOM_OVER_DATA_NAMES);
        assertThat(run.compared()).isGreaterThanOrEqualTo(RANDOM_OVER_DATA_NAMES);
        assertThat(run.nonEmpty()).as("random queries with results").isGreaterThan(run.compared() / 5);
    }

    record RandomRun(int compared, int nonEmpty) {
    }

    /**
     * Compares {@code wanted} random search queries (metrics queries skipped, queries failing on both sides counted
     * apart) on a generated block's sample, each also on the hand-built block, a few also through the block search.
     */
    private RandomRun randomRun(long seed, RandomQueries random, int wanted) {
        Block whole = BLOCKS.get("generated-" + seed);
        Block block = whole.everyNth(RANDOM_TRACE_STEP);
        handBuilt = BLOCKS.get("hand-built");
        int compared = 0;
        int bothFail = 0;
        int rejected = 0;
        int metrics = 0;
        int nonEmpty = 0;
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < MAX_RANDOM_QUERIES && compared < wanted; i++) {
            Query q = random.query();
            if (q.metrics() != null) {
                metrics++;
                continue;
            }
            String query = TraceQlPrinter.print(q);
            Answer engine;
            try {
                engine = engineInMemory(block, query);
            } catch (TraceQlException e) {
                rejected++; // the validator's or the front end's: not a search both sides run
                continue;
            }
            Answer oracle = oracle(block, query);
            if (engine.canonical().equals(FAILS) && oracle.canonical().equals(FAILS)) {
                bothFail++;
                continue;
            }
            compared++;
            if (!oracle.canonical().isEmpty()) nonEmpty++;
            String selectDifference = selectedFieldsDisagree(block, query, engine, oracle);
            if (!engine.canonical().equals(oracle.canonical())) {
                disagreements.add(query + "\n--- engine:\n" + engine.canonical() + "\n--- oracle:\n" + oracle.canonical());
            } else if (selectDifference != null) {
                disagreements.add(selectDifference);
            } else if (!sameOnHandBuilt(query)) {
                disagreements.add(query + " on the hand-built block\n--- engine:\n" + engineInMemory(handBuilt, query).canonical()
                        + "\n--- oracle:\n" + oracle(handBuilt, query).canonical());
            } else if (compared % BLOCK_SEARCH_EVERY == 0) {
                // the block's search reads every trace: compare it with the matcher on all of them
                Answer viaBlock = engineViaBlock(whole, query);
                Answer inMemory = engineInMemory(whole, query);
                if (!viaBlock.equals(inMemory)) {
                    disagreements.add(query + "\n--- engine through the block:\n" + viaBlock.canonical()
                            + "\n--- engine in memory:\n" + inMemory.canonical());
                }
            }
        }
        System.out.printf("seed %d: %d random queries compared (%d with results), %d failing on both sides, "
                + "%d rejected, %d metrics skipped%n", seed, compared, nonEmpty, bothFail, rejected, metrics);
        assertThat(disagreements).as("%d of %d random queries disagree; the first:%n%s", disagreements.size(), compared,
                disagreements.stream().limit(5).collect(Collectors.joining("\n\n"))).isEmpty();
        return new RandomRun(compared, nonEmpty);
    }
}
