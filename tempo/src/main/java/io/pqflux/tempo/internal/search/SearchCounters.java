package io.pqflux.tempo.internal.search;

import io.pqflux.tempo.SearchResponse;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What a search has looked at so far, summed over the blocks it searches concurrently. */
public final class SearchCounters {

    private final AtomicLong traces = new AtomicLong();
    private final AtomicLong spans = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger completedBlocks = new AtomicInteger();

    public void trace(long spanCount) {
        traces.incrementAndGet();
        spans.addAndGet(spanCount);
    }

    public void bytesRead(long count) {
        bytes.addAndGet(count);
    }

    public void blockCompleted() {
        completedBlocks.incrementAndGet();
    }

    public SearchResponse.Metrics metrics(int totalBlocks, long totalBlockBytes) {
        return new SearchResponse.Metrics(traces.get(), bytes.get(), spans.get(), totalBlocks, completedBlocks.get(),
                totalBlockBytes);
    }
}
