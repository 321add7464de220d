package io.pqflux.cli;

import java.io.PrintWriter;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A progress line on stderr, redrawn in place (carriage return, no terminal escapes) at most every
 * {@link #INTERVAL_NANOS}, and blanked by {@link #close()} so that nothing is left of it. Single-threaded: the
 * command's own thread updates it between units of work.
 */
final class ProgressBar implements AutoCloseable {

    /** 10 redraws a second: smooth enough to read, cheap enough for any terminal. */
    static final long INTERVAL_NANOS = 100_000_000L;

    private static final ProgressBar NONE = new ProgressBar(null, () -> 0);

    private final PrintWriter err;
    private final LongSupplier clock;
    private final long start;
    private long lastDraw;
    private int drawnLength;

    private ProgressBar(PrintWriter err, LongSupplier clock) {
        this.err = err;
        this.clock = clock;
        this.start = clock.getAsLong();
        // the first update draws at once
        this.lastDraw = start - INTERVAL_NANOS;
    }

    /** @param clock nanoseconds, as {@link System#nanoTime()} */
    static ProgressBar on(PrintWriter err, LongSupplier clock) {
        return new ProgressBar(err, clock);
    }

    /** A progress bar that draws nothing (progress off, or stderr not a terminal). */
    static ProgressBar none() {
        return NONE;
    }

    /** Whether this bar draws at all: commands skip the work of counting for one that does not. */
    boolean isShown() {
        return err != null;
    }

    /** Redraws with the counters {@code now} gives when the last drawing is old enough; else does not call it. */
    void update(Supplier<ProgressLine.Counters> now) {
        if (err == null) return;
        long time = clock.getAsLong();
        if (time - lastDraw < INTERVAL_NANOS) return;
        lastDraw = time;
        String line = ProgressLine.render(now.get(), time - start);
        // blanks cover what is left of a longer previous line
        err.print("\r" + line + " ".repeat(Math.max(0, drawnLength - line.length())));
        err.flush();
        drawnLength = Math.max(drawnLength, line.length());
    }

    @Override
    public void close() {
        if (err == null || drawnLength == 0) return;
        err.print("\r" + " ".repeat(drawnLength) + "\r");
        err.flush();
        drawnLength = 0;
    }
}
