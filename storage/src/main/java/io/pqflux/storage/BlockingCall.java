package io.pqflux.storage;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * A blocking call on an I/O scheduler that is never interrupted: cancelling the subscription does not dispose the
 * task once it runs (an interrupt inside {@code FileChannel} I/O closes the channel), it only stops a task that has
 * not started. A result that arrives after the cancellation is discarded ({@code Operators.onDiscard}): one that owns
 * something needs {@code .doOnDiscard(Type.class, release)} right after the call, or it is dropped unreleased. For
 * stores' blocking file I/O and the layers above that call blocking readers.
 */
public final class BlockingCall {

    private BlockingCall() {
    }

    /** Runs {@code task} on {@code scheduler}; a null result completes empty. */
    public static <T> Mono<T> on(Scheduler scheduler, Callable<T> task) {
        return Mono.create(sink -> {
            AtomicBoolean cancelled = new AtomicBoolean();
            sink.onCancel(() -> cancelled.set(true));
            try {
                scheduler.schedule(() -> {
                    if (cancelled.get()) {
                        sink.success();
                        return;
                    }
                    T result;
                    try {
                        result = task.call();
                    } catch (Throwable e) {
                        sink.error(e);
                        return;
                    }
                    sink.success(result);
                });
            } catch (RuntimeException rejected) {
                sink.error(rejected);
            }
        });
    }
}
