package io.pqflux.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * {@link BlockingCall}: a task that has started runs to its end, uninterrupted, when its caller cancels; what it
 * returns then is discarded, so a result that owns something is released by the caller's discard hook; a task not yet
 * started never runs.
 */
class BlockingCallTest {

    private static final Scheduler IO = Schedulers.newBoundedElastic(2, 100, "blocking-call-test");

    @AfterAll
    static void dispose() {
        IO.dispose();
    }

    /** Something a task opens: it must be closed by whoever ends up with it. */
    private static final class Opened implements AutoCloseable {
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void aResultArrivingAfterTheCancellationGoesToTheDiscardHookAndTheTaskIsNotInterrupted() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Opened opened = new Opened();
        Disposable subscription = BlockingCall.on(IO, () -> {
                    started.countDown();
                    try {
                        // waits through the cancellation, as a file read in progress would
                        while (!cancelled.await(10, TimeUnit.MILLISECONDS)) {
                            if (Thread.currentThread().isInterrupted()) interrupted.set(true);
                        }
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                    }
                    ended.countDown();
                    return opened;
                })
                .doOnDiscard(Opened.class, Opened::close)
                .subscribe(result -> {
                    throw new AssertionError("delivered after the cancellation");
                });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        subscription.dispose();
        cancelled.countDown();
        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!opened.closed.get() && System.nanoTime() < deadline) Thread.sleep(5);
        assertThat(opened.closed).as("the unwanted result was released").isTrue();
        assertThat(interrupted).as("the task was interrupted").isFalse();
    }

    @Test
    void aTaskCancelledBeforeItStartedNeverRuns() throws InterruptedException {
        Scheduler one = Schedulers.newBoundedElastic(1, 100, "blocking-call-one");
        try {
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean ran = new AtomicBoolean();
            // the only thread is busy, so the second task waits in the queue
            Disposable busy = BlockingCall.on(one, () -> release.await(10, TimeUnit.SECONDS)).subscribe();
            Disposable queued = BlockingCall.on(one, () -> ran.getAndSet(true)).subscribe();
            queued.dispose();
            release.countDown();
            StepVerifier.create(BlockingCall.on(one, () -> "after")).expectNext("after").expectComplete()
                    .verify(Duration.ofSeconds(10));
            assertThat(ran).isFalse();
            busy.dispose();
        } finally {
            one.dispose();
        }
    }
}
