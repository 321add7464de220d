package io.pqflux.reactive.internal.s3;

import io.pqflux.reactive.s3.S3Metrics;
import java.util.concurrent.atomic.LongAdder;

/** Counts one object's requests, retries and fetched bytes; updated from event loops, read as snapshots. */
public final class RequestCounters {

    private final LongAdder requests = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder bytesFetched = new LongAdder();

    void attempt(boolean retry) {
        requests.increment();
        if (retry) retries.increment();
    }

    void fetched(long bytes) {
        bytesFetched.add(bytes);
    }

    public S3Metrics snapshot() {
        return new S3Metrics(requests.sum(), retries.sum(), bytesFetched.sum());
    }
}
