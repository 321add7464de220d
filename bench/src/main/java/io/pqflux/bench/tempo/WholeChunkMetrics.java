package io.pqflux.bench.tempo;

import io.pqflux.tempo.TempoFormat;
import io.pqflux.tempo.query.MetricsRequest;
import io.pqflux.tempo.query.MetricsResponse;
import io.pqflux.tempo.query.SearchResponse;
import io.pqflux.tempo.query.internal.metrics.MetricsAccumulator;
import io.pqflux.tempo.query.internal.metrics.MetricsQuery;
import io.pqflux.tempo.query.internal.metrics.PartialMetrics;
import io.pqflux.tempo.query.internal.metrics.TimeGrid;

/**
 * The query-range baseline: a TraceQL metrics query as Tempo reads a block, whole column chunks ({@link WholeChunkRead})
 * of the columns the engine reads for each of its metrics pipelines
 * ({@link io.pqflux.tempo.query.internal.metrics.PipelineMetrics#fields}), every trace (no time condition, no pruning)
 * observed by the engine's own accumulators, so the answers are the engine's by construction and the two variants
 * differ only in what they read.
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
        TempoFormat format = read.meta().tempoFormat();
        PartialMetrics partial = query.partial(grid, exemplars, format);
        long requests = 0, bytes = 0, traces = 0, spans = 0;
        // each metrics pipeline of the query reads the block for itself, as the engine's block reads do
        for (int i = 0; i < query.pipelines().size(); i++) {
            MetricsAccumulator accumulator = partial.accumulators().get(i);
            WholeChunkRead.Reads reads = read.read(query.pipelines().get(i).fields(query.exemplarsPerPipeline(exemplars),
                    format), accumulator::observe);
            requests += reads.requests();
            bytes += reads.bytes();
            traces += accumulator.traces();
            spans += accumulator.spans();
        }
        MetricsResponse response = query.finish(partial, grid, exemplars,
                new SearchResponse.Metrics(traces, bytes, spans, 1, 1, 0));
        return new Result(response, requests, bytes);
    }
}
