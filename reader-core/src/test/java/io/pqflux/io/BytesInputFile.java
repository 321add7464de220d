package io.pqflux.io;

import io.pqflux.error.CorruptFileException;
import io.pqflux.error.SourceLocation;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** An in-memory {@link InputFile} for tests that fabricate or mutate file bytes. */
public final class BytesInputFile implements InputFile {

    private final String name;
    private final MemorySegment bytes;

    public BytesInputFile(String name, byte[] bytes) {
        this.name = name;
        this.bytes = MemorySegment.ofArray(bytes);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long length() {
        return bytes.byteSize();
    }

    @Override
    public MemorySegment read(long offset, long length, Arena arena) {
        if (offset < 0 || length < 0 || offset > bytes.byteSize() || length > bytes.byteSize() - offset) {
            throw new CorruptFileException("range outside the file", SourceLocation.ofFile(name).withOffset(offset));
        }
        return arena.allocate(length, 8).copyFrom(bytes.asSlice(offset, length));
    }

    @Override
    public void close() {
    }
}
