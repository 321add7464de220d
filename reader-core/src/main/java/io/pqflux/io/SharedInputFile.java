package io.pqflux.io;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An open file read by several readers, each through a view of its own ({@link #view()}): the file is closed once its
 * owner ({@link #close()}) and every view have let go, whichever comes last. So the passes of one read (a search's
 * condition columns, then the pages of its matches) open, map and unmap a file once, and a view still decoding when the
 * owner is done (a cancelled pipeline closes its resources in any order) never sees the file closed under it.
 */
public final class SharedInputFile implements AutoCloseable {

    private final InputFile file;
    /** The owner and the open views. */
    private final AtomicInteger holders = new AtomicInteger(1);
    private final AtomicBoolean ownerReleased = new AtomicBoolean();

    private SharedInputFile(InputFile file) {
        this.file = file;
    }

    /** Takes ownership of {@code file}. */
    public static SharedInputFile of(InputFile file) {
        return new SharedInputFile(file);
    }

    /** The file, for reads by the owner itself (the footer); valid until the owner closes. */
    public InputFile file() {
        return file;
    }

    /**
     * A view of the file that holds it open until the view is closed (closing twice releases once).
     *
     * @throws IllegalStateException when the file is already closed
     */
    public InputFile view() {
        for (int n = holders.get(); ; n = holders.get()) {
            if (n == 0) throw new IllegalStateException(file.name() + " is closed: no view can be taken");
            if (holders.compareAndSet(n, n + 1)) break;
        }
        AtomicBoolean released = new AtomicBoolean();
        return new BorrowedInputFile(file, () -> {
            if (released.compareAndSet(false, true)) release();
        });
    }

    /** The owner lets go; the file closes now unless views are still open. */
    @Override
    public void close() {
        if (ownerReleased.compareAndSet(false, true)) release();
    }

    private void release() {
        if (holders.decrementAndGet() == 0) file.close();
    }
}
