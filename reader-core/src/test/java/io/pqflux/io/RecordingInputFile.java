package io.pqflux.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A file in memory that remembers every read asked of it, for tests that count requests and bytes. */
public final class RecordingInputFile implements InputFile {

    private final BytesInputFile file;
    private final List<long[]> reads = new ArrayList<>();

    public RecordingInputFile(String name, byte[] bytes) {
        file = new BytesInputFile(name, bytes);
    }

    public static RecordingInputFile of(Path path) {
        try {
            return new RecordingInputFile(path.toString(), Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reads so far, in order, each as {@code [start, end)}. */
    public synchronized List<long[]> reads() {
        return List.copyOf(reads);
    }

    /** Forgets the reads so far (e.g. those of opening the file). */
    public synchronized void clear() {
        reads.clear();
    }

    @Override
    public String name() {
        return file.name();
    }

    @Override
    public long length() {
        return file.length();
    }

    @Override
    public MemorySegment read(long offset, long length, Arena arena) {
        synchronized (this) {
            reads.add(new long[] {offset, offset + length});
        }
        return file.read(offset, length, arena);
    }

    @Override
    public void close() {
    }
}
