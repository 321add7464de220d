package io.pqflux.storage.http.internal;

import io.pqflux.storage.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Retries retryable {@link AttemptFailure}s up to the policy's attempt count, waiting a uniformly random time
 * below an exponentially growing cap before each ("full jitter"). Reactor's own backoff jitters around the
 * exponential value instead, which keeps clients that failed together in step.
 */
final class FullJitterRetry extends Retry {

    private final RetryPolicy policy;

    FullJitterRetry(RetryPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Publisher<?> generateCompanion(Flux<RetrySignal> signals) {
        return signals.concatMap(signal -> {
            Throwable error = signal.failure();
            boolean retryable = error instanceof AttemptFailure failure && failure.failure().retryable();
            long attemptsSoFar = signal.totalRetries() + 1;
            if (!retryable || attemptsSoFar >= policy.maxAttempts()) return Mono.error(error);
            return Mono.delay(backoff(attemptsSoFar));
        });
    }

    /** A random wait in {@code [0, min(max, base * 2^(retry-1))]} before retry number {@code retry}. */
    Duration backoff(long retry) {
        long base = policy.baseBackoff().toNanos();
        long cap = policy.maxBackoff().toNanos();
        int doublings = (int) Math.min(retry - 1, 62);
        long ceiling = base > (cap >> doublings) ? cap : Math.min(cap, base << doublings);
        return Duration.ofNanos(ceiling == 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1));
    }
}
