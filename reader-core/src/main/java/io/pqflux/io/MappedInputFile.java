package io.pqflux.io;

import io.pqflux.error.ParquetIOException;
import io.pqflux.error.SourceLocation;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A local file mapped into memory in one piece: a {@link MemorySegment} mapping has no 2 GiB limit.
 * Reads are slices of the mapping (zero-copy); the mapping is released when this file is closed.
 */
public final class MappedInputFile implements InputFile {

    private final String name;
    private final Arena arena;
    private final MemorySegment mapping;

    private MappedInputFile(String name, Arena arena, MemorySegment mapping) {
        this.name = name;
        this.arena = arena;
        this.mapping = mapping;
    }

    public static MappedInputFile open(Path path) {
        String name = path.toString();
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            MemorySegment mapping = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            return new MappedInputFile(name, arena, mapping);
        } catch (IOException e) {
            arena.close();
            throw new ParquetIOException("cannot map file: " + e, SourceLocation.ofFile(name), e);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long length() {
        return mapping.byteSize();
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
