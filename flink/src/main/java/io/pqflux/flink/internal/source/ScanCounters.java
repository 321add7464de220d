package io.pqflux.flink.internal.source;

import io.pqflux.reactive.ScanMetrics;
import io.pqflux.reader.ReadMetrics;
import java.util.function.Consumer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;

/**
 * pqflux's scan metrics as Flink counters of a reader's metric group: each finished scan of a split adds what it did.
 * Thread-safe counters, since scans end on Reactor's threads.
 */
public final class ScanCounters implements Consumer<ScanMetrics> {

    public static final String REQUESTS = "pqfluxRequests";
    public static final String RETRIES = "pqfluxRetries";
    public static final String BYTES_FETCHED = "pqfluxBytesFetched";
    public static final String BYTES_READ = "pqfluxBytesRead";
    public static final String ROW_GROUPS_READ = "pqfluxRowGroupsRead";
    public static final String ROW_GROUPS_SKIPPED = "pqfluxRowGroupsSkipped";
    public static final String PAGES_READ = "pqfluxPagesRead";

    private final Counter requests;
    private final Counter retries;
    private final Counter bytesFetched;
    private final Counter bytesRead;
    private final Counter rowGroupsRead;
    private final Counter rowGroupsSkipped;
    private final Counter pagesRead;

    public ScanCounters(MetricGroup group) {
        requests = group.counter(REQUESTS, new ThreadSafeSimpleCounter());
        retries = group.counter(RETRIES, new ThreadSafeSimpleCounter());
        bytesFetched = group.counter(BYTES_FETCHED, new ThreadSafeSimpleCounter());
        bytesRead = group.counter(BYTES_READ, new ThreadSafeSimpleCounter());
        rowGroupsRead = group.counter(ROW_GROUPS_READ, new ThreadSafeSimpleCounter());
        rowGroupsSkipped = group.counter(ROW_GROUPS_SKIPPED, new ThreadSafeSimpleCounter());
        pagesRead = group.counter(PAGES_READ, new ThreadSafeSimpleCounter());
    }

    /**
     * Row groups outside the split's rows are not counted as skipped: they are other splits'. Skipped are those the
     * filter ruled out by statistics, dictionaries, bloom filters or page indexes.
     */
    @Override
    public void accept(ScanMetrics scan) {
        ReadMetrics read = scan.read();
        long skipped = read.rowGroupsSkippedByStatistics() + read.rowGroupsSkippedByDictionary()
                + read.rowGroupsSkippedByBloomFilter() + read.rowGroupsSkippedByPageIndex();
        requests.inc(scan.requests());
        retries.inc(scan.retries());
        bytesFetched.inc(scan.bytesFetched());
        bytesRead.inc(read.bytesRead());
        rowGroupsRead.inc(read.rowGroups() - read.rowGroupsSkippedByRowRange() - skipped);
        rowGroupsSkipped.inc(skipped);
        pagesRead.inc(read.pagesRead());
    }
}
