package io.pqflux.tempo.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.TempoJson;
import io.pqflux.tempo.TempoTenant;
import io.pqflux.tempo.TraceId;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.query.MetricsRequest;
import io.pqflux.tempo.query.MetricsResponse;
import io.pqflux.tempo.query.QueryJson;
import io.pqflux.tempo.query.SearchRequest;
import io.pqflux.tempo.query.SearchResponse;
import io.pqflux.tempo.query.TagValuesRequest;
import io.pqflux.tempo.query.TagsRequest;
import io.pqflux.tempo.query.TempoQuerier;
import io.pqflux.tempo.query.TraceSearchResult;
import io.pqflux.tempo.server.internal.proto.PartialStatus;
import io.pqflux.tempo.server.internal.proto.ProtoAnswers;
import io.pqflux.tempo.server.internal.proto.QueryInstantResponse;
import io.pqflux.tempo.server.internal.proto.QueryRangeResponse;
import io.pqflux.tempo.server.internal.proto.SearchTagValuesV2Response;
import io.pqflux.tempo.server.internal.proto.SearchTagsResponse;
import io.pqflux.tempo.server.internal.proto.SearchTagsV2Response;
import io.pqflux.tempo.server.internal.proto.TraceByIDResponse;
import io.pqflux.tempo.server.internal.proto.TraceSearchMetadata;
import io.pqflux.storage.ObjectStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every endpoint through the JDK's HTTP client, JSON and protobuf (decoded with Tempo's messages), against the query
 * module's answers to the same requests on the bundled vParquet3, vParquet4 and vParquet5 blocks.
 */
class TempoApiTest {

    static final List<String> TENANTS = ServedBlocks.TENANTS;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    private static ObjectStore store;
    private static TempoServer server;
    private static ApiClient client;

    @BeforeAll
    static void start() throws InterruptedException {
        store = ServedBlocks.store(dir);
        server = TempoServer.start(store, TempoServerOptions.defaults().withListen("127.0.0.1", 0));
        client = new ApiClient(server.uri());
        awaitReady(server);
    }

