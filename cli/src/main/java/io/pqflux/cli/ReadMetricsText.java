package io.pqflux.cli;

import io.pqflux.reader.ReadMetrics;

/** {@code cat --stats}: what a read skipped and read, four lines for stderr. */
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
}
