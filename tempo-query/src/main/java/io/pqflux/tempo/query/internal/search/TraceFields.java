package io.pqflux.tempo.query.internal.search;

import io.pqflux.traceql.internal.FieldExpr;

/**
 * One trace's spans as a pipeline reads them ({@link PipelineEvaluator}), by index from 0 in stored order: their
 * fields, their events and links, and the nested-set numbers structural operators relate them by. An assembled trace
 * ({@link TraceSpans}) or one row of a batch's span columns ({@link ColumnTrace}).
 */
interface TraceFields extends SpanFields {

    /** How many spans the trace has. */
    int size();

    /** The events of span {@code span}. */
    int eventCount(int span);

    /** The links of span {@code span}. */
    int linkCount(int span);

    /** The writer's nested-set numbers of the trace's spans. */
    NestedSets nestedSets();

    /** Whether {@code expr} holds at span {@code span}, unbound (no event or link of its own), as {@code evaluator} decides. */
    default boolean holds(FieldExpr expr, int span, FieldEvaluator evaluator) {
        return evaluator.isTrue(expr, this, span, FieldEvaluator.UNBOUND, FieldEvaluator.UNBOUND);
    }
}
