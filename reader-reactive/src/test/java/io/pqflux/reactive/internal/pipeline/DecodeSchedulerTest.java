package io.pqflux.reactive.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

class DecodeSchedulerTest {

    /**
     * A long task, a short one, then a third: on a scheduler that pins tasks to threads round-robin (Reactor's parallel
     * one) the third waits behind the first on its thread while the second thread idles; from one shared queue the
     * second thread takes it. The long task waits (spinning, as a decode thread must not block) for the third to run.
     */
    @Test
    void aFreeThreadTakesTheNextTaskWhileAnotherIsBusy() throws Exception {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs two decode threads");
        Scheduler scheduler = DecodeScheduler.shared();
        AtomicBoolean thirdRan = new AtomicBoolean();
        CompletableFuture<Boolean> first = new CompletableFuture<>();
        CompletableFuture<Boolean> nonBlocking = new CompletableFuture<>();
        scheduler.schedule(() -> {
            nonBlocking.complete(Schedulers.isInNonBlockingThread());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!thirdRan.get() && System.nanoTime() < deadline) {
                Math.sqrt(deadline);
            }
            first.complete(thirdRan.get());
        });
        scheduler.schedule(() -> { });
        scheduler.schedule(() -> thirdRan.set(true));
        assertThat(first.get(10, TimeUnit.SECONDS)).as("the third task ran while the first was busy").isTrue();
        assertThat(nonBlocking.get()).as("decode threads are non-blocking threads").isTrue();
    }
}
