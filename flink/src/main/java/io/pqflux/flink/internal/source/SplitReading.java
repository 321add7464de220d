package io.pqflux.flink.internal.source;

import io.pqflux.reactive.ScanMetrics;
import java.io.Serializable;
import java.time.Duration;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;

/**
 * Reads splits on one reader: one store opened for the reader's life, a pass per split. A bounded split ends with
 * its pass; a continuous one ({@link #repeatDelay()} non-null) is read again after the delay, from where it stands.
 */
public interface SplitReading<E, S> extends AutoCloseable {

    /** The split's elements after its position, in order; errors name the file or object that failed. */
    Flux<E> pass(S split);

    /** Null when a pass ends its split, else how long a split waits before its next pass. */
    Duration repeatDelay();

    @Override
    void close();

    /** Opens the reading on a task manager. */
    interface Factory<E, S> extends Serializable {
        /** @param scanMetrics hears each finished scan's metrics (a reading whose API reports none ignores it) */
        SplitReading<E, S> open(Consumer<ScanMetrics> scanMetrics);
    }
}
