package io.pqflux.internal.decode;

import io.pqflux.error.CorruptFileException;
import io.pqflux.filter.RowRanges;
import io.pqflux.internal.codec.simd.LevelKernels;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * The rows a column chunk decoder keeps of the pages it is given, and, page by page, the runs of entries that
 * belong to kept and to skipped rows. Rows are counted from the first row of those pages. A flat column has one
 * entry per row; in a nested column a row starts at each entry of repetition level 0, spans the entries up to
 * the next such one, and may continue into the next page. Not thread-safe.
 */
final class RowSelection {

    private final LevelKernels kernels;
    /** {@code start0, end0, start1, end1, ...}, sorted and disjoint; null keeps every row. */
    private final long[] intervals;
    /** The first interval ending after the rows planned so far: rows only move forward, and so does this. */
    private int interval;
    /** Rows begun in the pages planned so far. */
    private long rows;

    /** The last page's runs: entry counts, adjacent runs differing in whether they are kept. */
    private int[] runLengths = new int[8];
    private boolean[] runKept = new boolean[8];
    private int runCount;

    /** Entries whose row starts {@link #entryOf} counts at a time with the level kernel. */
    private static final int SCAN_BLOCK = 256;

    /**
     * The current nested page's repetition levels, and how far {@link #entryOf} has counted row starts in them: the
     * walk asks for the entries of a few interval boundaries in increasing order, so row starts are counted only up
     * to the last boundary, in vector blocks, never listed.
     */
    private boolean nestedPage;
    private MemorySegment pageLevels;
    private long pageLevelsOffset;
    private int pageEntries;
    private int scannedEntries;
    private int startsBeforeScanned;

    private RowSelection(long[] intervals, LevelKernels kernels) {
        this.intervals = intervals;
        this.kernels = kernels;
    }

    static RowSelection everyRow(LevelKernels kernels) {
        return new RowSelection(null, kernels);
    }

    static RowSelection of(RowRanges keep, LevelKernels kernels) {
        return new RowSelection(keep.toIntervals(), kernels);
    }

    /** Rows the planned pages hold: begun in them, the last perhaps continuing into the next page. */
    long rowCount() {
        return rows;
    }

    int runCount() {
        return runCount;
    }

    int runLength(int run) {
        return runLengths[run];
    }

    boolean runKept(int run) {
        return runKept[run];
    }

    /**
     * Splits the next page's {@code entries} into runs of kept and skipped entries.
     *
     * @param repetitionLevels the page's repetition levels from {@code offset} on, or null for a flat column
     * @throws CorruptFileException when rows are selected and the first page does not start with a record: the
     *                              entries before it would belong to no row
     */
    void plan(int entries, MemorySegment repetitionLevels, long offset) {
        runCount = 0;
        if (entries == 0) return;
        if (repetitionLevels == null) {
            nestedPage = false;
            if (intervals == null) append(true, entries);
            else walk(rows, rows + entries - 1, entries);
            rows += entries;
            return;
        }
        int starts = kernels.countEqual(repetitionLevels, offset, entries, 0);
        if (intervals == null) {
            append(true, entries);
            rows += starts;
            return;
        }
        int firstLevel = repetitionLevels.get(ValueLayout.JAVA_BYTE, offset) & 0xFF;
        long firstRow = firstLevel == 0 ? rows : rows - 1;
        if (firstRow < 0) {
            throw new CorruptFileException("levels start with repetition level " + firstLevel + ", not with a record");
        }
        long lastRow = rows + starts - 1;
        if (sameFate(firstRow, lastRow)) {
            append(kept(firstRow), entries);
        } else {
            startRowScan(repetitionLevels, offset, entries);
            walk(firstRow, lastRow, entries);
            pageLevels = null;
        }
        rows += starts;
    }

    /** Runs for rows {@code firstRow .. lastRow}, the rows of the page's entries. */
    private void walk(long firstRow, long lastRow, int entries) {
        long row = firstRow;
        int entry = 0;
        while (row <= lastRow) {
            boolean keep = kept(row);
            // the first row whose fate differs: the end of the interval kept, or the start of the next one
            long until = keep ? intervals[2 * interval + 1]
                    : interval < intervals.length / 2 ? intervals[2 * interval] : Long.MAX_VALUE;
            int stop = until > lastRow ? entries : entryOf(until);
            append(keep, stop - entry);
            entry = stop;
            row = until;
        }
    }

    /** Whether {@code row} is kept; moves the interval cursor to the first interval ending after it. */
    private boolean kept(long row) {
        int intervalCount = intervals.length / 2;
        while (interval < intervalCount && intervals[2 * interval + 1] <= row) interval++;
        return interval < intervalCount && intervals[2 * interval] <= row;
    }

    /** True when rows {@code first .. last} are all kept or all skipped: the page is one run. */
    private boolean sameFate(long first, long last) {
        if (kept(first)) return intervals[2 * interval + 1] > last;
        return interval == intervals.length / 2 || intervals[2 * interval] > last;
    }

    /** The page entry where {@code row}, a row begun in this page, starts; rows are asked for in increasing order. */
    private int entryOf(long row) {
        int start = (int) (row - rows);
        if (!nestedPage) return start;
        while (scannedEntries + SCAN_BLOCK <= pageEntries) {
            int inBlock = kernels.countEqual(pageLevels, pageLevelsOffset + scannedEntries, SCAN_BLOCK, 0);
            if (startsBeforeScanned + inBlock > start) break;
            startsBeforeScanned += inBlock;
            scannedEntries += SCAN_BLOCK;
        }
        for (int e = scannedEntries; e < pageEntries; e++) {
            if (pageLevels.get(ValueLayout.JAVA_BYTE, pageLevelsOffset + e) != 0) continue;
            if (startsBeforeScanned == start) {
                scannedEntries = e;
                return e;
            }
            startsBeforeScanned++;
        }
        // plan() counted the page's row starts and asks only for rows begun in it
        throw new IllegalStateException("row " + row + " does not start in this page");
    }

    private void startRowScan(MemorySegment repetitionLevels, long offset, int entries) {
        nestedPage = true;
        pageLevels = repetitionLevels;
        pageLevelsOffset = offset;
        pageEntries = entries;
        scannedEntries = 0;
        startsBeforeScanned = 0;
    }

    private void append(boolean keep, int length) {
        if (length == 0) return;
        if (runCount > 0 && runKept[runCount - 1] == keep) {
            runLengths[runCount - 1] += length;
            return;
        }
        if (runCount == runLengths.length) {
            runLengths = Arrays.copyOf(runLengths, 2 * runCount);
            runKept = Arrays.copyOf(runKept, 2 * runCount);
        }
        runLengths[runCount] = length;
        runKept[runCount++] = keep;
    }
}
