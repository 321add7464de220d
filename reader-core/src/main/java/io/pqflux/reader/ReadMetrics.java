package io.pqflux.reader;

/**
 * What the reads of a {@link ParquetReader} skipped and what they read, summed over every
 * {@link ParquetReader#readRowGroup} call (and so every row a {@link RowCursor} went through).
 *
 * @param rowGroups                    row groups asked for
 * @param rowGroupsSkippedByRowRange   of those, outside the requested rows ({@link ReadOptions#withFirstRow}, {@link ReadOptions#withRows})
 * @param rowGroupsSkippedByStatistics ruled out by column chunk statistics
 * @param rowGroupsSkippedByDictionary ruled out by dictionary pages
 * @param rowGroupsSkippedByBloomFilter ruled out by bloom filters
 * @param rowGroupsSkippedByPageIndex  ruled out page by page by the column indexes
 * @param pages                        data pages of the column chunks of the row groups that were read (the
 *                                     projected columns and those the filter reads), each chunk's once per plan
 * @param pagesRead                    of those, decoded: each page once per plan, however many of the plan's slices
 *                                     ({@link RowGroupPlan#slice}) decode it
 * @param bytesRead                    bytes fetched from the file for data, dictionaries, bloom filters, page indexes
 * @param bytesSkipped                 bytes of the needed column chunks that were never fetched
 * @param rows                         rows of the row groups asked for
 * @param rowsScanned                  rows decoded into batches
 * @param rowsMatched                  rows that passed the filter (all scanned rows without a filter)
 */
public record ReadMetrics(long rowGroups, long rowGroupsSkippedByRowRange, long rowGroupsSkippedByStatistics,
                          long rowGroupsSkippedByDictionary, long rowGroupsSkippedByBloomFilter,
                          long rowGroupsSkippedByPageIndex, long pages, long pagesRead, long bytesRead,
                          long bytesSkipped, long rows, long rowsScanned, long rowsMatched) {

    /** Nothing read or skipped yet. */
    public static final ReadMetrics NONE = new ReadMetrics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** These metrics and {@code other}'s summed, e.g. over the files of a dataset. */
    public ReadMetrics plus(ReadMetrics other) {
        return new ReadMetrics(rowGroups + other.rowGroups, rowGroupsSkippedByRowRange + other.rowGroupsSkippedByRowRange,
                rowGroupsSkippedByStatistics + other.rowGroupsSkippedByStatistics,
                rowGroupsSkippedByDictionary + other.rowGroupsSkippedByDictionary,
                rowGroupsSkippedByBloomFilter + other.rowGroupsSkippedByBloomFilter,
                rowGroupsSkippedByPageIndex + other.rowGroupsSkippedByPageIndex, pages + other.pages,
                pagesRead + other.pagesRead, bytesRead + other.bytesRead, bytesSkipped + other.bytesSkipped,
                rows + other.rows, rowsScanned + other.rowsScanned, rowsMatched + other.rowsMatched);
    }

    public long rowGroupsSkipped() {
        return rowGroupsSkippedByRowRange + rowGroupsSkippedByStatistics + rowGroupsSkippedByDictionary
                + rowGroupsSkippedByBloomFilter + rowGroupsSkippedByPageIndex;
    }

    public long rowGroupsRead() {
        return rowGroups - rowGroupsSkipped();
    }

    public long pagesSkipped() {
        return pages - pagesRead;
    }
}
