package io.pqflux.io;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Optional;

/**
 * A random-access byte source. Ranges come back as {@link MemorySegment}s: either views of memory the
 * file already owns (a mapping) or memory allocated in the caller's arena, so every byte has one owner.
 */
public interface InputFile extends AutoCloseable {

    /** A name for messages: the path or URI. */
    String name();

    long length();

    /**
     * The content this file holds, for caches of what was parsed from it; null (the default) when a replacement could
     * go unnoticed, so nothing parsed from this file is cached.
     */
    default FileIdentity identity() {
        return null;
    }

    /**
     * Returns the bytes {@code [offset, offset + length)}. The segment stays valid while both this file and
     * {@code arena} are open; implementations that copy allocate the copy in {@code arena}.
     *
     * @throws io.pqflux.error.CorruptFileException when the range lies outside the file
     * @throws io.pqflux.error.ParquetIOException   when the source cannot be read
     */
    MemorySegment read(long offset, long length, Arena arena);

    /**
     * Whether {@link #read} returns views of memory the file holds (a mapping, an object held whole, a small local file
     * filled on first read as a mapping's pages are) and never waits on anything slower than the local disk (a small
     * local file's first reads of its chunks take turns on one lock, each for one positional read): a scan then lets
     * the tasks that decode take their ranges themselves, with no fetch stage.
     */
    default boolean readsInPlace() {
        return false;
    }

    /**
     * An optional capability of this file, looked up by its type, for layers above the reader that can use it (an
     * object store's asynchronous range reads, its request counters); empty by default. Views of a file forward it.
     */
    default <T> Optional<T> feature(Class<T> type) {
        return Optional.empty();
    }

    @Override
    void close();
}
