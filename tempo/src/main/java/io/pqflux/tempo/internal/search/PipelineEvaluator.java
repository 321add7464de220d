package io.pqflux.tempo.internal.search;

import io.pqflux.tempo.internal.traceql.Aggregate;
import io.pqflux.tempo.internal.traceql.AggregateOp;
import io.pqflux.tempo.internal.traceql.AttributeField;
import io.pqflux.tempo.internal.traceql.AttributeScope;
import io.pqflux.tempo.internal.traceql.BinaryExpr;
import io.pqflux.tempo.internal.traceql.Coalesce;
import io.pqflux.tempo.internal.traceql.FieldExpr;
import io.pqflux.tempo.internal.traceql.GroupBy;
import io.pqflux.tempo.internal.traceql.IntrinsicField;
import io.pqflux.tempo.internal.traceql.Literal;
import io.pqflux.tempo.internal.traceql.Pipeline;
import io.pqflux.tempo.internal.traceql.ScalarExpr;
import io.pqflux.tempo.internal.traceql.ScalarFilter;
import io.pqflux.tempo.internal.traceql.ScalarOperation;
import io.pqflux.tempo.internal.traceql.ScalarPipeline;
import io.pqflux.tempo.internal.traceql.Select;
import io.pqflux.tempo.internal.traceql.SpansetExpr;
import io.pqflux.tempo.internal.traceql.SpansetFilter;
import io.pqflux.tempo.internal.traceql.SpansetOp;
import io.pqflux.tempo.internal.traceql.SpansetOperation;
import io.pqflux.tempo.internal.traceql.Stage;
import io.pqflux.tempo.internal.traceql.StaticValue;
import io.pqflux.tempo.internal.traceql.SubPipeline;
import io.pqflux.tempo.internal.traceql.TraceQlPrinter;
import io.pqflux.tempo.internal.traceql.UnaryExpr;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A spanset pipeline run over one trace, stage after stage, as Tempo runs it: the first stage sees one spanset of every
 * span; a filter keeps each spanset's matching spans and drops the spansets left empty; {@code &&} and {@code ||}
 * combine both sides' spans when both (either) matched; a structural operator keeps the right side's spans that stand
 * in its relation to a left-side span (negated: that stand in it to none; union: both sides' spans that take part);
 * scalar filters keep the spansets whose aggregate passes; {@code by} splits spansets by a value; {@code coalesce}
 * merges them; {@code select} changes no spans (the search reports the selected fields).
 */
final class PipelineEvaluator {

    private final FieldEvaluator fields = new FieldEvaluator();

    /** The pipeline's spansets for the trace: empty when the trace does not match. */
    List<Spanset> evaluate(Pipeline pipeline, TraceSpans trace) {
        BitSet all = new BitSet(trace.size());
        all.set(0, trace.size());
        return evaluate(pipeline, trace, List.of(Spanset.of(all)));
    }

    FieldEvaluator fields() {
        return fields;
    }

    private List<Spanset> evaluate(Pipeline pipeline, TraceSpans trace, List<Spanset> input) {
        List<Spanset> current = input;
        for (Stage stage : pipeline.stages()) {
            if (current.isEmpty()) break;
            current = stage(stage, trace, current);
        }
        return current;
    }

    private List<Spanset> stage(Stage stage, TraceSpans trace, List<Spanset> input) {
        return switch (stage) {
            case SpansetExpr expr -> spansets(expr, trace, input);
            case ScalarFilter filter -> {
                List<Spanset> kept = new ArrayList<>();
                for (Spanset set : input) {
                    StaticValue lhs = scalar(filter.lhs(), trace, set);
                    StaticValue rhs = scalar(filter.rhs(), trace, set);
                    if (lhs != null && rhs != null && FieldEvaluator.compare(filter.op(), lhs, rhs)) kept.add(set);
                }
                yield kept;
            }
            case GroupBy by -> groupBy(by, trace, input);
            case Coalesce ignored -> {
                BitSet merged = new BitSet(trace.size());
                for (Spanset set : input) merged.or(set.spans());
                yield List.of(Spanset.of(merged));
            }
            case Select ignored -> input;
        };
    }

    private List<Spanset> spansets(SpansetExpr expr, TraceSpans trace, List<Spanset> input) {
        return switch (expr) {
            case SpansetFilter filter -> {
                boolean events = uses(filter.expr(), AttributeScope.EVENT);
                boolean links = uses(filter.expr(), AttributeScope.LINK);
                List<Spanset> out = new ArrayList<>();
                for (Spanset set : input) {
                    BitSet matching = new BitSet(trace.size());
                    for (int s = set.spans().nextSetBit(0); s >= 0; s = set.spans().nextSetBit(s + 1)) {
                        if (matches(filter.expr(), trace, s, events, links)) matching.set(s);
                    }
                    if (!matching.isEmpty()) out.add(set.with(matching));
                }
                yield out;
            }
            case SubPipeline sub -> evaluate(sub.pipeline(), trace, input);
            case SpansetOperation operation -> {
                List<Spanset> out = new ArrayList<>();
                for (Spanset set : input) {
                    BitSet lhs = union(spansets(operation.lhs(), trace, List.of(set)), trace);
                    BitSet rhs = union(spansets(operation.rhs(), trace, List.of(set)), trace);
                    BitSet result = combine(operation.op(), lhs, rhs, trace);
                    if (!result.isEmpty()) out.add(set.with(result));
                }
                yield out;
            }
        };
    }

    /** A span matches a filter on event (link) fields when one of its events (links) does. */
    private boolean matches(FieldExpr expr, TraceSpans trace, int span, boolean events, boolean links) {
        int eventCount = events ? trace.spans[span].getEventsCount() : 0;
        int linkCount = links ? trace.spans[span].getLinksCount() : 0;
        // -1: no event (link) to read from, so its fields are nil
        for (int e = 0; e < Math.max(eventCount, 1); e++) {
            for (int l = 0; l < Math.max(linkCount, 1); l++) {
                if (fields.isTrue(expr, trace, span, eventCount == 0 ? -1 : e, linkCount == 0 ? -1 : l)) return true;
            }
        }
        return false;
    }

    private static BitSet union(List<Spanset> sets, TraceSpans trace) {
        BitSet all = new BitSet(trace.size());
        for (Spanset set : sets) all.or(set.spans());
        return all;
    }

    private static BitSet combine(SpansetOp op, BitSet lhs, BitSet rhs, TraceSpans trace) {
        BitSet result = new BitSet(trace.size());
        switch (op) {
            case AND -> {
                if (!lhs.isEmpty() && !rhs.isEmpty()) {
                    result.or(lhs);
                    result.or(rhs);
                }
            }
            case OR -> {
                result.or(lhs);
                result.or(rhs);
            }
            case CHILD, PARENT, DESCENDANT, ANCESTOR, SIBLING -> result = related(op, lhs, rhs, trace);
            case NOT_CHILD, NOT_PARENT, NOT_DESCENDANT, NOT_ANCESTOR, NOT_SIBLING -> {
                result.or(rhs);
                result.andNot(related(positive(op), lhs, rhs, trace));
            }
            case UNION_CHILD, UNION_PARENT, UNION_DESCENDANT, UNION_ANCESTOR, UNION_SIBLING -> {
                SpansetOp relation = positive(op);
                result.or(related(relation, lhs, rhs, trace));
                result.or(related(inverse(relation), rhs, lhs, trace));
            }
        }
        return result;
    }

    /** The structural relation a negated or union operator is built on. */
    private static SpansetOp positive(SpansetOp op) {
        return switch (op) {
            case NOT_CHILD, UNION_CHILD -> SpansetOp.CHILD;
            case NOT_PARENT, UNION_PARENT -> SpansetOp.PARENT;
            case NOT_DESCENDANT, UNION_DESCENDANT -> SpansetOp.DESCENDANT;
            case NOT_ANCESTOR, UNION_ANCESTOR -> SpansetOp.ANCESTOR;
            case NOT_SIBLING, UNION_SIBLING -> SpansetOp.SIBLING;
            default -> op;
        };
    }

    /** {@code b} is {@code op}-related to {@code a} exactly when {@code a} is {@code inverse(op)}-related to {@code b}. */
    private static SpansetOp inverse(SpansetOp op) {
        return switch (op) {
            case CHILD -> SpansetOp.PARENT;
            case PARENT -> SpansetOp.CHILD;
            case DESCENDANT -> SpansetOp.ANCESTOR;
            case ANCESTOR -> SpansetOp.DESCENDANT;
            default -> op;
        };
    }

    /**
     * The spans of {@code candidates} that stand in the relation to some span of {@code from}: {@code >} their
     * parent is one, {@code <} they are the parent of one, {@code >>} one is their ancestor, {@code <<} they are the
     * ancestor of one, {@code ~} they share a parent with another one.
     */
    private static BitSet related(SpansetOp op, BitSet from, BitSet candidates, TraceSpans trace) {
        int n = trace.size();
        BitSet marks = new BitSet(n);
        BitSet result = new BitSet(n);
        switch (op) {
            case CHILD -> {
                for (int c = candidates.nextSetBit(0); c >= 0; c = candidates.nextSetBit(c + 1)) {
                    if (trace.parent[c] >= 0 && from.get(trace.parent[c])) result.set(c);
                }
            }
            case PARENT -> {
                for (int f = from.nextSetBit(0); f >= 0; f = from.nextSetBit(f + 1)) {
                    if (trace.parent[f] >= 0) marks.set(trace.parent[f]);
                }
                result.or(candidates);
                result.and(marks);
            }
            case DESCENDANT -> {
                for (int c = candidates.nextSetBit(0); c >= 0; c = candidates.nextSetBit(c + 1)) {
                    for (int p = trace.parent[c], steps = 0; p >= 0 && steps < n; p = trace.parent[p], steps++) {
                        if (from.get(p)) {
                            result.set(c);
                            break;
                        }
                    }
                }
            }
            case ANCESTOR -> {
                for (int f = from.nextSetBit(0); f >= 0; f = from.nextSetBit(f + 1)) {
                    for (int p = trace.parent[f], steps = 0; p >= 0 && steps < n && !marks.get(p); p = trace.parent[p], steps++) {
                        marks.set(p);
                    }
                }
                result.or(candidates);
                result.and(marks);
            }
            case SIBLING -> {
                int[] fromChildren = new int[n];
                for (int f = from.nextSetBit(0); f >= 0; f = from.nextSetBit(f + 1)) {
                    if (trace.parent[f] >= 0) fromChildren[trace.parent[f]]++;
                }
                for (int c = candidates.nextSetBit(0); c >= 0; c = candidates.nextSetBit(c + 1)) {
                    int p = trace.parent[c];
                    if (p >= 0 && fromChildren[p] - (from.get(c) ? 1 : 0) > 0) result.set(c);
                }
            }
            default -> throw new IllegalArgumentException(op + " is not a structural relation");
        }
        return result;
    }

    private List<Spanset> groupBy(GroupBy by, TraceSpans trace, List<Spanset> input) {
        String key = "by(" + TraceQlPrinter.field(by.expr()) + ")";
        List<Spanset> out = new ArrayList<>();
        for (Spanset set : input) {
            Map<StaticValue, BitSet> groups = new LinkedHashMap<>();
            BitSet nil = null;
            for (int s = set.spans().nextSetBit(0); s >= 0; s = set.spans().nextSetBit(s + 1)) {
                StaticValue value = fields.evaluate(by.expr(), trace, s, -1, -1);
                if (value == null) {
                    if (nil == null) nil = new BitSet(trace.size());
                    nil.set(s);
                } else {
                    groups.computeIfAbsent(value, v -> new BitSet(trace.size())).set(s);
                }
            }
            groups.forEach((value, spans) -> out.add(set.withAttribute(key, value, spans)));
            if (nil != null) out.add(set.with(nil));
        }
        return out;
    }

    /** A scalar of a spanset; null when an aggregate has no numeric value to work on. */
    private StaticValue scalar(ScalarExpr expr, TraceSpans trace, Spanset set) {
        return switch (expr) {
            case Literal literal -> literal.value();
            case Aggregate aggregate -> aggregate(aggregate, trace, set);
            case ScalarOperation operation -> {
                StaticValue lhs = scalar(operation.lhs(), trace, set);
                StaticValue rhs = scalar(operation.rhs(), trace, set);
                if (lhs == null || rhs == null) yield null;
                yield FieldEvaluator.arithmetic(operation.op(), lhs, rhs);
            }
            // the validator reports these unsupported before a query runs
            case ScalarPipeline ignored -> throw new IllegalStateException("a scalar pipeline is not evaluated");
        };
    }

    /**
     * {@code count()} is an int; {@code min} and {@code max} keep their values' type, {@code sum} too when every value
     * is an int (or every one a duration); {@code avg} is a float. Nil and non-numeric values are left out.
     */
    private StaticValue aggregate(Aggregate aggregate, TraceSpans trace, Spanset set) {
        if (aggregate.argument() == null) return new StaticValue.IntValue(set.size());
        StaticValue best = null;
        double sum = 0;
        long wholeSum = 0;
        int count = 0;
        boolean allInts = true;
        boolean allDurations = true;
        for (int s = set.spans().nextSetBit(0); s >= 0; s = set.spans().nextSetBit(s + 1)) {
            StaticValue value = fields.evaluate(aggregate.argument(), trace, s, -1, -1);
            if (value == null || !value.type().isNumeric()) continue;
            double number = FieldEvaluator.number(value);
            count++;
            sum += number;
            allInts &= value instanceof StaticValue.IntValue;
            allDurations &= value instanceof StaticValue.DurationValue;
            if (allInts || allDurations) wholeSum += (long) number;
            if (best == null
                    || (aggregate.op() == AggregateOp.MIN && number < FieldEvaluator.number(best))
                    || (aggregate.op() == AggregateOp.MAX && number > FieldEvaluator.number(best))) {
                best = value;
            }
        }
        if (count == 0) return null;
        return switch (aggregate.op()) {
            case MIN, MAX -> best;
            case SUM -> allInts ? new StaticValue.IntValue(wholeSum)
                    : allDurations ? new StaticValue.DurationValue(wholeSum) : new StaticValue.FloatValue(sum);
            case AVG -> new StaticValue.FloatValue(sum / count);
            case COUNT -> throw new IllegalStateException("count() takes no argument");
        };
    }

    /** Whether the expression reads fields of {@code scope} (events or links, by attribute or intrinsic). */
    static boolean uses(FieldExpr expr, AttributeScope scope) {
        return switch (expr) {
            case Literal ignored -> false;
            case AttributeField attribute -> attribute.scope() == scope;
            case IntrinsicField intrinsic -> switch (intrinsic.intrinsic()) {
                case EVENT_NAME, EVENT_TIME_SINCE_START -> scope == AttributeScope.EVENT;
                case LINK_TRACE_ID, LINK_SPAN_ID -> scope == AttributeScope.LINK;
                default -> false;
            };
            case UnaryExpr unary -> uses(unary.operand(), scope);
            case BinaryExpr binary -> uses(binary.lhs(), scope) || uses(binary.rhs(), scope);
        };
    }
}
