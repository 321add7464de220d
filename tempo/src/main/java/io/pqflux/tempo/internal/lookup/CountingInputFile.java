package io.pqflux.tempo.internal.lookup;

import io.pqflux.io.FileIdentity;
import io.pqflux.io.InputFile;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A view of a file that counts the requests made through it and their bytes, for the per-lookup report. It does not
 * own the file: closing the view leaves the file open, so that the lookup's two readers (trace-ID search, then the
 * row's pages) share one open file that the lookup closes once. (Public for the bench module's whole-chunk baseline.)
 */
public final class CountingInputFile implements InputFile {

    private final InputFile file;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    public CountingInputFile(InputFile file) {
        this.file = file;
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
    public FileIdentity identity() {
        return file.identity();
    }

    @Override
    public MemorySegment read(long offset, long length, Arena arena) {
        requests.incrementAndGet();
        bytes.addAndGet(length);
        return file.read(offset, length, arena);
    }

    public long requests() {
        return requests.get();
    }

    public long bytes() {
        return bytes.get();
    }

    @Override
    public void close() {
        // the lookup owns the file
    }
}
