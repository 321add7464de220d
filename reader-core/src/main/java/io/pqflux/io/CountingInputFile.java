package io.pqflux.io;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A borrowed view of a file that counts the reads made through it and their bytes, for reports of what a lookup read
 * (two readers in turn may share one open file through it, which its owner closes once).
 */
public final class CountingInputFile extends BorrowedInputFile {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    public CountingInputFile(InputFile file) {
        super(file);
    }

    @Override
    public MemorySegment read(long offset, long length, Arena arena) {
        requests.incrementAndGet();
        bytes.addAndGet(length);
        return super.read(offset, length, arena);
    }

    public long requests() {
        return requests.get();
    }

    public long bytes() {
        return bytes.get();
    }
}
