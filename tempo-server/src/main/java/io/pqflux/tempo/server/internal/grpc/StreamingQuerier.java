package io.pqflux.tempo.server.internal.grpc;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.pqflux.tempo.server.internal.http.HttpApi;
import io.pqflux.tempo.server.internal.http.MetricsEndpoint;
import io.pqflux.tempo.server.internal.http.SearchEndpoint;
import io.pqflux.tempo.server.internal.http.TagEndpoints;
import io.pqflux.tempo.server.internal.http.Tenants;
import io.pqflux.tempo.server.internal.proto.ProtoAnswers;
import io.pqflux.tempo.server.internal.proto.QueryInstantRequest;
import io.pqflux.tempo.server.internal.proto.QueryRangeRequest;
import io.pqflux.tempo.server.internal.proto.SearchRequest;
import io.pqflux.tempo.server.internal.proto.SearchTagValuesRequest;
import io.pqflux.tempo.server.internal.proto.SearchTagsRequest;
import io.pqflux.tempo.query.TempoQuerier;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Tempo's {@code tempopb.StreamingQuerier} over gRPC, on the HTTP port (cleartext HTTP/2 beside HTTP/1.1) as Tempo
 * serves it with {@code stream_over_http_enabled}: one request message in, a stream of response messages out, the
 * status in the trailers. A search streams a response about every {@link #PROGRESS_INTERVAL} with the traces found
 * since the previous one, then the whole answer; the other calls answer in one message. gRPC's wire format (each
 * message behind a compressed flag and a 4-byte length, {@code grpc-status} and {@code grpc-message} trailers) is
 * written here on reactor-netty's HTTP/2 server, so the API and the streaming querier share one port and one
 * request pipeline.
 */
public final class StreamingQuerier {

    /** How often a streaming search sends what it found since its last message. */
    public static final Duration PROGRESS_INTERVAL = Duration.ofMillis(500);
    /** The largest request message taken (gRPC's default maximum message size). */
    static final int MAX_REQUEST_BYTES = 4 << 20;

    private final HttpApi api;

    public StreamingQuerier(HttpApi api) {
        this.api = api;
    }

    public Publisher<Void> serve(HttpServerRequest request, HttpServerResponse response) {
        String method = request.param("method");
        String contentType = request.requestHeaders().get(HttpHeaderNames.CONTENT_TYPE);
        AtomicReference<GrpcStatus> status = new AtomicReference<>(GrpcStatus.OK);
        Flux<ByteBuf> messages;
        if (contentType == null || !contentType.startsWith("application/grpc")) {
            messages = Flux.error(GrpcStatus.invalid("content-type " + contentType + " is not application/grpc"));
        } else {
            String tenant = request.requestHeaders().get("X-Scope-OrgID");
            messages = GrpcFrames.request(request.receive(), MAX_REQUEST_BYTES)
                    .flatMapMany(body -> api.run("grpc_" + method, "/tempopb.StreamingQuerier/" + method, tenant,
                            !method.equals("Search"), t -> call(method, body, t)))
                    // heap buffers: nothing pooled is left behind by a stream cancelled between two messages
                    .map(message -> GrpcFrames.frame(message.toByteArray()));
        }
        return response.status(200)
                .header(HttpHeaderNames.CONTENT_TYPE, "application/grpc+proto")
                .trailerHeaders(trailers -> status.get().writeTo(trailers))
                .send(messages.onErrorResume(e -> {
                    status.set(GrpcStatus.of(e));
                    return Flux.empty();
                }), each -> true)
                .then();
    }

    private Publisher<? extends MessageLite> call(String method, byte[] body, Tenants.Tenant tenant) {
        TempoQuerier querier = tenant.querier();
        try {
            return switch (method) {
                case "Search" -> {
                    SearchRequest r = SearchRequest.parseFrom(body);
                    var request = SearchEndpoint.request(r.getQuery(), r.getTagsMap(), r.getMinDurationMs(),
                            r.getMaxDurationMs(), r.getLimit() == 0 ? io.pqflux.tempo.query.SearchRequest.DEFAULT_LIMIT : r.getLimit(),
                            r.getSpansPerSpanSet() == 0 ? io.pqflux.tempo.query.SearchRequest.DEFAULT_SPANS_PER_SPAN_SET
                                    : r.getSpansPerSpanSet(),
                            seconds(r.getStart()), seconds(r.getEnd()));
                    yield querier.searchProgress(request, PROGRESS_INTERVAL).map(ProtoAnswers::search);
                }
                case "SearchTags", "SearchTagsV2" -> {
                    SearchTagsRequest r = SearchTagsRequest.parseFrom(body);
                    var request = TagEndpoints.tagsRequest(r.getScope(), emptyToNull(r.getQuery()),
                            seconds(r.getStart()), seconds(r.getEnd()), r.getMaxTagsPerScope());
                    yield querier.tagNames(request).map(method.endsWith("V2") ? ProtoAnswers::tagsV2 : ProtoAnswers::tagsV1);
                }
                case "SearchTagValues", "SearchTagValuesV2" -> {
                    SearchTagValuesRequest r = SearchTagValuesRequest.parseFrom(body);
                    boolean v2 = method.endsWith("V2");
                    var request = TagEndpoints.valuesRequest(r.getTagName(), v2, emptyToNull(r.getQuery()),
                            seconds(r.getStart()), seconds(r.getEnd()), r.getMaxTagValues());
                    yield querier.tagValues(request).map(v2 ? ProtoAnswers::tagValuesV2 : ProtoAnswers::tagValuesV1);
                }
                case "MetricsQueryRange" -> {
                    QueryRangeRequest r = QueryRangeRequest.parseFrom(body);
                    boolean instant = r.hasInstant() && r.getInstant();
                    var request = MetricsEndpoint.request(r.getQuery(), nanos(r.getStart()), nanos(r.getEnd()),
                            r.getStep() == 0 || instant ? null : Duration.ofNanos(r.getStep()), instant, r.getExemplars());
                    yield querier.queryRange(request).map(ProtoAnswers::queryRange);
                }
                case "MetricsQueryInstant" -> {
                    QueryInstantRequest r = QueryInstantRequest.parseFrom(body);
                    var request = MetricsEndpoint.request(r.getQuery(), nanos(r.getStart()), nanos(r.getEnd()), null,
                            true, 0);
                    yield querier.queryRange(request).map(ProtoAnswers::queryInstant);
                }
                default -> Mono.error(GrpcStatus.unimplemented("tempopb.StreamingQuerier has no method " + method));
            };
        } catch (InvalidProtocolBufferException e) {
            return Mono.error(GrpcStatus.invalid("malformed " + method + " request: " + e.getMessage()));
        }
    }

    private static Instant seconds(int unixSeconds) {
        return unixSeconds == 0 ? null : Instant.ofEpochSecond(Integer.toUnsignedLong(unixSeconds));
    }

    private static Instant nanos(long unixNanos) {
        if (unixNanos < 0) throw GrpcStatus.invalid("time " + Long.toUnsignedString(unixNanos) + " ns is out of range");
        return Instant.ofEpochSecond(0, unixNanos);
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
