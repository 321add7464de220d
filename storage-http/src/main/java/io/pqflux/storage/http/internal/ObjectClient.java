package io.pqflux.storage.http.internal;

import io.pqflux.storage.http.RequestTarget;
import io.pqflux.error.ParquetIOException;
import io.pqflux.error.SourceLocation;
import io.pqflux.io.ByteRange;
import io.pqflux.storage.RetryPolicy;
import io.pqflux.storage.ObjectRequestException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Requests with retries: each attempt counted, transient failures retried with full-jitter backoff, and the
 * final failure turned into a {@link ParquetIOException} whose cause, an {@link ObjectRequestException}, names the
 * URI, the range, the attempts and the last status.
 */
public final class ObjectClient {

    private final ObjectExchanges exchanges;
    private final FullJitterRetry retry;

    public ObjectClient(ObjectExchanges exchanges, RetryPolicy policy) {
        this.exchanges = exchanges;
        this.retry = new FullJitterRetry(policy);
    }

    public Mono<ObjectHead> head(String name, RequestTarget target, RequestCounters counters) {
        return withRetries(() -> exchanges.head(target), name, target, null, counters);
    }

    /** A range of an object pinned to {@code etag} (when not null); the caller owns the buffer. */
    public Mono<ResponseBody> get(String name, RequestTarget target, ByteRange range, String etag, long objectLength,
            RequestCounters counters) {
        return withRetries(() -> exchanges.get(target, range, etag, objectLength), name, target, range,
                counters)
                .doOnNext(body -> counters.fetched(body.buffer().readableBytes()));
    }

    /** One page of a container listing, as text; {@code listing} names it in errors. */
    public Mono<String> list(String listing, RequestTarget target, Map<String, String> query, RequestCounters counters) {
        return withRetries(() -> exchanges.list(target, query), listing, target, null, counters);
    }

    /** @param name the object's or listing's URI, for errors */
    private <T> Mono<T> withRetries(Supplier<Mono<T>> attempt, String name, RequestTarget target,
            ByteRange range, RequestCounters counters) {
        return Mono.defer(() -> {
            AtomicInteger attempts = new AtomicInteger();
            return Mono.defer(() -> {
                        counters.attempt(attempts.getAndIncrement() > 0);
                        return attempt.get();
                    })
                    .retryWhen(retry)
                    .onErrorMap(AttemptFailure.class, f -> finalError(f, attempts.get(), name, target, range));
        });
    }

    private static ParquetIOException finalError(AttemptFailure failure, int attempts, String name,
            RequestTarget target, ByteRange range) {
        ObjectRequestException cause = new ObjectRequestException(failure.failure(), failure.getMessage(), target.uri(), range,
                attempts, failure.status(), failure.errorCode(), failure.getCause());
        SourceLocation where = SourceLocation.ofFile(name);
        return new ParquetIOException(cause.getMessage(), range == null ? where : where.withOffset(range.offset()), cause);
    }
}
