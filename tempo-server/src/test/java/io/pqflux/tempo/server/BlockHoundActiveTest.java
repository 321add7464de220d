package io.pqflux.tempo.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The server's tests run with BlockHound installed: a blocking call on a non-blocking thread fails them. */
class BlockHoundActiveTest {

    @Test
    void sleepingOnANonBlockingThreadFails() {
        assertThatThrownBy(() -> Mono.fromCallable(() -> {
                    Thread.sleep(1);
                    return 1;
                }).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(10)))
                .hasCauseInstanceOf(BlockingOperationError.class);
    }
}
