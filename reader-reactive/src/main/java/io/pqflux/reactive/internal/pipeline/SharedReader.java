package io.pqflux.reactive.internal.pipeline;

import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadMetrics;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A reader shared by a subscription and its slices in flight, closed when the last of them lets go. A cancelled
 * scan cannot close its reader at once: decoding already running on other threads is never interrupted (an
 * interrupt inside {@code FileChannel} I/O closes the channel for every reader of the file), so the reader stays
 * open until those tasks finish and close what they produced. {@link #idle()} completes at that point, which is
 * when an error may be delivered: after everything in flight has been released.
 *
 * <p>It also tracks results between the worker that made them and the subscriber: a result is {@linkplain
 * #offer offered} before it is emitted and {@linkplain #delivered delivered} when it leaves the pipeline; whatever is
 * still between the two when the subscription ends (in operator queues, or racing with the cancellation) is closed
 * here, so no result depends on an operator's discard hook to be released.
 */
public final class SharedReader {

    private final ParquetReader reader;
    private final Consumer<ReadMetrics> metricsListener;
    private final Sinks.Empty<Void> closed = Sinks.empty();
    private final Map<AutoCloseable, Boolean> undelivered = new IdentityHashMap<>();
    private int holders = 1;
    private boolean ended;
    private boolean reported;

    public SharedReader(ParquetReader reader, Consumer<ReadMetrics> metricsListener) {
        this.reader = reader;
        this.metricsListener = metricsListener;
    }

    public ParquetReader reader() {
        return reader;
    }

    /** Takes a hold for a slice's work; false once the subscription has ended (the work must not start). */
    public synchronized boolean hold() {
        if (ended) return false;
        holders++;
        return true;
    }

    /** The subscription's own hold, given up when it completes, fails or is cancelled; idempotent. */
    public void endSubscription() {
        List<AutoCloseable> unwanted;
        synchronized (this) {
            if (ended) return;
            ended = true;
            unwanted = new ArrayList<>(undelivered.keySet());
            undelivered.clear();
        }
        try {
            for (AutoCloseable result : unwanted) closeQuietly(result);
        } finally {
            release();
        }
    }

    /**
     * Registers a result about to be emitted; false (and the caller closes it) when the subscription has ended, so a
     * result is either closed by {@link #endSubscription()} or by its maker, never neither.
     */
    public synchronized boolean offer(AutoCloseable result) {
        if (ended) return false;
        undelivered.put(result, Boolean.TRUE);
        return true;
    }

    /** The result reached the subscriber, which owns it now. */
    public synchronized void delivered(AutoCloseable result) {
        undelivered.remove(result);
    }

    private static void closeQuietly(AutoCloseable result) {
        try {
            result.close();
        } catch (Exception e) {
            // releasing memory; a failure here has nobody to be reported to but the safety net
        }
    }

    public void release() {
        synchronized (this) {
            if (--holders > 0) return;
        }
        try {
            reportMetrics();
        } finally {
            reader.close();
            closed.tryEmitEmpty();
        }
    }

    /**
     * Tells the listener the read's metrics, once: on completion before the subscriber hears of it (every read is
     * done by then), else when the reader closes after a cancellation or an error.
     */
    public void reportMetrics() {
        synchronized (this) {
            if (reported) return;
            reported = true;
        }
        metricsListener.accept(reader.metrics());
    }

    /** Completes once the reader is closed: every slice in flight has finished and released its memory. */
    public Mono<Void> idle() {
        return closed.asMono();
    }
}
