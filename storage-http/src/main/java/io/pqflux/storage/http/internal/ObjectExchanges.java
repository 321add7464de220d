package io.pqflux.storage.http.internal;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.pqflux.io.ByteRange;
import io.pqflux.storage.RequestFailure;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.netty.Connection;
import reactor.netty.channel.ChannelOperations;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import io.pqflux.storage.http.RequestSigner;
import io.pqflux.storage.http.RequestTarget;

/**
 * Single attempts: one signed HEAD or ranged GET, its response checked against the request. Errors come out as
 * {@link AttemptFailure}s (or, for bugs, whatever was thrown); retrying is the caller's business.
 */
public final class ObjectExchanges {

    private final HttpClient http;
    private final RequestSigner signer;
    private final ByteBufAllocator allocator;

    public ObjectExchanges(HttpClient http, RequestSigner signer, ByteBufAllocator allocator) {
        this.http = http;
        this.signer = signer;
        this.allocator = allocator;
    }

    Mono<ObjectHead> head(RequestTarget target) {
        return send("HEAD", target, Map.of(), (response, connection) -> {
            int status = response.status().code();
            if (status != 200) return Mono.error(AttemptFailure.forStatus(status, ErrorBodies.errorCode(response.responseHeaders())));
            String length = response.responseHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
            if (length == null) return Mono.error(AttemptFailure.of(RequestFailure.BAD_RESPONSE, "HEAD without Content-Length"));
            return Mono.just(new ObjectHead(Long.parseLong(length), response.responseHeaders().get(HttpHeaderNames.ETAG)));
        });
    }

    /**
     * The bytes of {@code range} in one direct buffer the caller then owns. With an {@code etag} the request is
     * conditional ({@code If-Match}): a replaced object answers 412 instead of other bytes.
     */
    Mono<ResponseBody> get(RequestTarget target, ByteRange range, String etag, long objectLength) {
        Map<String, String> headers = etag == null
                ? Map.of("Range", httpRange(range))
                : Map.of("Range", httpRange(range), "If-Match", etag);
        return send("GET", target, headers, (response, connection) -> {
            int status = response.status().code();
            if (status != 206 && status != 200) return failure(status, response, connection);
            String mismatch = RangeResponses.mismatch(status, response.responseHeaders(), range, objectLength);
            if (mismatch != null) return Mono.error(AttemptFailure.of(RequestFailure.BAD_RESPONSE, mismatch));
            int length = Math.toIntExact(range.length());
            return Mono.using(() -> new BodyAccumulator(allocator.directBuffer(length, length), length),
                    body -> connection.inbound().receive().doOnNext(body::append).then(Mono.fromCallable(() -> new ResponseBody(body.take()))),
                    BodyAccumulator::discard);
        });
    }

    /** A container-level GET (a listing page): the response body as text. */
    Mono<String> list(RequestTarget target, Map<String, String> query) {
        return send("GET", target, query, Map.of(), (response, connection) -> {
            int status = response.status().code();
            if (status != 200) return failure(status, response, connection);
            return connection.inbound().receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("");
        });
    }

    private <T> Mono<T> send(String method, RequestTarget target, Map<String, String> headers,
            ResponseHandler<T> handler) {
        return send(method, target, Map.of(), headers, handler);
    }

    private <T> Mono<T> send(String method, RequestTarget target, Map<String, String> query,
            Map<String, String> headers, ResponseHandler<T> handler) {
        return signer.sign(method, target, query, headers).flatMap(signed -> http.headers(h -> signed.forEach(h::set))
                        .request(HttpMethod.valueOf(method))
                        .uri(target.uri())
                        // with responseConnection the body is ours to consume or drop: a handler that fails on the
                        // headers (a wrong Content-Range) or is cancelled before it subscribed to the body would leave
                        // the buffers queued in the connection's inbound, where nothing releases them, not even closing it
                        .responseConnection((response, connection) -> handler.handle(response, connection)
                                .doFinally(signal -> {
                                    if (signal != SignalType.ON_COMPLETE) discardInbound(connection);
                                }))
                        .next())
                .onErrorMap(AttemptFailure::classify);
    }

    /** Drops what is queued and whatever still arrives, and closes the connection unless the body was complete. */
    private static void discardInbound(Connection connection) {
        if (connection instanceof ChannelOperations<?, ?> operations && !operations.isInboundDisposed()) {
            operations.discard();
        }
    }

    /** Fails with the status, naming the service's error code from the headers or the body when there is one. */
    private static <T> Mono<T> failure(int status, HttpClientResponse response, Connection connection) {
        String headerCode = ErrorBodies.errorCode(response.responseHeaders());
        return connection.inbound().receive().aggregate().asString(StandardCharsets.UTF_8)
                .onErrorResume(e -> Mono.empty())
                .defaultIfEmpty("")
                .flatMap(body -> Mono.error(AttemptFailure.forStatus(status,
                        headerCode != null ? headerCode : ErrorBodies.errorCode(body))));
    }

    @FunctionalInterface
    private interface ResponseHandler<T> {
        Mono<T> handle(HttpClientResponse response, Connection connection);
    }

    /** The HTTP form of a non-empty range, {@code bytes=first-last} (inclusive). */
    static String httpRange(ByteRange range) {
        return "bytes=" + range.offset() + "-" + (range.end() - 1);
    }
}
