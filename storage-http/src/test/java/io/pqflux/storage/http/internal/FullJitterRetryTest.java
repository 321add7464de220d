package io.pqflux.storage.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.storage.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FullJitterRetryTest {

    @Test
    void waitsAreDrawnBelowAnExponentialCeilingCappedByTheMaximum() {
        FullJitterRetry retry = new FullJitterRetry(new RetryPolicy(10, Duration.ofMillis(10), Duration.ofMillis(100)));
        for (int i = 0; i < 1000; i++) {
            assertThat(retry.backoff(1)).isBetween(Duration.ZERO, Duration.ofMillis(10));
            assertThat(retry.backoff(3)).isBetween(Duration.ZERO, Duration.ofMillis(40));
            assertThat(retry.backoff(60)).isBetween(Duration.ZERO, Duration.ofMillis(100));
        }
        long sum = 0;
        for (int i = 0; i < 1000; i++) sum += retry.backoff(4).toNanos();
        // uniform below 80 ms: the mean is near 40 ms, not near the ceiling
        assertThat(Duration.ofNanos(sum / 1000)).isBetween(Duration.ofMillis(30), Duration.ofMillis(50));
    }
}