    static void awaitReady(TempoServer server) throws InterruptedException {
        long until = System.nanoTime() + PATIENCE.toNanos();
        while (!server.ready()) {
            assertThat(System.nanoTime()).as("server ready").isLessThan(until);
            Thread.sleep(20);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
        store.close();
    }

    private static TempoTenant tenant(String name) {
        return TempoTenant.local(dir, name);
    }

    private static String orgId(String tenant) {
        return tenant;
    }

    // ---------------------------------------------------------------- status

    @Test
    void statusEndpoints() {
        assertThat(client.get("/api/echo").text()).isEqualTo("echo\n");
        assertThat(client.get("/ready").status()).isEqualTo(200);
        JsonNode build = client.get("/api/status/buildinfo").json();
        assertThat(build.get("version").asText()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(client.get("/metrics").text()).contains("pqflux_tempo_queries_in_flight");
        assertThat(client.get("/no/such/path").status()).isEqualTo(404);
    }

    // ---------------------------------------------------------------- trace by ID

    @ParameterizedTest
    @FieldSource("TENANTS")
    void everyTraceByIdInBothVersionsAndFormats(String name) {
        TempoTenant tenant = tenant(name);
        List<TraceSearchResult> all = TempoQuerier.of(tenant).searchResponse(SearchRequest.of("{ }").withLimit(0))
                .block(PATIENCE).traces();
        assertThat(all).isNotEmpty();
        for (TraceSearchResult found : all) {
            TracesData expected = tenant.findTrace(TraceId.parseHex(found.traceId()), null, null, TracePreset.FULL,
                    Long.MAX_VALUE, 1).block(PATIENCE).trace().orElseThrow().toTracesData();
            String id = found.traceId();

            ApiClient.Reply v1Json = client.get("/api/traces/" + id, "X-Scope-OrgID", name);
            assertThat(v1Json.status()).isEqualTo(200);
            assertThat(v1Json.contentType()).isEqualTo("application/json");
            assertThat(v1Json.json()).isEqualTo(json(TempoJson.tempoV1(expected)));

            ApiClient.Reply v1Proto = client.protobuf("/api/traces/" + id, "X-Scope-OrgID", name);
            assertThat(v1Proto.contentType()).isEqualTo("application/protobuf");
            assertThat(parse(() -> TracesData.parseFrom(v1Proto.body()))).isEqualTo(expected);
            // written from the columns, byte for byte what protobuf-java serializes
            assertThat(v1Proto.body()).isEqualTo(expected.toByteArray());

            ApiClient.Reply v2Proto = client.protobuf("/api/v2/traces/" + id, "X-Scope-OrgID", name);
            TraceByIDResponse v2 = parse(() -> TraceByIDResponse.parseFrom(v2Proto.body()));
            assertThat(v2.getStatus()).isEqualTo(PartialStatus.COMPLETE);
            assertThat(v2.getTrace().getResourceSpansList()).isEqualTo(expected.getResourceSpansList());
            assertThat(v2.getMetrics().getInspectedBytes()).isPositive();
            assertThat(v2Proto.body()).isEqualTo(TraceByIDResponse.newBuilder().setTrace(ProtoAnswers.trace(expected))
                    .setMetrics(v2.getMetrics()).build().toByteArray());

            JsonNode v2Json = client.get("/api/v2/traces/" + id, "X-Scope-OrgID", name).json();
            assertThat(v2Json.get("trace")).isEqualTo(json(TempoJson.tempoV2(expected, 1)).get("trace"));
            assertThat(v2Json.has("status")).isFalse();
        }
    }

    @Test
    void traceByIdErrors() {
        assertThat(client.get("/api/traces/0123456789abcdef0123456789abcdef").status()).isEqualTo(404);
        assertThat(client.get("/api/v2/traces/0123456789abcdef0123456789abcdef").status()).isEqualTo(404);
        ApiClient.Reply notHex = client.get("/api/traces/xyz");
        assertThat(notHex.status()).isEqualTo(400);
        assertThat(notHex.text()).contains("invalid trace ID 'xyz'");
        assertThat(client.get("/api/traces/" + "a".repeat(33)).status()).isEqualTo(400);
        assertThat(client.get("/api/traces/abc?start=20&end=10").text()).contains("after end");
        assertThat(client.get("/api/traces/abc?start=yesterday").status()).isEqualTo(400);
        assertThat(client.get("/api/v2/traces/abc?q=%7B%7D").text()).contains("not supported");
    }

    // ---------------------------------------------------------------- search

    /** Explore's and Traces Drilldown's kinds of search. */
    static final List<String> QUERIES = List.of("{ }", "{ status = error }", "{ resource.service.name != nil } | count() > 1",
            "{ span.http.method = \"GET\" } >> { }", "{ } | select(span.http.status_code)", "{ nestedSetParent < 0 }",
            "{ } &>> { } | select(nestedSetLeft, nestedSetRight, nestedSetParent)", "{ } with(most_recent=true)");

    @ParameterizedTest
    @FieldSource("TENANTS")
    void searchAnswersAsTheQuerier(String name) {
        TempoQuerier querier = TempoQuerier.of(tenant(name));
        for (String query : QUERIES) {
            for (int limit : new int[] {0, 2, 20}) {
                SearchResponse expected = querier.searchResponse(SearchRequest.of(query).withLimit(limit)
                        .withSpansPerSpanSet(2)).block(PATIENCE);
                String url = "/api/search?q=" + ApiClient.encoded(query) + "&limit=" + limit + "&spss=2";
                JsonNode json = client.get(url, "X-Scope-OrgID", name).json();
                assertThat(json.get("traces")).as(query).isEqualTo(json(QueryJson.search(expected)).get("traces"));
                var proto = parse(() -> io.pqflux.tempo.server.internal.proto.SearchResponse.parseFrom(
                        client.protobuf(url, "X-Scope-OrgID", name).body()));
                assertThat(proto.getTracesList()).extracting(TraceSearchMetadata::getTraceID)
                        .containsExactlyElementsOf(expected.traces().stream().map(TraceSearchResult::traceId).toList());
                for (int i = 0; i < expected.traces().size(); i++) {
                    TraceSearchResult want = expected.traces().get(i);
                    TraceSearchMetadata got = proto.getTraces(i);
                    assertThat(got.getRootServiceName()).isEqualTo(want.rootServiceName());
                    assertThat(got.getStartTimeUnixNano()).isEqualTo(want.startTimeUnixNano());
                    assertThat(got.getDurationMs()).isEqualTo(want.durationMs());
                    assertThat(got.getSpanSetsList()).extracting(s -> s.getMatched())
                            .containsExactlyElementsOf(want.spanSets().stream().map(TraceSearchResult.SpanSet::matched).toList());
                }
            }
        }
    }

    @Test
    void legacyTagsSearchIsItsTraceQlFilter() {
        SearchResponse expected = TempoQuerier.of(tenant("single-tenant"))
                .searchResponse(SearchRequest.of("{ .service.name = \"frontend\" }").withLimit(0)).block(PATIENCE);
        JsonNode json = client.get("/api/search?tags=" + ApiClient.encoded("service.name=frontend") + "&limit=0").json();
        assertThat(json.get("traces")).isEqualTo(json(QueryJson.search(expected)).get("traces"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/search?q=%7B%20status%20%3D%20%7D|invalid TraceQL",
            "/api/search?q=%7B%7D&limit=999999999|limit",
            "/api/search?q=%7B%7D&limit=-1|invalid limit",
            "/api/search?q=%7B%7D&spss=x|invalid spss",
            "/api/search?q=%7B%7D&start=10&end=5|after end",
            "/api/search?q=%7B%7D&minDuration=1s|belong to a tags search",
            "/api/search?tags=a%3D%22b|unclosed quote",
            "/api/search/tags?scope=everything|invalid scope",
            "/api/metrics/query_range?start=1&end=2|missing parameter q",
            "/api/metrics/query_range?q=%7B%7D%7Crate()&start=20&end=10|invalid range",
            "/api/metrics/query_range?q=%7B%7D%7Crate()&start=10&end=20&step=soon|invalid step",
            "/api/metrics/query_range?q=%7B%7D%7Crate()&start=0&end=3600&step=1ms|intervals",
            "/api/metrics/query_range?q=%7B%7D&start=0&end=3600|invalid TraceQL",
            "/api/v2/search/tag/%2525zz/values|bad tag name",
            "/api/search/tag/a%2520b/values|invalid TraceQL"})
    void malformedRequestsAre400WithTheReason(String caseLine) {
        String[] parts = caseLine.split("\\|");
        ApiClient.Reply reply = client.get(parts[0]);
        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(reply.text()).containsIgnoringCase(parts[1]);
        assertThat(reply.text().strip()).doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void aTagNameThatLooksLikeAPathIsOnlyAnAttributeName() {
        JsonNode json = client.get("/api/v2/search/tag/..%252F..%252Fetc/values").json();
        assertThat(json.get("tagValues")).isEmpty();
    }

    @Test
    void aQueryErrorNamesItsLineAndColumn() {
        String text = client.get("/api/search?q=" + ApiClient.encoded("{ .a = }")).text();
        assertThat(text).contains("at 1:8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc", "a/b", "a|b", "..", "tenant with spaces", "x\ty"})
    void aTenantThatIsNoPlainNameIs400(String tenant) {
        ApiClient.Reply reply = client.get("/api/search?q=%7B%7D", "X-Scope-OrgID", tenant);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text()).contains("X-Scope-OrgID");
    }

    @Test
    void anUnknownTenantIs404WithoutNamingTheOthersOrTheStore() {
        for (String url : List.of("/api/search?q=%7B%7D", "/api/traces/abc", "/api/v2/search/tags")) {
            ApiClient.Reply reply = client.get(url, "X-Scope-OrgID", "nobody");
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.text()).isEqualTo("no such tenant or block\n").doesNotContain(dir.toString());
        }
    }

    @Test
    void oversizedHeadersAreRefused() {
        ApiClient.Reply reply = client.get("/api/echo", "X-Padding", "x".repeat(40_000));
        assertThat(reply.status()).isBetween(400, 499);
    }

    // ---------------------------------------------------------------- tags

    @ParameterizedTest
    @FieldSource("TENANTS")
    void tagNamesAndValues(String name) {
        TempoQuerier querier = TempoQuerier.of(tenant(name));
        var all = querier.tagNames(TagsRequest.all()).block(PATIENCE);
        assertThat(client.get("/api/v2/search/tags", "X-Scope-OrgID", name).json().get("scopes"))
                .isEqualTo(json(QueryJson.tagsV2(all)).get("scopes"));
        var proto2 = parse(() -> SearchTagsV2Response.parseFrom(client.protobuf("/api/v2/search/tags", "X-Scope-OrgID", name).body()));
        assertThat(proto2.getScopesList()).extracting(s -> s.getName())
                .containsExactlyElementsOf(all.scopes().stream().map(s -> s.name()).toList());
        var resource = querier.tagNames(TagsRequest.all().withScope(TagsRequest.Scope.RESOURCE)).block(PATIENCE);
        assertThat(client.get("/api/search/tags?scope=resource", "X-Scope-OrgID", name).json().get("tagNames"))
                .isEqualTo(json(QueryJson.tagsV1(resource)).get("tagNames"));
        var proto1 = parse(() -> SearchTagsResponse.parseFrom(client.protobuf("/api/search/tags?scope=resource",
                "X-Scope-OrgID", name).body()));
        assertThat(proto1.getTagNamesList()).containsExactlyElementsOf(resource.scope("resource"));

        var values = querier.tagValues(TagValuesRequest.of("resource.service.name")).block(PATIENCE);
        assertThat(values.values()).isNotEmpty();
        // Grafana encodes the name before it goes into the path, which encodes it again
        String twice = ApiClient.encoded(ApiClient.encoded("resource.service.name"));
        String v2 = "/api/v2/search/tag/" + twice + "/values";
        assertThat(client.get(v2, "X-Scope-OrgID", name).json().get("tagValues"))
                .isEqualTo(json(QueryJson.tagValuesV2(values)).get("tagValues"));
        var protoValues = parse(() -> SearchTagValuesV2Response.parseFrom(client.protobuf(v2, "X-Scope-OrgID", name).body()));
        assertThat(protoValues.getTagValuesList()).extracting(v -> v.getValue())
                .containsExactlyElementsOf(values.values().stream().map(v -> v.value()).toList());
        var v1Values = querier.tagValues(TagValuesRequest.of(".service.name")).block(PATIENCE);
        assertThat(client.get("/api/search/tag/service.name/values", "X-Scope-OrgID", name).json().get("tagValues"))
                .isEqualTo(json(QueryJson.tagValuesV1(v1Values)).get("tagValues"));
    }

    // ---------------------------------------------------------------- metrics

    @ParameterizedTest
    @FieldSource("TENANTS")
    void metricsRangeAndInstant(String name) {
        TempoTenant tenant = tenant(name);
        BlockMeta block = tenant.blocks().getFirst();
        Instant start = block.startTime().minusSeconds(60);
        Instant end = block.endTime().plusSeconds(60);
        TempoQuerier querier = TempoQuerier.of(tenant);
        for (String query : List.of("{ } | rate()", "{ } | count_over_time() by (resource.service.name)",
                "{ } | quantile_over_time(duration, .5, .9)", "{ } | rate() by (resource.service.name) with(sample=true)",
                "{ } | histogram_over_time(duration)", "{ } | compare({ status = error })",
                "{ } | rate() by (resource.service.name) | topk(2)", "({ } | rate()) > 0.01",
                "({ } | rate()) / ({ } | count_over_time())", "100 * ({ status = error } | rate())")) {
            MetricsResponse expected = querier.queryRange(MetricsRequest.range(query, start, end)
                    .withStep(Duration.ofSeconds(30))).block(PATIENCE);
            String url = "/api/metrics/query_range?q=" + ApiClient.encoded(query) + "&start=" + start.getEpochSecond()
                    + "&end=" + end.getEpochSecond() + "&step=30s";
            assertThat(client.get(url, "X-Scope-OrgID", name).json().get("series"))
                    .as(query).isEqualTo(json(QueryJson.queryRange(expected)).get("series"));
            QueryRangeResponse proto = parse(() -> QueryRangeResponse.parseFrom(client.protobuf(url, "X-Scope-OrgID", name).body()));
            assertThat(proto.getSeriesCount()).isEqualTo(expected.series().size());
            for (int i = 0; i < proto.getSeriesCount(); i++) {
                assertThat(proto.getSeries(i).getLabelsList()).isEqualTo(expected.series().get(i).labels());
                assertThat(proto.getSeries(i).getSamplesList()).extracting(s -> s.getValue())
                        .containsExactlyElementsOf(expected.series().get(i).samples().stream().map(MetricsResponse.Sample::value).toList());
            }

            MetricsResponse instant = querier.queryRange(MetricsRequest.instant(query, start, end)).block(PATIENCE);
            String instantUrl = "/api/metrics/query?q=" + ApiClient.encoded(query) + "&start=" + start.getEpochSecond()
                    + "&end=" + end.getEpochSecond();
            assertThat(client.get(instantUrl, "X-Scope-OrgID", name).json().get("series"))
                    .isEqualTo(json(QueryJson.queryInstant(instant)).get("series"));
            QueryInstantResponse instantProto = parse(() -> QueryInstantResponse.parseFrom(
                    client.protobuf(instantUrl, "X-Scope-OrgID", name).body()));
            assertThat(instantProto.getSeriesList()).extracting(s -> s.getValue()).containsExactlyElementsOf(
                    instant.series().stream().filter(s -> !s.samples().isEmpty())
                            .map(s -> s.samples().getFirst().value()).toList());
        }
    }

    @Test
    void metricsTakeNanosecondsAndRfc3339() {
        BlockMeta block = tenant("single-tenant").blocks().getFirst();
        Instant start = block.startTime().minusSeconds(60);
        Instant end = block.endTime().plusSeconds(60);
        String query = ApiClient.encoded("{ } | count_over_time()");
        JsonNode seconds = client.get("/api/metrics/query_range?q=" + query + "&start=" + start.getEpochSecond()
                + "&end=" + end.getEpochSecond() + "&step=30s").json();
        JsonNode nanos = client.get("/api/metrics/query_range?q=" + query + "&start=" + start.getEpochSecond() + "000000000"
                + "&end=" + end.getEpochSecond() + "000000000&step=30s").json();
        JsonNode rfc = client.get("/api/metrics/query_range?q=" + query + "&start=" + start + "&end=" + end + "&step=30").json();
        assertThat(seconds.get("series")).isNotEmpty();
        assertThat(nanos.get("series")).isEqualTo(seconds.get("series"));
        assertThat(rfc.get("series")).isEqualTo(seconds.get("series"));
    }

    // ---------------------------------------------------------------- helpers

    static JsonNode json(String text) {
        try {
            return ApiClient.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    interface Parse<T> {
        T parse() throws com.google.protobuf.InvalidProtocolBufferException;
    }

    static <T> T parse(Parse<T> parse) {
        try {
            return Objects.requireNonNull(parse.parse());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError("not the expected protobuf message", e);
        }
    }
}
