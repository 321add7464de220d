package io.pqflux.bench.tempo;

import io.pqflux.tempo.query.MetricsRequest;
import io.pqflux.tempo.query.MetricsResponse;
import io.pqflux.tempo.query.SearchResponse;
import io.pqflux.tempo.query.internal.metrics.MetricsAccumulator;
import io.pqflux.tempo.query.internal.metrics.MetricsQuery;
import io.pqflux.tempo.query.internal.metrics.TimeGrid;

/**
 * The query-range baseline: a TraceQL metrics query as Tempo reads a block, whole column chunks ({@link WholeChunkRead})
 * of the columns the engine reads for it ({@link MetricsQuery#fields}), every trace
 * (no time condition, no pruning) observed by the engine's own accumulator, so the answers are the engine's by
 * construction and the two variants differ only in what they read.
 */
public final class WholeChunkMetrics {

    /** What one query answered and read of {@code data.parquet}. */
    public record Result(MetricsResponse response, long requests, long bytesRead) {
    }

    private final WholeChunkRead read;

    public WholeChunkMetrics(WholeChunkRead read) {
        this.read = read;
    }

    public Result queryRange(MetricsRequest request) {
        MetricsQuery query = MetricsQuery.compile(request.query());
        TimeGrid grid = MetricsQuery.grid(request);
        int exemplars = query.exemplars(request.exemplars());
        MetricsAccumulator accumulator = query.accumulator(grid, exemplars, read.meta().tempoFormat());
        WholeChunkRead.Reads reads = read.read(query.fields(exemplars, read.meta().tempoFormat()), accumulator::observe);
        MetricsResponse response = query.finish(accumulator, grid, exemplars,
                new SearchResponse.Metrics(accumulator.traces(), reads.bytes(), accumulator.spans(), 1, 1, 0));
        return new Result(response, reads.requests(), reads.bytes());
    }
}
