package io.pqflux.tempo.query;

import java.util.List;

/**
 * A whole search's answer, in the shape of Tempo's {@code SearchResponse}: the matched traces, most recent first,
 * and what the search looked at.
 */
public record SearchResponse(List<TraceSearchResult> traces, Metrics metrics) {

    public SearchResponse {
        traces = List.copyOf(traces);
    }

    /**
     * @param inspectedTraces traces the query was evaluated on
     * @param inspectedBytes  bytes read from the blocks' {@code data.parquet} files (footers, indexes and pages)
     * @param inspectedSpans  spans the query was evaluated on
     * @param totalBlocks     blocks in the time range
     * @param completedJobs   blocks searched to the end or until the limit was met
     * @param totalBlockBytes the size of the blocks in the time range, from their metas
     */
    public record Metrics(long inspectedTraces, long inspectedBytes, long inspectedSpans, int totalBlocks,
                          int completedJobs, long totalBlockBytes) {
    }
}
