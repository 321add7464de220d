package io.pqflux.tempo.internal.assembly;

import io.opentelemetry.proto.trace.v1.Span;

/**
 * A search's second read ({@link TraceMapper#spanFields}): each row's spans, resources and scopes flattened in stored
 * order, each span built when asked for with the fields the batch's span leaves give (a search returns a few spans of
 * each trace, not all).
 */
public interface SpanFieldRows {

    /** The rows read: the batch's selected rows when it has a selection. */
    int rowCount();

    /** The spans of the {@code row}-th row read. */
    int spanCount(int row);

    /** The {@code index}-th span of the {@code row}-th row read, in stored order, with a trace ID left unset. */
    Span span(int row, int index);
}
