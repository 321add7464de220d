package io.pqflux.io;

import io.pqflux.error.ParquetIOException;
import io.pqflux.error.SourceLocation;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

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
        String name = path.toString();
        BasicFileAttributes before = regularFile(path, name);
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            MemorySegment mapping = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            BasicFileAttributes after = Files.readAttributes(path, BasicFileAttributes.class);
            // the path could name another file by the time it is stat'ed: only an unchanged stat around the mapping,
            // of the mapped length, identifies what was mapped
            boolean stable = before.lastModifiedTime().equals(after.lastModifiedTime())
                    && Objects.equals(before.fileKey(), after.fileKey()) && after.size() == mapping.byteSize();
            return new MappedInputFile(name, arena, mapping, stable ? FileIdentity.of(path, after) : null);
        } catch (IOException e) {
            arena.close();
            throw new ParquetIOException("cannot map file: " + ParquetIOException.reason(e), SourceLocation.ofFile(name), e);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /**
     * The attributes of a regular file, checked before opening it: a FIFO would block the open until a writer came,
     * and a directory or a device cannot be mapped.
     */
    private static BasicFileAttributes regularFile(Path path, String name) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new ParquetIOException(ParquetIOException.reason(e), SourceLocation.ofFile(name), e);
        }
        if (attributes.isDirectory()) {
            throw new ParquetIOException("is a directory, not a file", SourceLocation.ofFile(name), null);
        }
        if (!attributes.isRegularFile()) {
            throw new ParquetIOException("is not a regular file (a device, FIFO or socket cannot be mapped)",
                    SourceLocation.ofFile(name), null);
        }
        return attributes;
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
