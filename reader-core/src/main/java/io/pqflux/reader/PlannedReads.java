package io.pqflux.reader;

import io.pqflux.io.ByteRange;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * The byte ranges a planned read needs of its file, which the caller may fetch itself (an object store's asynchronous
 * range requests) and hand over: a {@link RowGroupPlan}, or the {@link RowGroupRead} of one slice of it.
 */
public interface PlannedReads {

    /** The reads within the file, in file order: chunks' ranges merged across columns (small gaps read through). */
    List<ByteRange> ranges();

    /** The bytes {@link #ranges()} read, gaps read through included. */
    default long rangeBytes() {
        long bytes = 0;
        for (ByteRange range : ranges()) bytes += range.length();
        return bytes;
    }

    /**
     * Hands over the bytes of the range at {@code offset} (one of {@link #ranges()}) and their {@code owner}, closed
     * when nothing needs them any more (at once, when the read is closed already or the range has its bytes).
     *
     * @throws IllegalArgumentException when no range starts at {@code offset} with the length of {@code bytes}
     */
    void supply(long offset, MemorySegment bytes, AutoCloseable owner);
}
