package io.pqflux.storage.http;

import io.pqflux.storage.RangeCoalescing;
import io.pqflux.storage.RetryPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * How an HTTP store reads, whatever the service: timeouts, retries, concurrency, range coalescing and what is fetched
 * at open. Immutable; each {@code with…} method returns a changed copy.
 *
 * @param requestTimeout        time for one attempt, from sending the request to the last body byte
 * @param maxConcurrentRequests requests in flight at once per {@link HttpStorage} (its connection pool size)
 * @param footerSuffixBytes     bytes read from the end of an object at open to cover a Parquet footer
 * @param smallObjectBytes      objects up to this size are read whole at open: one request instead of several
 */
public record HttpSettings(Duration requestTimeout, RetryPolicy retry, int maxConcurrentRequests,
        RangeCoalescing coalescing, int footerSuffixBytes, long smallObjectBytes) {

    public HttpSettings {
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(coalescing, "coalescing");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive: " + requestTimeout);
        }
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("maxConcurrentRequests must be positive: " + maxConcurrentRequests);
        }
        if (footerSuffixBytes < 8) throw new IllegalArgumentException("footer suffix must be at least 8 bytes: " + footerSuffixBytes);
        if (smallObjectBytes < 0) throw new IllegalArgumentException("negative small-object size: " + smallObjectBytes);
    }

    /** 30 s per attempt, {@link RetryPolicy#defaults()}, 16 connections, {@link RangeCoalescing#defaults()}, 64 KiB, 1 MiB. */
    public static HttpSettings defaults() {
        return new HttpSettings(Duration.ofSeconds(30), RetryPolicy.defaults(), 16, RangeCoalescing.defaults(), 64 << 10, 1 << 20);
    }

    public HttpSettings withRequestTimeout(Duration timeout) {
        return new HttpSettings(timeout, retry, maxConcurrentRequests, coalescing, footerSuffixBytes, smallObjectBytes);
    }

    public HttpSettings withRetry(RetryPolicy policy) {
        return new HttpSettings(requestTimeout, policy, maxConcurrentRequests, coalescing, footerSuffixBytes, smallObjectBytes);
    }

    public HttpSettings withMaxConcurrentRequests(int max) {
        return new HttpSettings(requestTimeout, retry, max, coalescing, footerSuffixBytes, smallObjectBytes);
    }

    public HttpSettings withCoalescing(RangeCoalescing rules) {
        return new HttpSettings(requestTimeout, retry, maxConcurrentRequests, rules, footerSuffixBytes, smallObjectBytes);
    }

    public HttpSettings withFooterSuffixBytes(int bytes) {
        return new HttpSettings(requestTimeout, retry, maxConcurrentRequests, coalescing, bytes, smallObjectBytes);
    }

    public HttpSettings withSmallObjectBytes(long bytes) {
        return new HttpSettings(requestTimeout, retry, maxConcurrentRequests, coalescing, footerSuffixBytes, bytes);
    }
}
