package io.pqflux.storage.http.internal;

import io.pqflux.storage.RequestFailure;
import io.netty.buffer.ByteBuf;

/**
 * Gathers a response body into one direct buffer of the expected size, so the bytes end up contiguous (one
 * {@code MemorySegment} view) after the single copy out of the socket's buffers. Owns the buffer until
 * {@link #take()}; {@link #discard()} releases it on error or cancellation. Synchronized because a timeout may
 * discard from another thread while the event loop appends.
 */
final class BodyAccumulator {

    private final long expected;
    private ByteBuf target;

    BodyAccumulator(ByteBuf target, long expected) {
        this.target = target;
        this.expected = expected;
    }

    synchronized void append(ByteBuf chunk) {
        if (target == null) return;
        int n = chunk.readableBytes();
        if (n > target.writableBytes()) {
            throw AttemptFailure.of(RequestFailure.BAD_RESPONSE, "body longer than the " + expected + " bytes asked for");
        }
        target.writeBytes(chunk, chunk.readerIndex(), n);
    }

    /** The complete body; the caller owns it from here. */
    synchronized ByteBuf take() {
        if (target == null) throw new IllegalStateException("body already taken or discarded");
        if (target.readableBytes() != expected) {
            // the connection ended cleanly but early: a transport fault, worth another attempt
            throw AttemptFailure.of(RequestFailure.CONNECTION,
                    "body ended after " + target.readableBytes() + " of " + expected + " bytes");
        }
        ByteBuf body = target;
        target = null;
        return body;
    }

    synchronized void discard() {
        if (target != null) {
            target.release();
            target = null;
        }
    }
}
