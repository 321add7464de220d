package io.pqflux.tempo.query.internal.search;

import io.pqflux.traceql.internal.AttributeField;
import io.pqflux.traceql.internal.FieldExpr;
import io.pqflux.traceql.internal.Intrinsic;

/**
 * The trace of one row of a batch read from its span columns ({@link ColumnSpans}), without assembling it: span
 * {@code i} is the row's {@code i}th span slot. For a pipeline whose every field the columns answer
 * ({@link ColumnSpans#answers(FieldExpr)}): no field of an event or a link, so none
 * is asked for.
 */
final class ColumnTrace implements TraceFields {

    private final ColumnSpans columns;
    private final int first;
    private final int size;
    private NestedSets nestedSets;

    /** The spans at slots {@code first} to {@code end} of {@code columns}. */
    ColumnTrace(ColumnSpans columns, int first, int end) {
        this.columns = columns;
        this.first = first;
        this.size = end - first;
    }

    @Override
    public FieldValue attribute(AttributeField field, int span, int event, int link) {
        return columns.attribute(field, first + span, event, link);
    }

    @Override
    public FieldValue intrinsic(Intrinsic intrinsic, int span, int event, int link) {
        return columns.intrinsic(intrinsic, first + span, event, link);
    }

    /** By the filter compiled for the batch's columns ({@link ColumnSpans#holds}), which answers as the evaluator does. */
    @Override
    public boolean holds(FieldExpr expr, int span, FieldEvaluator evaluator) {
        return columns.holds(expr, first + span);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int eventCount(int span) {
        throw new IllegalStateException("events are not read from columns");
    }

    @Override
    public int linkCount(int span) {
        throw new IllegalStateException("links are not read from columns");
    }

    @Override
    public NestedSets nestedSets() {
        if (nestedSets == null) nestedSets = columns.nestedSets(first, first + size);
        return nestedSets;
    }
}
