package io.pqflux.reader;

/**
 * What the reads of a {@link ParquetReader} skipped and what they read, summed over every
 * {@link ParquetReader#readRowGroup} call (and so every row a {@link RowCursor} went through).
 *
 * @param rowGroups                    row groups asked for
 * @param rowGroupsSkippedByRowRange   of those, outside the requested rows ({@link ReadOptions#withFirstRow})
 * @param rowGroupsSkippedByStatistics ruled out by column chunk statistics
 * @param rowGroupsSkippedByDictionary ruled out by dictionary pages
 * @param rowGroupsSkippedByBloomFilter ruled out by bloom filters
 * @param rowGroupsSkippedByPageIndex  ruled out page by page by the column indexes
 * @param pages                        data pages of the column chunks of the row groups that were read (the
 *                                     projected columns and those the filter reads)
 * @param pagesRead                    of those, decoded
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
