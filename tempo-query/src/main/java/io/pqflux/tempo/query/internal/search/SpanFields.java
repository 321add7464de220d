package io.pqflux.tempo.query.internal.search;

import io.pqflux.traceql.internal.AttributeField;
import io.pqflux.traceql.internal.Intrinsic;

/**
 * The fields of one trace's spans that field expressions read ({@link FieldEvaluator}), by span index: the spans of
 * an assembled trace ({@link TraceSpans}) or the decoded columns of a batch ({@link ColumnSpans}). Operators,
 * short-circuits and failures stay the evaluator's, so both sources give a query the same answer.
 */
interface SpanFields {

    /** The attribute at span {@code span} (and bound event, link, or {@link FieldEvaluator#UNBOUND}). */
    FieldValue attribute(AttributeField field, int span, int event, int link);

    /** The intrinsic at span {@code span} (and bound event, link, or {@link FieldEvaluator#UNBOUND}). */
    FieldValue intrinsic(Intrinsic intrinsic, int span, int event, int link);
}
