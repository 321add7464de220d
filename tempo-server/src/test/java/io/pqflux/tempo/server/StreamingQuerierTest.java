package io.pqflux.tempo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.pqflux.storage.ObjectStore;
import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.TempoTenant;
import io.pqflux.tempo.query.MetricsRequest;
import io.pqflux.tempo.query.TagValuesRequest;
import io.pqflux.tempo.query.TagsRequest;
import io.pqflux.tempo.query.TempoQuerier;
import io.pqflux.tempo.server.internal.proto.ProtoAnswers;
import io.pqflux.tempo.server.internal.proto.QueryInstantRequest;
import io.pqflux.tempo.server.internal.proto.QueryInstantResponse;
import io.pqflux.tempo.server.internal.proto.QueryRangeRequest;
import io.pqflux.tempo.server.internal.proto.QueryRangeResponse;
import io.pqflux.tempo.server.internal.proto.SearchRequest;
import io.pqflux.tempo.server.internal.proto.SearchResponse;
import io.pqflux.tempo.server.internal.proto.SearchTagValuesRequest;
import io.pqflux.tempo.server.internal.proto.SearchTagValuesV2Response;
import io.pqflux.tempo.server.internal.proto.SearchTagsRequest;
import io.pqflux.tempo.server.internal.proto.SearchTagsResponse;
import io.pqflux.tempo.server.internal.proto.SearchTagsV2Response;
import io.pqflux.tempo.server.internal.proto.TraceSearchMetadata;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * {@code tempopb.StreamingQuerier} through grpc-java's client (HTTP/2 with prior knowledge on the HTTP port, as
 * Grafana's Go client connects), every call decoded with Tempo's messages and compared with the HTTP API's answers.
 */
class StreamingQuerierTest {

    static final List<String> TENANTS = ServedBlocks.TENANTS;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    private static ObjectStore store;
    private static TempoServer server;
    private static ManagedChannel channel;

    @BeforeAll
    static void start() throws InterruptedException {
        store = ServedBlocks.store(dir);
        server = TempoServer.start(store, TempoServerOptions.defaults().withListen("127.0.0.1", 0));
        TempoApiTest.awaitReady(server);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        server.close();
        store.close();
    }

