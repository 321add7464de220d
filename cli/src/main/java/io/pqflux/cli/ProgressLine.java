package io.pqflux.cli;

import java.util.Locale;

/**
 * The text of a progress line, a pure function of the counters and the time since the start, e.g.
 * {@code [####........]  35%  12.3 MiB  4.1 MiB/s  1,234,567 rows  ETA 0:06} (rows, traces or records, as the
 * command's summary counts them). Short enough for an 80-column terminal at the largest realistic counts: a longer
 * line would wrap, and the carriage return that redraws it reaches its last row only.
 */
final class ProgressLine {

    static final int BAR_WIDTH = 12;
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    private static final String SEPARATOR = "  ";
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Rate and ETA are left out during the first second, when they say more about start-up than about pace. */
    static final long PACE_AFTER_NANOS = NANOS_PER_SECOND;
    /**
     * Nor is the ETA shown before this much of the work is done: extrapolated from the first slice or file it is
     * start-up cost times a thousand (the first frames said {@code ETA 100:15:07}).
     */
    static final double ETA_AFTER_FRACTION = 0.01;
    /**
     * And not in the first seconds, when the start-up (opening files, the first footers, the JIT) still weighs on the
     * average pace: a 7-second scan's first ETA, at one second, said {@code 1:22}.
     */
    static final long ETA_AFTER_NANOS = 3 * NANOS_PER_SECOND;

    /**
     * What a command has done so far.
     *
     * @param bytes    bytes read
     * @param items    what it produced: rows, traces, records
     * @param fraction the part of the whole work done, in [0, 1], or NaN when the whole is unknown
     * @param unit     what one item is called ({@code row}, {@code trace}, {@code record}), as the command's summary
     *                 counts them
     */
    record Counters(long bytes, long items, double fraction, String unit) {

        /** Counted in rows. */
        Counters(long bytes, long rows, double fraction) {
            this(bytes, rows, fraction, "row");
        }
    }

    private ProgressLine() {
    }

    static String render(Counters counters, long elapsedNanos) {
        StringBuilder line = new StringBuilder();
        double fraction = counters.fraction();
        boolean known = !Double.isNaN(fraction);
        if (known) {
            fraction = Math.clamp(fraction, 0.0, 1.0);
            int filled = (int) Math.floor(fraction * BAR_WIDTH);
            line.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3d%%", (int) Math.floor(fraction * 100))).append(SEPARATOR);
        }
        boolean paced = elapsedNanos >= PACE_AFTER_NANOS;
        line.append(bytes(counters.bytes()));
        if (paced) {
            line.append(SEPARATOR).append(bytes((long) (counters.bytes() * (double) NANOS_PER_SECOND / elapsedNanos))).append("/s");
        }
        line.append(SEPARATOR).append(String.format(Locale.ROOT, "%,d", counters.items())).append(' ')
                .append(counters.unit()).append(counters.items() == 1 ? "" : "s");
        if (known && elapsedNanos >= ETA_AFTER_NANOS && fraction >= ETA_AFTER_FRACTION) line.append(SEPARATOR).append("ETA ").append(eta(fraction, elapsedNanos));
        return line.toString();
    }

    /** Binary units with one decimal ({@code 12.3 MiB}); plain bytes below 1 KiB. */
    static String bytes(long bytes) {
        if (bytes < 1024) return bytes + " B";
        int unit = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
        return String.format(Locale.ROOT, "%.1f %s", bytes / (double) (1L << (10 * unit)), UNITS[unit]);
    }

    /** The time left at the average pace so far: {@code elapsed · (1 − f) / f}; {@code ?} before anything is done. */
    static String eta(double fraction, long elapsedNanos) {
        if (fraction <= 0 || elapsedNanos <= 0) return "?";
        long seconds = (long) Math.ceil(elapsedNanos * (1 - fraction) / fraction / NANOS_PER_SECOND);
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
