package io.pqflux.io;

import io.pqflux.error.CorruptFileException;
import io.pqflux.error.ParquetIOException;
import io.pqflux.error.SourceLocation;
import io.pqflux.internal.memory.OffHeapBuffer;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A small local file in pooled off-heap memory the size of the file (see {@link LocalFiles} for when this beats a
 * mapping), filled as its ranges are first read: a read is a slice of that memory, and the {@value #CHUNK_BYTES}-byte
 * chunks it covers are read from the file first unless an earlier read brought them in. Why not read it whole at
 * open: a projection or a search reads a fraction of a file (a TraceQL search of a tenant's 670 KB blocks touched 24%
 * of their bytes), and copying the rest cost 5% of a two-core search's CPU, and more memory traffic than its reads.
 *
 * <p>A range is read once and stays: reads on several threads are safe (a chunk is loaded under the file's lock and
 * published before it counts as loaded). As with a mapping's pages, a first read of a chunk reads the local disk (the
 * page cache, normally). The channel stays open until {@link #close}, which gives the memory back to the pool; slices
 * must not be read after it (in the pool's debug mode they throw). A file that shrinks after it was opened fails the
 * first read past its new end with {@link CorruptFileException}. A reading thread's interrupt closes a
 * {@link FileChannel}: that read fails, saying so, and the file is opened again for the reads after it.
 */
public final class LoadedInputFile implements InputFile {

    private static final int CHUNK_SHIFT = 12;
    private static final int CHUNK_BYTES = 1 << CHUNK_SHIFT;
    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);

    private final String name;
    private final OffHeapBuffer buffer;
    private final MemorySegment content;
    private final FileIdentity identity;
    private final Path path;
    /** The file's key (its inode) when opened: a channel opened again must reach the same file. */
    private final Object fileKey;
    /** Replaced (under the lock) when a reading thread's interrupt closed it. */
    private FileChannel channel;
    /** A bit per chunk, set (with release semantics, under the lock) once the chunk's bytes are in {@link #content}. */
    private final long[] loaded;
    /** Bytes read from the file so far (under the lock). */
    private long bytesLoaded;
    private volatile boolean closed;

    private LoadedInputFile(String name, OffHeapBuffer buffer, MemorySegment content, FileIdentity identity,
                            Path path, Object fileKey, FileChannel channel) {
        this.name = name;
        this.path = path;
        this.fileKey = fileKey;
        this.buffer = buffer;
        this.content = content;
        this.identity = identity;
        this.channel = channel;
        this.loaded = new long[(int) ((content.byteSize() + 64L * CHUNK_BYTES - 1) / (64L * CHUNK_BYTES))];
    }

    /**
     * Opens the file at {@code path}; its bytes are read as they are first read.
     *
     * @throws ParquetIOException when it is not a regular file, is larger than {@link LocalFiles#MAX_LOADED_BYTES}, or
     *                            cannot be opened
     */
    public static LoadedInputFile open(Path path) {
        return open(path, LocalFiles.regularFile(path, path.toString()));
    }

    /** As {@link #open(Path)}, the file's attributes just read. */
    static LoadedInputFile open(Path path, BasicFileAttributes before) {
        String name = path.toString();
        if (before.size() > LocalFiles.MAX_LOADED_BYTES) {
            throw new ParquetIOException("is " + before.size() + " bytes, more than the " + LocalFiles.MAX_LOADED_BYTES
                    + " read into memory", SourceLocation.ofFile(name), null);
        }
        OffHeapBuffer buffer = new OffHeapBuffer(Math.max(before.size(), 1));
        FileChannel channel = null;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
            long size = channel.size();
            if (size > before.size()) {
                throw new ParquetIOException("grew from " + before.size() + " to " + size + " bytes while being opened",
                        SourceLocation.ofFile(name), null);
            }
            return new LoadedInputFile(name, buffer, buffer.segment().asSlice(0, size),
                    LocalFiles.identity(path, before, size), path, before.fileKey(), channel);
        } catch (IOException e) {
            closeOnFailure(buffer, channel);
            throw new ParquetIOException("cannot open file: " + ParquetIOException.reason(e), SourceLocation.ofFile(name), e);
        } catch (RuntimeException e) {
            closeOnFailure(buffer, channel);
            throw e;
        }
    }

    private static void closeOnFailure(OffHeapBuffer buffer, FileChannel channel) {
        buffer.close();
        closeQuietly(channel);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long length() {
        return content.byteSize();
    }

    /** Path, length and modification time, when they did not change while the file was being opened. */
    @Override
    public FileIdentity identity() {
        return identity;
    }

    /**
     * @throws CorruptFileException when the range lies outside the file, or the file has shrunk below it since it was
     *                              opened
     * @throws ParquetIOException   when the file cannot be read
     */
    @Override
    public MemorySegment read(long offset, long length, Arena ignored) {
        if (closed) throw new IllegalStateException(name + " is closed");
        Ranges.check(name, content.byteSize(), offset, length);
        if (length > 0) {
            int first = (int) (offset >>> CHUNK_SHIFT), last = (int) ((offset + length - 1) >>> CHUNK_SHIFT);
            for (int chunk = first; chunk <= last; chunk++) {
                if (!isLoaded(chunk)) {
                    load(first, last);
                    break;
                }
            }
        }
        return content.asSlice(offset, length);
    }

    /** Slices of memory the file holds, filled from the local file on first read as a mapping's pages are. */
    @Override
    public boolean readsInPlace() {
        return true;
    }

    /** Bytes read from the file so far: the chunks the reads covered. */
    synchronized long bytesLoaded() {
        return bytesLoaded;
    }

    private boolean isLoaded(int chunk) {
        return ((long) WORDS.getAcquire(loaded, chunk >>> 6) & (1L << chunk)) != 0;
    }

    /** Reads the chunks of {@code [first, last]} not loaded yet, each run of them with one positional read. */
    private synchronized void load(int first, int last) {
        // under the lock close() takes too: memory given back to the pool is never written
        if (closed) throw new IllegalStateException(name + " is closed");
        for (int chunk = first; chunk <= last; chunk++) {
            if (isLoaded(chunk)) continue;
            int end = chunk;
            while (end < last && !isLoaded(end + 1)) end++;
            long start = (long) chunk << CHUNK_SHIFT;
            long stop = Math.min(content.byteSize(), (long) (end + 1) << CHUNK_SHIFT);
            readFully(start, stop);
            bytesLoaded += stop - start;
            for (int k = chunk; k <= end; k++) {
                WORDS.setRelease(loaded, k >>> 6, loaded[k >>> 6] | 1L << k);
            }
            chunk = end;
        }
    }

    /** Reads {@code [start, stop)} into the content, under the lock; again on a fresh channel if another's was closed. */
    private void readFully(long start, long stop) {
        ByteBuffer target = content.asSlice(start, stop - start).asByteBuffer();
        for (int attempt = 1; ; attempt++) {
            try {
                while (target.hasRemaining()) {
                    if (channel.read(target, start + target.position()) < 0) {
                        throw new CorruptFileException("unexpected end of file: it has shrunk since it was opened ("
                                + content.byteSize() + " bytes then)", SourceLocation.ofFile(name).withOffset(start + target.position()));
                    }
                }
                return;
            } catch (ClosedChannelException e) {
                // an interrupt closed the channel: this thread's (the read fails, as interrupted I/O does) or, before
                // this read, another reader's (this one goes on); either way the reads after it get a fresh channel
                reopen(e);
                if (Thread.currentThread().isInterrupted() || attempt == 2) {
                    throw new ParquetIOException("read interrupted: a thread's interrupt closes a file channel (opened"
                            + " again for later reads)", SourceLocation.ofFile(name).withOffset(start + target.position()), e);
                }
            } catch (IOException e) {
                throw new ParquetIOException("cannot read file: " + ParquetIOException.reason(e),
                        SourceLocation.ofFile(name).withOffset(start + target.position()), e);
            }
        }
    }

    /** Opens the file again, if the path still names it (by its key: a file replaced by a rename has another one). */
    private void reopen(ClosedChannelException cause) {
        FileChannel reopened = null;
        try {
            reopened = FileChannel.open(path, StandardOpenOption.READ);
            Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            if (fileKey == null || !fileKey.equals(key)) {
                reopened.close();
                throw new ParquetIOException("read interrupted, and the file cannot be opened again: the path names"
                        + " another file now, or the file system gives no file key to tell", SourceLocation.ofFile(name), cause);
            }
            channel = reopened;
        } catch (IOException e) {
            closeQuietly(reopened);
            e.addSuppressed(cause);
            throw new ParquetIOException("read interrupted, and the file cannot be opened again: " + ParquetIOException.reason(e),
                    SourceLocation.ofFile(name), e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // reported: the failure that made it unusable
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        buffer.close();
        try {
            channel.close();
        } catch (IOException e) {
            throw new ParquetIOException("close failed: " + ParquetIOException.reason(e), SourceLocation.ofFile(name), e);
        }
    }
}
