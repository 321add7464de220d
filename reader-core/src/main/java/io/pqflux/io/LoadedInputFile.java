package io.pqflux.io;

import io.pqflux.error.CorruptFileException;
import io.pqflux.error.ParquetIOException;
import io.pqflux.error.SourceLocation;
import io.pqflux.internal.memory.OffHeapBuffer;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A small local file read whole into pooled off-heap memory when opened (see {@link LocalFiles} for when this beats a
 * mapping). Reads are slices of that memory; closing the file gives it back to the pool, after which the slices must
 * not be read (in the pool's debug mode they throw).
 */
public final class LoadedInputFile implements InputFile {

    private final String name;
    private final OffHeapBuffer buffer;
    private final MemorySegment content;
    private final FileIdentity identity;
    private volatile boolean closed;

    private LoadedInputFile(String name, OffHeapBuffer buffer, MemorySegment content, FileIdentity identity) {
        this.name = name;
        this.buffer = buffer;
        this.content = content;
        this.identity = identity;
    }

    /**
     * Reads the file at {@code path} whole.
     *
     * @throws ParquetIOException when it is not a regular file, is larger than {@link LocalFiles#MAX_LOADED_BYTES}, or
     *                            cannot be read
     */
    public static LoadedInputFile open(Path path) {
        return open(path, LocalFiles.regularFile(path, path.toString()));
    }

    /** As {@link #open(Path)}, the file's attributes just read. */
    static LoadedInputFile open(Path path, BasicFileAttributes before) {
        String name = path.toString();
        if (before.size() > LocalFiles.MAX_LOADED_BYTES) {
            throw new ParquetIOException("is " + before.size() + " bytes, more than the " + LocalFiles.MAX_LOADED_BYTES
                    + " read whole", SourceLocation.ofFile(name), null);
        }
        OffHeapBuffer buffer = new OffHeapBuffer(Math.max(before.size(), 1));
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > before.size()) {
                throw new ParquetIOException("grew from " + before.size() + " to " + size + " bytes while being opened",
                        SourceLocation.ofFile(name), null);
            }
            MemorySegment content = buffer.segment().asSlice(0, size);
            ByteBuffer target = content.asByteBuffer();
            while (target.hasRemaining()) {
                if (channel.read(target, target.position()) < 0) {
                    throw new CorruptFileException("unexpected end of file", SourceLocation.ofFile(name).withOffset(target.position()));
                }
            }
            return new LoadedInputFile(name, buffer, content, LocalFiles.identity(path, before, size));
        } catch (IOException e) {
            buffer.close();
            throw new ParquetIOException("cannot read file: " + ParquetIOException.reason(e), SourceLocation.ofFile(name), e);
        } catch (RuntimeException e) {
            buffer.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long length() {
        return content.byteSize();
    }

    /** Path, length and modification time, when they did not change while the file was being read. */
    @Override
    public FileIdentity identity() {
        return identity;
    }

    @Override
    public MemorySegment read(long offset, long length, Arena ignored) {
        if (closed) throw new IllegalStateException(name + " is closed");
        Ranges.check(name, content.byteSize(), offset, length);
        return content.asSlice(offset, length);
    }

    /** Slices of memory the file holds. */
    @Override
    public boolean readsInPlace() {
        return true;
    }

    @Override
    public void close() {
        closed = true;
        buffer.close();
    }
}
