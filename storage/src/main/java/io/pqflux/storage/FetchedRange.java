package io.pqflux.storage;

import io.pqflux.io.ByteRange;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fetched bytes of an object, owned by whoever received them: a {@link MemorySegment} view of memory a store lent
 * (a pooled network buffer, a mapping), with no copy after the bytes arrived. {@link #close()} gives the memory back
 * exactly once, and {@link #segment()} fails loudly afterwards. A segment obtained before {@code close()} must not be
 * used after it: pooled memory goes back to its pool. (Scoping each view to an arena of its own would make stale use
 * throw too, but closing a shared arena is a JVM-wide handshake that parks the closing thread, often an event loop.)
 */
public final class FetchedRange implements AutoCloseable {

    private final ByteRange range;
    private final MemorySegment segment;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FetchedRange(ByteRange range, MemorySegment segment, Runnable release) {
        this.range = range;
        this.segment = segment;
        this.release = release;
    }

    /**
     * For store implementations: {@code segment} holds {@code range}'s bytes and stays valid until {@code release}
     * runs, which happens once, on {@link #close()}. When this throws, the memory stays the caller's to release.
     */
    public static FetchedRange of(ByteRange range, MemorySegment segment, Runnable release) {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(release, "release");
        if (segment.byteSize() != range.length()) {
            throw new IllegalArgumentException("need " + range.length() + " bytes for " + range + ", got " + segment.byteSize());
        }
        return new FetchedRange(range, segment, release);
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
        if (closed.compareAndSet(false, true)) release.run();
    }

    @Override
    public String toString() {
        return "FetchedRange" + range + (closed.get() ? " (closed)" : "");
    }
}