    private static <Q extends com.google.protobuf.Message, R extends com.google.protobuf.Message> List<R> call(String method, Q request, R prototype,
                                                                              String tenant) {
        @SuppressWarnings("unchecked")
        MethodDescriptor<Q, R> descriptor = MethodDescriptor.<Q, R>newBuilder()
                .setType(MethodDescriptor.MethodType.SERVER_STREAMING)
                .setFullMethodName("tempopb.StreamingQuerier/" + method)
                .setRequestMarshaller(ProtoUtils.marshaller((Q) request.getDefaultInstanceForType()))
                .setResponseMarshaller(ProtoUtils.marshaller(prototype))
                .build();
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("X-Scope-OrgID", Metadata.ASCII_STRING_MARSHALLER), tenant);
        var intercepted = io.grpc.ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
        List<R> out = new ArrayList<>();
        ClientCalls.blockingServerStreamingCall(intercepted, descriptor,
                CallOptions.DEFAULT.withDeadlineAfter(PATIENCE.toSeconds(), TimeUnit.SECONDS), request).forEachRemaining(out::add);
        return out;
    }

    private static TempoQuerier querier(String tenant) {
        return TempoQuerier.of(TempoTenant.local(dir, tenant));
    }

    @ParameterizedTest
    @FieldSource("TENANTS")
    void searchStreamsWhatItFindsThenTheWholeAnswer(String tenant) {
        for (String query : List.of("{ }", "{ status = error }", "{ } | select(span.http.method)")) {
            for (int limit : new int[] {0, 3}) {
                var expected = querier(tenant).searchResponse(io.pqflux.tempo.query.SearchRequest.of(query)
                        .withLimit(limit == 0 ? 20 : limit)).block(PATIENCE);
                List<SearchResponse> messages = call("Search", SearchRequest.newBuilder().setQuery(query)
                        .setLimit(limit).build(), SearchResponse.getDefaultInstance(), tenant);
                assertThat(messages).isNotEmpty();
                SearchResponse last = messages.getLast();
                assertThat(last.getTracesList()).as(query)
                        .isEqualTo(ProtoAnswers.search(expected).getTracesList());
                // every trace of the whole answer came in an earlier message first, each once
                Set<String> streamed = new LinkedHashSet<>();
                for (SearchResponse partial : messages.subList(0, messages.size() - 1)) {
                    for (TraceSearchMetadata trace : partial.getTracesList()) {
                        assertThat(streamed.add(trace.getTraceID())).as("sent twice: " + trace.getTraceID()).isTrue();
                    }
                }
                assertThat(streamed).containsAll(last.getTracesList().stream().map(TraceSearchMetadata::getTraceID).toList());
                assertThat(last.getMetrics().getTotalBlocks()).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @FieldSource("TENANTS")
    void tagCalls(String tenant) {
        var names = querier(tenant).tagNames(TagsRequest.all()).block(PATIENCE);
        List<SearchTagsV2Response> v2 = call("SearchTagsV2", SearchTagsRequest.getDefaultInstance(),
                SearchTagsV2Response.getDefaultInstance(), tenant);
        assertThat(v2).containsExactly(ProtoAnswers.tagsV2(names));
        List<SearchTagsResponse> v1 = call("SearchTags", SearchTagsRequest.newBuilder().setScope("span").build(),
                SearchTagsResponse.getDefaultInstance(), tenant);
        var span = querier(tenant).tagNames(TagsRequest.all().withScope(TagsRequest.Scope.SPAN)).block(PATIENCE);
        assertThat(v1).containsExactly(ProtoAnswers.tagsV1(span));
        var values = querier(tenant).tagValues(TagValuesRequest.of("resource.service.name")).block(PATIENCE);
        List<SearchTagValuesV2Response> got = call("SearchTagValuesV2", SearchTagValuesRequest.newBuilder()
                .setTagName("resource.service.name").build(), SearchTagValuesV2Response.getDefaultInstance(), tenant);
        assertThat(got).containsExactly(ProtoAnswers.tagValuesV2(values));
    }

    @ParameterizedTest
    @FieldSource("TENANTS")
    void metricsCalls(String tenant) {
        BlockMeta block = TempoTenant.local(dir, tenant).blocks().getFirst();
        Instant start = block.startTime().minusSeconds(60);
        Instant end = block.endTime().plusSeconds(60);
        String query = "{ } | count_over_time() by (resource.service.name)";
        var expected = querier(tenant).queryRange(MetricsRequest.range(query, start, end).withStep(Duration.ofSeconds(15)))
                .block(PATIENCE);
        List<QueryRangeResponse> range = call("MetricsQueryRange", QueryRangeRequest.newBuilder().setQuery(query)
                .setStart(nanos(start)).setEnd(nanos(end)).setStep(Duration.ofSeconds(15).toNanos()).build(),
                QueryRangeResponse.getDefaultInstance(), tenant);
        assertThat(range).containsExactly(ProtoAnswers.queryRange(expected));
        var instant = querier(tenant).queryRange(MetricsRequest.instant(query, start, end)).block(PATIENCE);
        List<QueryInstantResponse> instantGot = call("MetricsQueryInstant", QueryInstantRequest.newBuilder()
                .setQuery(query).setStart(nanos(start)).setEnd(nanos(end)).build(),
                QueryInstantResponse.getDefaultInstance(), tenant);
        assertThat(instantGot).containsExactly(ProtoAnswers.queryInstant(instant));
    }

    @Test
    void failuresAreGrpcStatusesWithTheApisMessage() {
        assertStatus(() -> call("Search", SearchRequest.newBuilder().setQuery("{ .a = }").build(),
                SearchResponse.getDefaultInstance(), "single-tenant"), Status.Code.INVALID_ARGUMENT, "at 1:8");
        assertStatus(() -> call("Search", SearchRequest.newBuilder().setQuery("{}").build(),
                SearchResponse.getDefaultInstance(), "../x"), Status.Code.INVALID_ARGUMENT, "X-Scope-OrgID");
        assertStatus(() -> call("Search", SearchRequest.newBuilder().setQuery("{}").build(),
                SearchResponse.getDefaultInstance(), "nobody"), Status.Code.NOT_FOUND, "no such tenant");
        assertStatus(() -> call("NoSuchCall", SearchRequest.newBuilder().setQuery("{}").build(),
                SearchResponse.getDefaultInstance(), "single-tenant"), Status.Code.UNIMPLEMENTED, "NoSuchCall");
        assertStatus(() -> call("MetricsQueryRange", QueryRangeRequest.newBuilder().setQuery("{} | rate()")
                        .setStart(2_000_000_000L).setEnd(1_000_000_000L).build(), QueryRangeResponse.getDefaultInstance(),
                "single-tenant"), Status.Code.INVALID_ARGUMENT, "invalid range");
    }

    private static void assertStatus(Runnable call, Status.Code code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(code);
            assertThat(e.getStatus().getDescription()).contains(message);
        });
    }

    private static long nanos(Instant at) {
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }
}
