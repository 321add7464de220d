package io.pqflux.storage;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a failed request is tried again. Only transient failures are retried (5xx, 429, timeouts, resets,
 * truncated bodies); the wait before retry {@code n} (1-based) is drawn uniformly from
 * {@code [0, min(maxBackoff, baseBackoff * 2^(n-1))]} ("full jitter"), so clients that failed together do not
 * come back together.
 *
 * @param maxAttempts attempts in all, the first one included (1 = no retry)
 */
public record RetryPolicy(int maxAttempts, Duration baseBackoff, Duration maxBackoff) {

    public RetryPolicy {
        Objects.requireNonNull(baseBackoff, "baseBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        if (baseBackoff.isNegative() || maxBackoff.compareTo(baseBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= baseBackoff <= maxBackoff: " + baseBackoff + ", " + maxBackoff);
        }
    }

    /** Four attempts, 50 ms base, 5 s cap: rides out a brief outage without holding a read for long. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(50), Duration.ofSeconds(5));
    }

    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }
}
