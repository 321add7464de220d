package io.pqflux.tempo.query.internal.metrics;

import io.pqflux.schema.MessageSchema;
import io.pqflux.tempo.TempoFormat;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.TraceReadOptions;
import io.pqflux.tempo.columns.BlockColumns;
import io.pqflux.tempo.internal.assembly.EvaluationFields;
import io.pqflux.tempo.internal.assembly.TraceMapper;
import io.pqflux.tempo.query.internal.search.BlockSearch;
import io.pqflux.tempo.query.internal.search.CandidateRows;
import io.pqflux.tempo.query.internal.search.SearchCounters;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A metrics query's partial result over one block. */
public final class BlockMetrics {

    private BlockMetrics() {
    }

    /**
     * The partial result of {@code query} over {@code block}: for each of its metrics pipelines in turn (as Tempo runs
     * one evaluator per sub-query over a block), the traces overlapping the grid's range that the pipeline can match
     * (row groups and pages pruned by it), read with only the columns it reads ({@link PipelineMetrics#fields}); each
     * batch's traces observed where they are assembled, on the decode workers, into an accumulator of its own, merged
     * in file order; what it reads counted into {@code counters}.
     */
    public static Mono<PartialMetrics> of(BlockColumns block, MetricsQuery query, TimeGrid grid, int exemplars,
                                          SearchCounters counters) {
        return Flux.fromIterable(query.pipelines())
                .concatMap(pipeline -> of(block, pipeline, grid, query.exemplarsPerPipeline(exemplars), counters))
                .collectList()
                .map(PartialMetrics::new)
                .doOnSuccess(merged -> counters.blockCompleted());
    }

    private static Mono<MetricsAccumulator> of(BlockColumns block, PipelineMetrics query, TimeGrid grid, int exemplars,
                                               SearchCounters counters) {
        TempoFormat format = block.meta().tempoFormat();
        TraceReadOptions options = TraceReadOptions.defaults().withPreset(TracePreset.FULL).withMaxTraceBytes(Long.MAX_VALUE)
                .withScanOptions(BlockSearch.countedScan(counters))
                .withTimeRange(Instant.ofEpochSecond(0, grid.start()), Instant.ofEpochSecond(0, grid.end()));
        EvaluationFields fields = query.fields(exemplars, format);
        BiFunction<TraceMapper, MessageSchema, BlockColumns.Projection> projection = (mapper, schema) ->
                new BlockColumns.Projection(mapper, mapper.evaluationColumns(schema, fields), fields.attributes(),
                        query.pruning(mapper, schema));
        return block.read(options, projection, plan -> batch -> {
                    MetricsAccumulator observed = query.accumulator(grid, exemplars, format);
                    // spans read from their columns where the query allows it: no trace assembled at all
                    if (observed.observeColumns(plan.mapper(), batch, plan.keys(), counters::trace)) return List.of(observed);
                    // a trace whose columns rule out every span of the pipeline is never assembled (compare() has no
                    // pruning predicate: its baseline is every span)
                    CandidateRows.of(plan.pruning(), batch.nested(), plan.mapper().spanPath()).forEachTrace(
                            plan.mapper(), batch, plan.keys(), null, counters::trace,
                            row -> counters.trace(observed.observe(row.trace())));
                    return List.of(observed);
                })
                .reduceWith(() -> query.accumulator(grid, exemplars, format), MetricsAccumulator::merge);
    }
}
