package io.pqflux.io;

import io.pqflux.error.ParquetIOException;
import io.pqflux.error.SourceLocation;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A local file mapped into memory in one piece: a {@link MemorySegment} mapping has no 2 GiB limit.
 * Reads are slices of the mapping (zero-copy); the mapping is released when this file is closed.
 */
public final class MappedInputFile implements InputFile {

    private final String name;
    private final Arena arena;
    private final MemorySegment mapping;
    private final FileIdentity identity;

    private MappedInputFile(String name, Arena arena, MemorySegment mapping, FileIdentity identity) {
        this.name = name;
        this.arena = arena;
        this.mapping = mapping;
        this.identity = identity;
    }

    public static MappedInputFile open(Path path) {
        return open(path, LocalFiles.regularFile(path, path.toString()));
    }

    /** As {@link #open(Path)}, the file's attributes just read. */
    static MappedInputFile open(Path path, BasicFileAttributes before) {
        String name = path.toString();
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            MemorySegment mapping = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            return new MappedInputFile(name, arena, mapping, LocalFiles.identity(path, before, mapping.byteSize()));
        } catch (IOException e) {
            arena.close();
            throw new ParquetIOException("cannot map file: " + ParquetIOException.reason(e), SourceLocation.ofFile(name), e);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** Slices of the mapping. */
    @Override
    public boolean readsInPlace() {
        return true;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long length() {
        return mapping.byteSize();
    }

    /** Path, length and modification time, when they did not change while the file was being mapped. */
    @Override
    public FileIdentity identity() {
        return identity;
    }

    @Override
    public MemorySegment read(long offset, long length, Arena ignored) {
        Ranges.check(name, mapping.byteSize(), offset, length);
        return mapping.asSlice(offset, length);
    }

    @Override
    public void close() {
        arena.close();
    }
}
