package io.pqflux.tempo.query.internal.search;

import io.pqflux.traceql.internal.FieldRef;
import io.pqflux.traceql.internal.Pipeline;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A pipeline a batch's span columns can run whole, trace by trace ({@link ColumnTrace}), by the evaluator that runs
 * it on assembled traces: every field it reads a span intrinsic with a column of its own or a span or resource
 * attribute ({@link ColumnSpans#answers(io.pqflux.traceql.internal.FieldExpr)}), and nothing selected (a
 * {@code select()} reads whatever a span holds). Structural operators relate spans by nested sets numbered from the
 * span and parent ID columns.
 *
 * @param fields     every field the pipeline reads
 * @param structural whether it relates spans (the span and parent IDs must then be read)
 */
record ColumnPipeline(Pipeline pipeline, List<FieldRef> fields, boolean structural) {

    /** {@code pipeline} as the columns run it; null when they cannot. */
    static ColumnPipeline of(Pipeline pipeline) {
        Set<FieldRef> all = new LinkedHashSet<>();
        Set<FieldRef> selected = new LinkedHashSet<>();
        TraceQlSearch.pipelineFields(pipeline, new LinkedHashSet<>(), all, selected);
        if (!selected.isEmpty() || !all.stream().allMatch(ColumnSpans::answers)) return null;
        return new ColumnPipeline(pipeline, List.copyOf(all), TraceQlSearch.readsStructure(pipeline));
    }
}
