package io.pqflux.cli;

import io.pqflux.reactive.dataset.DatasetMetrics;
import io.pqflux.storage.RequestMetrics;
import io.pqflux.reader.ReadMetrics;

/** {@code --stats}: what a read skipped and read, and the requests it sent, lines for stderr. */
final class ReadMetricsText {

    private ReadMetricsText() {
    }

    static String render(ReadMetrics m) {
        return "row groups: " + m.rowGroups() + ", read " + m.rowGroupsRead() + ", skipped " + m.rowGroupsSkipped()
                + " (statistics " + m.rowGroupsSkippedByStatistics() + ", dictionary " + m.rowGroupsSkippedByDictionary()
                + ", bloom filter " + m.rowGroupsSkippedByBloomFilter() + ", page index " + m.rowGroupsSkippedByPageIndex()
                + ", row range " + m.rowGroupsSkippedByRowRange() + ")\n"
                + "pages: " + m.pages() + " in the row groups read, read " + m.pagesRead() + ", skipped " + m.pagesSkipped() + "\n"
                + "bytes: read " + m.bytesRead() + ", skipped " + m.bytesSkipped() + "\n"
                + "rows: " + m.rows() + ", scanned " + m.rowsScanned() + ", matched " + m.rowsMatched() + "\n";
    }

    /** A dataset scan: files listed, skipped by each reason and opened, then what the files' readers read. */
    static String render(DatasetMetrics m, boolean objectStorage) {
        return "files: " + m.files() + " (" + m.filesIgnored() + " other files ignored by name), skipped "
                + m.filesSkipped() + " (partition " + m.filesSkippedByPartition()
                + ", index " + m.filesSkippedByIndex() + ", statistics " + m.filesSkippedByStatistics() + "), opened "
                + m.filesOpened() + ", footers parsed " + m.footersParsed() + "\n"
                + render(m.reads())
                + (objectStorage ? "requests: " + m.requests() + " (files; the listing not counted)\n" : "requests: none (local files)\n");
    }

    /** The requests to object storage; {@code null} metrics stand for a local file, which is read without any. */
    static String requests(RequestMetrics m) {
        if (m == null) return "requests: none (local file)\n";
        return "requests: " + m.requests() + " (retries " + m.retries() + "), bytes fetched " + m.bytesFetched() + "\n";
    }
}
