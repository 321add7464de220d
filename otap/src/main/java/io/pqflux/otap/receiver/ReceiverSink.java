package io.pqflux.otap.receiver;

import io.pqflux.otap.ReplayedBatch;
import reactor.core.publisher.Mono;

/**
 * Where a receiver delivers rebuilt batches, one at a time: the receiver writes its checkpoint only after {@link
 * #deliver} has completed, so what a sink guarantees across a crash (exactly-once, at-least-once) depends on whether it
 * can undo a delivery the checkpoint does not record ({@link FileSink} can, by truncating; {@link OtlpHttpSink}
 * cannot).
 */
public interface ReceiverSink extends AutoCloseable {

    /**
     * Prepares the sink before the first delivery, with the length the checkpoint says it had after the last recorded
     * delivery (0 without a checkpoint). Blocks; the receiver calls it where blocking is allowed.
     */
    void start(long committedLength);

    /**
     * Delivers one batch durably (written and forced, or acknowledged); completes with the sink's length after it, 0
     * for sinks that have none. Must not block the thread it is subscribed on unless that thread may block.
     */
    Mono<Long> deliver(ReplayedBatch<?> batch);

    @Override
    void close();
}
