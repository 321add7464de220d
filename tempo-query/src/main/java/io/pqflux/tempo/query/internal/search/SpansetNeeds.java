package io.pqflux.tempo.query.internal.search;

import io.pqflux.reader.RowGroupBatch;
import io.pqflux.tempo.internal.assembly.AttributeKeys;
import io.pqflux.tempo.internal.assembly.TraceMapper;
import io.pqflux.traceql.internal.Aggregate;
import io.pqflux.traceql.internal.AggregateOp;
import io.pqflux.traceql.internal.BinaryOp;
import io.pqflux.traceql.internal.FieldExpr;
import io.pqflux.traceql.internal.Literal;
import io.pqflux.traceql.internal.Pipeline;
import io.pqflux.traceql.internal.ScalarFilter;
import io.pqflux.traceql.internal.SpansetExpr;
import io.pqflux.traceql.internal.SpansetFilter;
import io.pqflux.traceql.internal.SpansetOperation;
import io.pqflux.traceql.internal.Stage;
import io.pqflux.traceql.internal.StaticValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * What a trace's spans must hold for a search pipeline's first stage to yield a spanset, asked of a decoded batch's
 * span columns ({@link ColumnSpans}) so that a trace which cannot match is never assembled: some span satisfying a
 * filter, for each filter of an {@code &&} or of a structural operator (the negated ones: of its right side only, as
 * they keep right spans with no related left span), for one side of an {@code ||}; for {@code {filter} | count() op
 * number}, as many matching spans as the comparison takes. The later stages only keep, split or merge the first
 * stage's spans, and a pipeline stops at its first empty stage (docs/traceql.md).
 *
 * <p>Exact, never only likely: a row is ruled out only when every filter was evaluated at every span of it without
 * failure, as the assembled path would have evaluated them (both sides of a spanset operator are evaluated at every
 * span); a row where one fails is left to the assembled path, which reports the query's error. A first stage this class
 * cannot decide from columns (a sub-pipeline, which may fail in its later stages; a field without a column of its
 * own: events, links, parents, trace-level intrinsics) has no needs, and every row stays a candidate.
 */
final class SpansetNeeds {

    /** A node of the needs: how many spans each filter must have matched, by the filters' counts of matching spans. */
    private sealed interface Need {
        boolean holds(int[] matching);
    }

    /** Some span satisfies filter {@code index}. */
    private record Some(int index) implements Need {
        @Override
        public boolean holds(int[] matching) {
            return matching[index] > 0;
        }
    }

    /**
     * Some span satisfies filter {@code index}, the first stage, and the second's {@code count() op bound} holds of the
     * spans that do: the first stage's one spanset is those spans.
     */
    private record Counted(int index, BinaryOp op, FieldValue bound) implements Need {
        @Override
        public boolean holds(int[] matching) {
            return matching[index] > 0 && Operators.scalarComparison(op, new FieldValue.IntValue(matching[index]), bound);
        }
    }

    private record Both(Need lhs, Need rhs) implements Need {
        @Override
        public boolean holds(int[] matching) {
            return lhs.holds(matching) && rhs.holds(matching);
        }
    }

    private record Either(Need lhs, Need rhs) implements Need {
        @Override
        public boolean holds(int[] matching) {
            return lhs.holds(matching) || rhs.holds(matching);
        }
    }

    /** The comparisons of {@code count()} with a number decided from a count, never failing. */
    private static final Set<BinaryOp> COUNT_COMPARISONS = EnumSet.of(BinaryOp.EQ, BinaryOp.NEQ, BinaryOp.LT, BinaryOp.LTE,
            BinaryOp.GT, BinaryOp.GTE);

    private final Need need;
    /** The first stage's filter expressions, by index. */
    private final List<FieldExpr> filters;

    private SpansetNeeds(Need need, List<FieldExpr> filters) {
        this.need = need;
        this.filters = List.copyOf(filters);
    }

    /** The needs of {@code pipeline}'s first stage; null when it has none decidable from columns. */
    static SpansetNeeds of(Pipeline pipeline) {
        if (!(pipeline.stages().getFirst() instanceof SpansetExpr first)) return null;
        List<FieldExpr> filters = new ArrayList<>();
        Need need = need(first, filters);
        if (need == null || filters.stream().anyMatch(f -> !ColumnSpans.answers(f))) return null;
        if (first instanceof SpansetFilter && pipeline.stages().size() > 1) {
            Need counted = counted(pipeline.stages().get(1));
            if (counted != null) need = counted;
        }
        return new SpansetNeeds(need, filters);
    }

    /**
     * For a second stage {@code count() op number} after a first of one filter: the comparison decided from the count
     * of the filter's matching spans (null for any other stage).
     */
    private static Need counted(Stage second) {
        if (second instanceof ScalarFilter f && f.lhs() instanceof Aggregate a && a.op() == AggregateOp.COUNT
                && f.rhs() instanceof Literal bound && COUNT_COMPARISONS.contains(f.op())
                && (bound.value() instanceof StaticValue.IntValue || bound.value() instanceof StaticValue.FloatValue)) {
            return new Counted(0, f.op(), FieldValue.of(bound.value()));
        }
        return null;
    }

    /** The expression's needs, its filters added to {@code filters}; null when a part is not a filter or operation. */
    private static Need need(SpansetExpr expr, List<FieldExpr> filters) {
        return switch (expr) {
            case SpansetFilter filter -> {
                filters.add(filter.expr());
                yield new Some(filters.size() - 1);
            }
            case SpansetOperation operation -> {
                Need lhs = need(operation.lhs(), filters);
                Need rhs = lhs == null ? null : need(operation.rhs(), filters);
                if (rhs == null) yield null;
                yield switch (operation.op()) {
                    case OR -> new Either(lhs, rhs);
                    case NOT_CHILD, NOT_PARENT, NOT_DESCENDANT, NOT_ANCESTOR, NOT_SIBLING -> rhs;
                    default -> new Both(lhs, rhs);
                };
            }
            default -> null;
        };
    }

    /**
     * Whether each row of {@code batch} (a row of the batch, not of its selection) may match, from its span columns;
     * null when the batch cannot answer (a column the filters read is not in it).
     *
     * @param keys the attributes the batch was read with
     */
    IntPredicate rows(TraceMapper mapper, RowGroupBatch batch, AttributeKeys keys, FieldEvaluator evaluator) {
        boolean attributes = filters.stream().anyMatch(ColumnSpans::readsAttributes);
        ColumnSpans spans = ColumnSpans.bind(mapper, batch, keys, attributes, evaluator);
        if (spans == null || !filters.stream().allMatch(spans::reads)) return null;
        int[] matching = new int[filters.size()];
        return row -> {
            Arrays.fill(matching, 0);
            long range = spans.spanSlots(row);
            try {
                for (int s = (int) (range >>> 32), end = (int) range; s < end; s++) {
                    for (int f = 0; f < matching.length; f++) if (spans.holds(filters.get(f), s)) matching[f]++;
                }
            } catch (EvaluationFailure e) {
                return true;
            }
            return need.holds(matching);
        };
    }
}
