package io.pqflux.tempo.query.internal.search;

import io.pqflux.tempo.query.SearchResponse;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a search has looked at so far, summed over the blocks it searches concurrently. Counted per trace by every
 * lane at once, so each count is a {@link LongAdder}: one shared atomic made the lanes pass its cache line between
 * their cores for every trace.
 */
public final class SearchCounters {

    private final LongAdder traces = new LongAdder();
    private final LongAdder spans = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder completedBlocks = new LongAdder();

    public void trace(long spanCount) {
        traces.increment();
        spans.add(spanCount);
    }

    public void bytesRead(long count) {
        bytes.add(count);
    }

    public void blockCompleted() {
        completedBlocks.increment();
    }

    public SearchResponse.Metrics metrics(int totalBlocks, long totalBlockBytes) {
        return new SearchResponse.Metrics(traces.sum(), bytes.sum(), spans.sum(), totalBlocks, completedBlocks.intValue(),
                totalBlockBytes);
    }
}
