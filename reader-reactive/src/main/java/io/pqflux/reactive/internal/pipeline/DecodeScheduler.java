package io.pqflux.reactive.internal.pipeline;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.scheduler.NonBlocking;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The default decode scheduler: one queue served by one daemon thread per core. Reactor's parallel scheduler pins
 * each task to a worker's own queue round-robin, so a slice's mapping task could wait behind another slice's column
 * tasks on a busy thread while the other thread sat idle; measured on a Tempo block, mapping never overlapped and two
 * cores scanned no faster than one. A shared queue hands every task to the first free thread. The threads are marked
 * {@link NonBlocking}, so Reactor (and BlockHound) treat them as the parallel scheduler's.
 */
public final class DecodeScheduler {

    private static final Scheduler SHARED = create(Runtime.getRuntime().availableProcessors());

    private DecodeScheduler() {
    }

    /** The process-wide instance; never disposed (its threads are daemons). */
    public static Scheduler shared() {
        return SHARED;
    }

    private static Scheduler create(int threads) {
        AtomicInteger created = new AtomicInteger();
        // the queue Reactor's own workers wait on, which BlockHound lets a non-blocking thread wait on when idle
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(threads,
                task -> new DecodeThread(task, "pqflux-decode-" + created.incrementAndGet()));
        executor.setRemoveOnCancelPolicy(true);
        return Schedulers.fromExecutorService(executor, "pqflux-decode");
    }

    private static final class DecodeThread extends Thread implements NonBlocking {
        DecodeThread(Runnable task, String name) {
            super(task, name);
            setDaemon(true);
        }
    }
}
