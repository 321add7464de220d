package io.pqflux.io;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.Optional;

/**
 * A view of a file that someone else owns: everything is forwarded except {@link #close()}, which leaves the file
 * open. For lending an open file to a second reader (a footer's reader, then a lookup's) that closes what it is
 * given. Subclasses may observe reads (counting them for a report) and must forward them.
 */
public class BorrowedInputFile implements InputFile {

    private final InputFile file;
    /** What closing this view does: nothing for a plain loan, giving back its share of a {@link SharedInputFile}. */
    private final Runnable release;

    public BorrowedInputFile(InputFile file) {
        this(file, () -> { });
    }

    BorrowedInputFile(InputFile file, Runnable release) {
        this.file = Objects.requireNonNull(file, "file");
        this.release = release;
    }

    @Override
    public final String name() {
        return file.name();
    }

    @Override
    public final long length() {
        return file.length();
    }

    @Override
    public final FileIdentity identity() {
        return file.identity();
    }

    @Override
    public MemorySegment read(long offset, long length, Arena arena) {
        return file.read(offset, length, arena);
    }

    @Override
    public final boolean readsInPlace() {
        return file.readsInPlace();
    }

    @Override
    public final <T> Optional<T> feature(Class<T> type) {
        return file.feature(type);
    }

    /** Leaves the borrowed file open: its owner closes it (a shared file's view gives back its share). */
    @Override
    public final void close() {
        release.run();
    }
}
