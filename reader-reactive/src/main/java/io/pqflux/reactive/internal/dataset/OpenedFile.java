package io.pqflux.reactive.internal.dataset;

import io.pqflux.io.InputFile;

/**
 * A file opened for its footer, handed over to the scan that reads it: whichever comes last of the opening task and
 * the end of the file's scan owns it, so it is closed exactly once whether the scan took it, ended before it was
 * opened, or ended before it was taken.
 */
public final class OpenedFile {

    private InputFile file;
    private boolean taken;
    private boolean ended;
    private boolean counted;

    /** Keeps {@code opened} for the scan; false (and the caller closes it) when the scan has already ended. */
    public synchronized boolean keep(InputFile opened) {
        if (ended) return false;
        file = opened;
        return true;
    }

    /** The scan takes the file, once; it owns (and closes) it from then on. */
    public synchronized InputFile take() {
        if (taken || ended || file == null) {
            throw new IllegalStateException(ended ? "the scan of the file has ended" : "the file was not opened");
        }
        taken = true;
        return file;
    }

    /** The file kept, the first time this is asked once it was kept (for its request counters); else null. */
    public synchronized InputFile countOnce() {
        if (counted || file == null) return null;
        counted = true;
        return file;
    }

    /** The file's scan has ended: closes the file unless the scan took it (and then closed it). */
    public void end() {
        InputFile unclaimed;
        synchronized (this) {
            ended = true;
            unclaimed = taken ? null : file;
        }
        if (unclaimed != null) unclaimed.close();
    }
}
