package io.pqflux.tempo.query;

import io.pqflux.traceql.TraceQl;
import io.pqflux.traceql.TraceQlException;
import io.pqflux.tempo.TempoTenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.tempo.generator.TempoBlockWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * TraceQL search over a block written from hand-built traces whose answers are worked out by hand: the first trace is
 * <pre>
 *   frontend  GET /      server  unset  100 ms  http.status_code=200
 *   frontend  ├─ auth    client  error   20 ms  component=grpc
 *   backend   │  └─ check server ok      15 ms  cluster=dev (the resource says prod-2)
 *   frontend  └─ db      client  ok      50 ms  component=database/sql db.rows=5
 *   frontend     └─ query internal unset 10 ms  http.status_code=500, event exception{exception.type=IOException}
 * </pre>
 * (frontend's resource has {@code cluster=prod-1}); the second trace is one {@code lonely} span of service
 * {@code batch}, 1 s from 500 ms after the first trace's start, status error.
 */
class TempoSearchTest {

    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long MS = 1_000_000L;

    @TempDir
    static Path root;
    private static TempoTenant tenant;

    @BeforeAll
    static void writeBlock() {
        Resource frontend = resource("frontend", "prod-1");
        Resource backend = resource("backend", "prod-2");
        byte[] first = id(16, 1);
        Span get = span(first, 1, 0, "GET /", Span.SpanKind.SPAN_KIND_SERVER, 0, 0, 100).addAttributes(integer("http.status_code", 200)).build();
        Span auth = span(first, 2, 1, "auth", Span.SpanKind.SPAN_KIND_CLIENT, 2, 5, 20).addAttributes(string("component", "grpc")).build();
        Span check = span(first, 3, 2, "check", Span.SpanKind.SPAN_KIND_SERVER, 1, 6, 15).addAttributes(string("cluster", "dev")).build();
        Span db = span(first, 4, 1, "db", Span.SpanKind.SPAN_KIND_CLIENT, 1, 30, 50).addAttributes(string("component", "database/sql"))
                .addAttributes(integer("db.rows", 5)).build();
        Span query = span(first, 5, 4, "query", Span.SpanKind.SPAN_KIND_INTERNAL, 0, 35, 10).addAttributes(integer("http.status_code", 500))
                .addEvents(Span.Event.newBuilder().setName("exception").setTimeUnixNano(T0 + 40 * MS)
                        .addAttributes(string("exception.type", "IOException"))).build();
        TracesData one = TracesData.newBuilder()
                .addResourceSpans(resourceSpans(frontend, get, auth, db, query))
                .addResourceSpans(resourceSpans(backend, check)).build();
        byte[] second = id(16, 2);
        Span lonely = span(second, 1, 0, "lonely", Span.SpanKind.SPAN_KIND_INTERNAL, 2, 500, 1000).build();
        TracesData two = TracesData.newBuilder().addResourceSpans(resourceSpans(resource("batch", "prod-1"), lonely)).build();
        TempoBlockWriter.Settings settings = TempoBlockWriter.Settings.defaults(7);
        TempoBlockWriter.write(root, settings, List.of(one, two));
        tenant = TempoTenant.local(root, settings.tenant());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " :: ", textBlock = """
            {} :: GET /,auth,check,db,query ; lonely
            { name = "db" } :: db
            { name =~ "d.*" } :: db
            { name =~ "b" } :: ''
            { name !~ "GET.*|auth|check|db" } :: query ; lonely
            { status = error } :: auth ; lonely
            { status != error } :: GET /,check,db,query
            { kind = server } :: GET /,check
            { duration > 40ms } :: GET /,db ; lonely
            { duration >= 20ms && duration < 100ms } :: auth,db
            { span.component = "grpc" } :: auth
            { span.component != "grpc" } :: db
            { .cluster = "dev" } :: check
            { .cluster = "prod-1" } :: GET /,auth,db,query ; lonely
            { resource.cluster = "prod-2" } :: check
            { resource.service.name = "backend" } :: check
            { span.db.rows > 4 } :: db
            { span.db.rows = 5.0 } :: db
            { span.db.rows = "5" } :: ''
            { span.http.status_code != nil } :: GET /,query
            { span.http.status_code = nil && kind = client } :: auth,db
            { span.http.status_code + 100 = 600 } :: query
            { event.exception.type = "IOException" } :: query
            { event:name = "exception" } :: query
            { rootServiceName = "frontend" } :: GET /,auth,check,db,query
            { traceDuration > 500ms } :: lonely
            { span:childCount = 2 } :: GET /
            { nestedSetParent < 0 } :: GET / ; lonely
            { name = "auth" } && { name = "query" } :: auth,query
            { name = "auth" } && { name = "nothing" } :: ''
            { name = "auth" } || { name = "lonely" } :: auth ; lonely
            { name = "GET /" } > { } :: auth,db
            { name = "GET /" } >> { kind = server } :: check
            { name = "GET /" } < { } :: ''
            { name = "query" } < { } :: db
            { name = "query" } << { } :: GET /,db
            { name = "auth" } ~ { } :: db
            { name = "GET /" } !> { rootServiceName = "frontend" } :: GET /,check,query
            { name = "GET /" } &> { name = "auth" } :: GET /,auth
            { name = "check" } !<< { kind = client } :: db
            { } | count() > 2 :: GET /,auth,check,db,query
            { kind = client } | avg(duration) > 30ms :: auth,db
            { kind = client } | max(duration) >= 50ms :: auth,db
            { } | by(resource.service.name) | count() = 1 :: check ; lonely
            { } | by(kind) | coalesce() | count() = 5 :: GET /,auth,check,db,query
            { span.missing || name = "db" } :: ''
            { name = "db" || span.missing } :: db
            { span.db.rows / 2 = 2 } :: db
            { span.db.rows ^ 2 = 32 } :: db
            { span.http.status_code =~ "5.*" } :: ''
            { span:parentID = "0000000000000000" } :: GET / ; lonely
            { trace:id = "00000000000000000000000000000002" } :: lonely
            { resource.service.name = "" } :: ''
            """)
    void matchesWhatTheTreeSays(String query, String expected) {
        SearchResponse response = TempoQuerier.of(tenant).searchResponse(SearchRequest.of(query).withLimit(0).withSpansPerSpanSet(10)).block();
        Set<String> actual = new TreeSet<>();
        for (TraceSearchResult trace : response.traces()) {
            Set<String> names = new TreeSet<>();
            for (TraceSearchResult.SpanSet set : trace.spanSets()) {
                assertThat(set.matched()).isEqualTo(set.spans().size());
                set.spans().forEach(s -> names.add(s.name()));
            }
            actual.add(String.join(",", names));
        }
        Set<String> wanted = new TreeSet<>();
        for (String trace : expected.split(";")) {
            if (!trace.isBlank()) wanted.add(trace.strip());
        }
        assertThat(actual).as(query).isEqualTo(wanted);
    }

    @Test
    void spansetsCarryTheirGroupAndSpansTheAttributesTheQueryRead() {
        SearchResponse response = TempoQuerier.of(tenant).searchResponse(SearchRequest.of(
                "{ span.component != nil } | by(resource.service.name) | select(span.db.rows)").withLimit(0)).block();
        assertThat(response.traces()).hasSize(1);
        TraceSearchResult trace = response.traces().getFirst();
        assertThat(trace.traceId()).isEqualTo("1");
        assertThat(trace.rootServiceName()).isEqualTo("frontend");
        assertThat(trace.rootTraceName()).isEqualTo("GET /");
        assertThat(trace.spanSets()).hasSize(1);
        TraceSearchResult.SpanSet set = trace.spanSets().getFirst();
        assertThat(set.attributes()).containsExactly(string("by(resource.service.name)", "frontend"));
        assertThat(set.spans()).extracting(TraceSearchResult.MatchedSpan::name).containsExactly("auth", "db");
        TraceSearchResult.MatchedSpan db = set.spans().get(1);
        assertThat(db.attributes()).containsExactly(string("component", "database/sql"), integer("db.rows", 5));
        assertThat(db.durationNanos()).isEqualTo(50 * MS);
        assertThat(db.spanId()).isEqualTo("0000000000000004");
    }

    @Test
    void aggregatesAndNilGroupsAreSpansetAttributesNamedAndValuedAsTempoDoes() {
        SearchResponse response = TempoQuerier.of(tenant).searchResponse(SearchRequest.of(
                "{ kind = client } | by(span.db.rows) | avg(duration) > 1ms").withLimit(0)).block();
        TraceSearchResult trace = response.traces().getFirst();
        assertThat(trace.spanSets()).extracting(TraceSearchResult.SpanSet::attributes).containsExactlyInAnyOrder(
                List.of(integer("by(span.db.rows)", 5), string("avg(duration)", "50ms")),
                List.of(string("by(span.db.rows)", "nil"), string("avg(duration)", "20ms")));
    }

    @Test
    void whatTempoFailsAtRunTimeFailsTheSearch() {
        for (String query : List.of("{ span.db.rows / 0 = 1 }", "{ !span.component }", "{ -span.component = 1 }",
                "({ } | by(kind)) > ({ })")) {
            assertThatThrownBy(() -> TempoQuerier.of(tenant).searchResponse(SearchRequest.of(query).withLimit(0)).block()).as(query)
                    .isInstanceOfSatisfying(TraceQlException.class,
                            e -> assertThat(e.reason()).isEqualTo(TraceQlException.Reason.EVALUATION_ERROR));
        }
    }

    @Test
    void spansPerSpanSetCutsTheSpansNotTheCount() {
        SearchResponse response = TempoQuerier.of(tenant).searchResponse(SearchRequest.of("{ rootServiceName = \"frontend\" }")
                .withSpansPerSpanSet(2)).block();
        TraceSearchResult.SpanSet set = response.traces().getFirst().spanSets().getFirst();
        assertThat(set.spans()).hasSize(2);
        assertThat(set.matched()).isEqualTo(5);
    }

    @Test
    void theLimitStopsTheSearchAndTheResponseCountsWhatWasRead() {
        assertThat(TempoQuerier.of(tenant).search(SearchRequest.of("{}").withLimit(1)).collectList().block()).hasSize(1);
        SearchResponse all = TempoQuerier.of(tenant).searchResponse(SearchRequest.of("{}").withLimit(0)).block();
        assertThat(all.traces()).extracting(TraceSearchResult::traceId).containsExactly("2", "1"); // most recent first
        assertThat(all.metrics().inspectedTraces()).isEqualTo(2);
        assertThat(all.metrics().inspectedSpans()).isEqualTo(6);
        assertThat(all.metrics().inspectedBytes()).isPositive();
        assertThat(all.metrics().totalBlocks()).isEqualTo(1);
        assertThat(all.metrics().completedJobs()).isEqualTo(1);
    }

    @Test
    void theJsonHasTempoShape() throws Exception {
        SearchResponse response = TempoQuerier.of(tenant).searchResponse(SearchRequest.of("{ name = \"db\" }")).block();
        JsonNode json = new ObjectMapper().readTree(QueryJson.search(response));
        JsonNode trace = json.get("traces").get(0);
        assertThat(trace.get("traceID").asText()).isEqualTo("1");
        assertThat(trace.get("startTimeUnixNano").asText()).isEqualTo(Long.toString(T0));
        assertThat(trace.get("durationMs").asInt()).isEqualTo(100);
        JsonNode span = trace.get("spanSets").get(0).get("spans").get(0);
        assertThat(span.get("name").asText()).isEqualTo("db");
        assertThat(span.get("durationNanos").asText()).isEqualTo(Long.toString(50 * MS));
        assertThat(trace.get("spanSet")).isEqualTo(trace.get("spanSets").get(0));
        assertThat(trace.get("spanSets").get(0).get("matched").asInt()).isEqualTo(1);
        assertThat(json.get("metrics").get("inspectedTraces").asInt()).isEqualTo(2);
        assertThat(json.get("metrics").get("inspectedBytes").asText()).matches("[1-9][0-9]*");
    }

    @Test
    void aBadQueryFailsWithItsPosition() {
        assertThatThrownBy(() -> TempoQuerier.of(tenant).search(SearchRequest.of("{ name = }")).blockLast())
                .isInstanceOf(TraceQlException.class).hasMessageContaining("1:");
        assertThatThrownBy(() -> TempoQuerier.of(tenant).searchResponse(SearchRequest.of("{ } | rate()")).block())
                .isInstanceOf(TraceQlException.class).hasMessageContaining("metrics query");
    }

    /**
     * Queries as deep as TraceQL's nesting limit allows run through every walk of the engine (pruning, both passes,
     * metrics, tag values) on its own threads and answer as their shallow equivalents do: the limit keeps those
     * recursive walks inside a thread's stack.
     */
    @Test
    void queriesAtTheNestingLimitAnswerAsTheirShallowEquivalents() {
        int terms = TraceQl.MAX_NESTING - 8;
        // Tempo refuses more than 100 condition groups (terms of an ||) itself
        StringBuilder chain = new StringBuilder("{ name = \"db\"");
        for (int i = 0; i < 99; i++) chain.append(" || span.http.status_code = ").append(1000 + i);
        String orChain = chain.append(" }").toString();
        String parens = "{ " + "(".repeat(terms) + "name = \"db\"" + ")".repeat(terms) + " }";
        String andChain = "{ name = \"db\"" + " && duration > 0".repeat(terms) + " }";
        String arithmetic = "{ name = \"db\" && duration" + " + 0ms".repeat(terms) + " > 0 }";
        TempoQuerier querier = TempoQuerier.of(tenant);
        java.time.Instant start = java.time.Instant.ofEpochSecond(0, T0).minusSeconds(60);
        java.time.Instant end = start.plusSeconds(3600);
        List<String> shallowTraces = querier.search(SearchRequest.of("{ name = \"db\" }").withLimit(0))
                .map(TraceSearchResult::traceId).collectList().block();
        MetricsResponse shallowCount = querier.queryRange(MetricsRequest.instant("{ name = \"db\" } | count_over_time()",
                start, end)).block();
        TagValues shallowValues = querier.tagValues(TagValuesRequest.of("resource.service.name")
                .withQuery("{ name = \"db\" }")).block();
        assertThat(shallowTraces).hasSize(1);
        for (String deep : List.of(orChain, parens, andChain, arithmetic)) {
            assertThat(TraceQl.canonical(deep)).isNotEmpty();
            assertThat(querier.search(SearchRequest.of(deep).withLimit(0)).map(TraceSearchResult::traceId)
                    .collectList().block()).as(deep).isEqualTo(shallowTraces);
            assertThat(querier.queryRange(MetricsRequest.instant(deep + " | count_over_time()", start, end)).block()
                    .series()).as(deep).isEqualTo(shallowCount.series());
            assertThat(querier.tagValues(TagValuesRequest.of("resource.service.name").withQuery(deep)).block()
                    .values()).as(deep).isEqualTo(shallowValues.values());
        }
        assertThatThrownBy(() -> querier.search(SearchRequest.of("{ " + "(".repeat(2 * terms) + "true"
                + ")".repeat(2 * terms) + " }")).blockLast())
                .isInstanceOfSatisfying(TraceQlException.class, e -> assertThat(e.reason()).isEqualTo(TraceQlException.Reason.TOO_LARGE));
    }

    @Test
    void theTimeRangeSelectsTraces() {
        java.time.Instant start = java.time.Instant.ofEpochSecond(0, T0);
        assertThat(TempoQuerier.of(tenant).searchResponse(SearchRequest.of("{}").withLimit(0)
                .withTimeRange(start.plusSeconds(3600), start.plusSeconds(7200))).block().traces()).isEmpty();
        assertThat(TempoQuerier.of(tenant).searchResponse(SearchRequest.of("{}").withLimit(0)
                .withTimeRange(start, start.plusMillis(1))).block().traces())
                .extracting(TraceSearchResult::traceId).containsExactly("1");
        assertThat(TempoQuerier.of(tenant).searchResponse(SearchRequest.of("{}").withLimit(0)
                .withTimeRange(start.plusMillis(1200), start.plusMillis(1300))).block().traces())
                .extracting(TraceSearchResult::traceId).containsExactly("2");
    }

    // --- building the traces ---

    private static byte[] id(int length, int last) {
        byte[] id = new byte[length];
        id[length - 1] = (byte) last;
        return id;
    }

    private static Resource resource(String service, String cluster) {
        return Resource.newBuilder().addAttributes(string("service.name", service)).addAttributes(string("cluster", cluster)).build();
    }

    private static ResourceSpans resourceSpans(Resource resource, Span... spans) {
        return ResourceSpans.newBuilder().setResource(resource).addScopeSpans(ScopeSpans.newBuilder()
                .setScope(InstrumentationScope.newBuilder().setName("test")).addAllSpans(List.of(spans))).build();
    }

    private static Span.Builder span(byte[] traceId, int spanId, int parentId, String name, Span.SpanKind kind, int status,
                                     long startMs, long durationMs) {
        Span.Builder span = Span.newBuilder().setTraceId(ByteString.copyFrom(traceId)).setSpanId(ByteString.copyFrom(id(8, spanId)))
                .setName(name).setKind(kind).setStartTimeUnixNano(T0 + startMs * MS)
                .setEndTimeUnixNano(T0 + (startMs + durationMs) * MS);
        if (parentId != 0) span.setParentSpanId(ByteString.copyFrom(id(8, parentId)));
        if (status != 0) span.setStatus(Status.newBuilder().setCodeValue(status));
        return span;
    }

    private static KeyValue string(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static KeyValue integer(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }
}
