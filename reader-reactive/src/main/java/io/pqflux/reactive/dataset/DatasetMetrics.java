package io.pqflux.reactive.dataset;

import io.pqflux.reader.ReadMetrics;

/**
 * What one scan of a {@link Dataset} skipped and read, from partitions down to pages.
 *
 * @param files                    data files listed
 * @param filesSkippedByPartition  ruled out by their partition values alone
 * @param filesSkippedByIndex      ruled out by the dataset index, footer never read
 * @param filesSkippedByStatistics ruled out by their footer's statistics (cached, or read just now), or by lacking
 *                                 the columns the predicate needs
 * @param filesOpened              files opened: footer read (from storage or the cache) and, unless then skipped, scanned
 * @param footersParsed            footers read and parsed during the scan (the footer cache's misses)
 * @param reads                    what the files' readers skipped and read: row groups, pages, bytes, rows; summed
 * @param requests                 requests sent to object storage for the files (HEAD and GET, retries included; the
 *                                 listing is not counted); 0 locally
 * @param filesIgnored             files listed but not data by their names ({@link Dataset#withEveryFile}): hidden
 *                                 ones such as {@code _SUCCESS} and {@code .crc} files, others not ending in .parquet
 */
public record DatasetMetrics(long files, long filesSkippedByPartition, long filesSkippedByIndex,
                             long filesSkippedByStatistics, long filesOpened, long footersParsed, ReadMetrics reads,
                             long requests, long filesIgnored) {

    public long filesSkipped() {
        return filesSkippedByPartition + filesSkippedByIndex + filesSkippedByStatistics;
    }
}
