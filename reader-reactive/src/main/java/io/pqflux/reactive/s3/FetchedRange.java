package io.pqflux.reactive.s3;

import io.netty.buffer.ByteBuf;
import io.pqflux.io.ByteRange;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fetched bytes of an object, owned by whoever received them: a {@link MemorySegment} view of a pooled direct
 * netty buffer (no copy after the body was gathered). {@link #close()} gives the buffer back exactly once, and
 * {@link #segment()} fails loudly afterwards. A segment obtained before {@code close()} must not be used after
 * it: the memory goes back to netty's pool. (Scoping each view to an arena of its own would make stale use throw
 * too, but closing a shared arena is a JVM-wide handshake that parks the closing thread, often an event loop;
 * the project's pooled memory avoids it for the same reason.)
 */
public final class FetchedRange implements AutoCloseable {

    private final ByteRange range;
    private final ByteBuf buffer;
    private final MemorySegment segment;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Takes over one reference of {@code buffer}, whose readable bytes are {@code range}'s (when this throws, the
     * reference stays the caller's).
     */
    FetchedRange(ByteRange range, ByteBuf buffer) {
        if (buffer.readableBytes() != range.length() || !buffer.isDirect() || buffer.nioBufferCount() != 1) {
            throw new IllegalArgumentException("need one direct buffer of " + range.length() + " bytes, got " + buffer);
        }
        this.range = range;
        this.buffer = buffer;
        this.segment = MemorySegment.ofBuffer(buffer.nioBuffer(buffer.readerIndex(), buffer.readableBytes()));
    }

    public ByteRange range() {
        return range;
    }

    public long offset() {
        return range.offset();
    }

    public long length() {
        return range.length();
    }

    /** The bytes, valid until {@link #close()}. */
    public MemorySegment segment() {
        if (closed.get()) throw new IllegalStateException("bytes " + range + " were already released");
        return segment;
    }

    /** Releases the bytes; later calls do nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) buffer.release();
    }

    @Override
    public String toString() {
        return "FetchedRange" + range + (closed.get() ? " (closed)" : "");
    }
}
