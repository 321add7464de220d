package io.pqflux.reactive.internal.dataset;

import io.pqflux.reactive.dataset.DatasetMetrics;
import io.pqflux.reader.ReadMetrics;
import java.util.concurrent.atomic.AtomicLong;

/** The counters of one dataset scan, updated from any thread. */
public final class ScanCounters {

    private final AtomicLong files = new AtomicLong();
    private final AtomicLong skippedByPartition = new AtomicLong();
    private final AtomicLong skippedByIndex = new AtomicLong();
    private final AtomicLong skippedByStatistics = new AtomicLong();
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong footersParsed = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private ReadMetrics reads = ReadMetrics.NONE;

    public void listed(long count, long ignoredByName) {
        files.addAndGet(count);
        ignored.addAndGet(ignoredByName);
    }

    public void skippedByPartition() {
        skippedByPartition.incrementAndGet();
    }

    public void skippedByIndex() {
        skippedByIndex.incrementAndGet();
    }

    public void skippedByStatistics() {
        skippedByStatistics.incrementAndGet();
    }

    public void opened() {
        opened.incrementAndGet();
    }

    public void footerParsed() {
        footersParsed.incrementAndGet();
    }

    public void requests(long count) {
        requests.addAndGet(count);
    }

    /** Adds one file's read metrics. */
    public synchronized void read(ReadMetrics metrics) {
        reads = reads.plus(metrics);
    }

    public synchronized DatasetMetrics snapshot() {
        return new DatasetMetrics(files.get(), skippedByPartition.get(), skippedByIndex.get(),
                skippedByStatistics.get(), opened.get(), footersParsed.get(), reads, requests.get(), ignored.get());
    }
}
