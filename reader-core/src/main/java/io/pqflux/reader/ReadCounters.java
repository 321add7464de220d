package io.pqflux.reader;

/** The running totals behind {@link ReadMetrics}; one per reader, updated as row groups are read, from any thread. */
final class ReadCounters {

    /** Why a row group was not read. */
    enum Skip { ROW_RANGE, STATISTICS, DICTIONARY, BLOOM_FILTER, PAGE_INDEX }

    private long rowGroups;
    private final long[] skipped = new long[Skip.values().length];
    private long pages;
    private long pagesRead;
    private long chunkBytes;
    private long chunkBytesRead;
    private long indexBytesRead;
    private long rows;
    private long rowsScanned;
    private long rowsMatched;

    synchronized void rowGroup(long rowCount) {
        rowGroups++;
        rows += rowCount;
    }

    synchronized void skipped(Skip reason) {
        skipped[reason.ordinal()]++;
    }

    /** A needed column chunk of a row group: its bytes count as skipped unless read. */
    synchronized void chunk(long compressedBytes) {
        chunkBytes += compressedBytes;
    }

    synchronized void chunkBytesRead(long bytes) {
        chunkBytesRead += bytes;
    }

    /** Bloom filters and page indexes, which lie outside the column chunks. */
    synchronized void indexBytesRead(long bytes) {
        indexBytesRead += bytes;
    }

    synchronized void pages(long total, long read) {
        pages += total;
        pagesRead += read;
    }

    synchronized void rowsScanned(long scanned, long matched) {
        rowsScanned += scanned;
        rowsMatched += matched;
    }

    synchronized ReadMetrics snapshot() {
        return new ReadMetrics(rowGroups, skipped[Skip.ROW_RANGE.ordinal()], skipped[Skip.STATISTICS.ordinal()],
                skipped[Skip.DICTIONARY.ordinal()], skipped[Skip.BLOOM_FILTER.ordinal()], skipped[Skip.PAGE_INDEX.ordinal()],
                pages, pagesRead, chunkBytesRead + indexBytesRead, Math.max(0, chunkBytes - chunkBytesRead), rows,
                rowsScanned, rowsMatched);
    }
}
