package io.pqflux.storage.http.internal;

import io.pqflux.storage.RequestMetrics;
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

    public RequestMetrics snapshot() {
        return new RequestMetrics(requests.sum(), retries.sum(), bytesFetched.sum());
    }
}
