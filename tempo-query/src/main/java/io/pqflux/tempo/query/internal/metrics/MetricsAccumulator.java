package io.pqflux.tempo.query.internal.metrics;

import io.pqflux.tempo.query.internal.search.MatchedSpans;
import io.pqflux.tempo.query.internal.search.ObservedSpan;
import io.pqflux.traceql.internal.FieldRef;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.tempo.internal.assembly.AttributeKeys;
import io.pqflux.tempo.internal.assembly.TraceMapper;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * A metrics query's partial result over the spans of some traces (one block, or several merged): a function's
 * series ({@link FunctionAccumulator}) or {@code compare()}'s counts ({@link CompareAccumulator}). Not thread-safe: a
 * block's traces arrive one at a time; blocks' accumulators are merged afterwards, which gives the same result as one
 * accumulator over all their spans.
 */
public abstract sealed class MetricsAccumulator permits FunctionAccumulator, CompareAccumulator {

    final TimeGrid grid;
    final int exemplarLimit;
    /** Traces that gave an exemplar (one each, as Tempo samples one span per trace). */
    final Set<String> exemplarTraces = new HashSet<>();
    final MatchedSpans matcher;
    /** The fields its spans are read for when read from columns; null when the query's spans cannot be. */
    private final List<FieldRef> columnFields;
    /** Whether spans are read for what {@code compare()} groups. */
    private final boolean compared;
    private long traces;
    private long spans;

    /**
     * @param columnFields the fields the query reads of a span besides what {@code compared} reads, when its spans can be
     *                     read from columns ({@link MetricsQuery}); null when they cannot
     */
    MetricsAccumulator(MatchedSpans matcher, TimeGrid grid, int exemplarLimit, List<FieldRef> columnFields,
                       boolean compared) {
        this.matcher = matcher;
        this.grid = grid;
        this.exemplarLimit = grid.instant() ? 0 : exemplarLimit;
        this.columnFields = columnFields;
        this.compared = compared;
    }

    /** Traces and spans the query was evaluated on. */
    public long traces() {
        return traces;
    }

    public long spans() {
        return spans;
    }

    /**
     * Runs the query's spanset pipeline on the trace and observes every span it yields; returns the trace's spans.
     *
     * @throws io.pqflux.traceql.TraceQlException of reason {@code EVALUATION_ERROR} where Tempo fails the query
     */
    public int observe(io.pqflux.tempo.Trace trace) {
        int count = matcher.forEach(trace, span -> {
            if (observe(span) && exemplarLimit > 0) offerExemplar(span);
        });
        spansEnded();
        counted(count);
        return count;
    }

    /**
     * Observes the spans the query's pipeline yields in {@code batch} straight from its columns, where the query and
     * the batch allow it ({@link io.pqflux.tempo.query.internal.search.ColumnSpans}; the batch read with the attributes
     * {@code keys} keeps), handing each selected row's span count to {@code traceSpans}; false when they do not and
     * nothing was observed: the batch's traces must be assembled and {@link #observe(io.pqflux.tempo.Trace) observed}.
     */
    public final boolean observeColumns(TraceMapper mapper, RowGroupBatch batch, AttributeKeys keys, IntConsumer traceSpans) {
        boolean observed = columnFields != null && matcher.forEachInColumns(mapper, batch, keys, columnFields, exemplarLimit > 0,
                compared,
                count -> {
                    counted(count);
                    traceSpans.accept(count);
                },
                span -> {
                    if (observe(span) && exemplarLimit > 0) offerExemplar(span);
                });
        if (observed) spansEnded();
        return observed;
    }

    /** Counts a trace of {@code spans} spans as evaluated. */
    final void counted(int spans) {
        traces++;
        this.spans += spans;
    }

    /** Observes one matched span; returns whether it counted (started in the range and was not dropped). */
    abstract boolean observe(ObservedSpan span);

    /**
     * The spans of one call ({@link #observe(io.pqflux.tempo.Trace)}, {@link #observeColumns}) are all observed: what
     * was kept of them must be counted now, while nothing outlives the call that handed them.
     */
    void spansEnded() {
    }

    /**
     * Offers a counted span as its trace's exemplar: the first counted span of each trace, while there is room (Tempo
     * picks a random span of the trace; we pick the first, so answers repeat).
     */
    abstract void offerExemplar(ObservedSpan span);

    /** Adds another accumulator's partial result (same query and grid) to this one; returns this. */
    public MetricsAccumulator merge(MetricsAccumulator other) {
        traces += other.traces;
        spans += other.spans;
        mergeCounts(other);
        return this;
    }

    abstract void mergeCounts(MetricsAccumulator other);
}
