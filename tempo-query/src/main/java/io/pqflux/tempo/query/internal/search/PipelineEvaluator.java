package io.pqflux.tempo.query.internal.search;

import io.pqflux.traceql.TraceQlException;
import io.pqflux.traceql.internal.Aggregate;
import io.pqflux.traceql.internal.AttributeField;
import io.pqflux.traceql.internal.AttributeScope;
import io.pqflux.traceql.internal.BinaryExpr;
import io.pqflux.traceql.internal.Coalesce;
import io.pqflux.traceql.internal.FieldExpr;
import io.pqflux.traceql.internal.GroupBy;
import io.pqflux.traceql.internal.IntrinsicField;
import io.pqflux.traceql.internal.Literal;
import io.pqflux.traceql.internal.Pipeline;
import io.pqflux.traceql.internal.ScalarFilter;
import io.pqflux.traceql.internal.Select;
import io.pqflux.traceql.internal.SpansetExpr;
import io.pqflux.traceql.internal.SpansetFilter;
import io.pqflux.traceql.internal.SpansetOperation;
import io.pqflux.traceql.internal.Stage;
import io.pqflux.traceql.internal.SubPipeline;
import io.pqflux.traceql.internal.UnaryExpr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A spanset pipeline run over one trace, stage after stage, as docs/traceql.md ("Spansets and pipelines") describes
 * Tempo's: the first stage sees one spanset of every span; a filter keeps each spanset's matching spans and drops the
 * spansets left empty; spanset operators run per input spanset on both sides ({@link StructuralOperators} for the
 * structural ones); scalar filters add their aggregate as a spanset attribute and keep the spansets that pass;
 * {@code by} splits spansets by value (nil is a group); {@code coalesce} merges them; {@code select} changes nothing.
 */
final class PipelineEvaluator {

    private final FieldEvaluator fields = new FieldEvaluator();
    /** Attribute names of {@code by()} and aggregates, computed once per node. */
    private final Map<Object, String> names = new IdentityHashMap<>();

    /** The pipeline's spansets for the trace: empty when the trace does not match (a trace without spans never does). */
    List<Spanset> evaluate(Pipeline pipeline, TraceFields trace) {
        if (trace.size() == 0) return List.of();
        int[] all = new int[trace.size()];
        for (int i = 0; i < all.length; i++) all[i] = i;
        return evaluate(pipeline, trace, List.of(Spanset.of(all)));
    }

    /**
     * {@link #evaluate(Pipeline, TraceFields)} for a query's caller: a failure is the query's {@code EVALUATION_ERROR}.
     *
     * @param text the query, named by the error
     */
    List<Spanset> evaluateQuery(String text, Pipeline pipeline, TraceFields trace) {
        return asQueryError(text, () -> evaluate(pipeline, trace));
    }

    /** The evaluation's spansets; its failure as the query's {@code EVALUATION_ERROR}, naming {@code text}. */
    private static List<Spanset> asQueryError(String text, Supplier<List<Spanset>> evaluation) {
        try {
            return evaluation.get();
        } catch (EvaluationFailure e) {
            throw new TraceQlException(TraceQlException.Reason.EVALUATION_ERROR, text, 0, e.getMessage());
        }
    }

    FieldEvaluator fields() {
        return fields;
    }

    private List<Spanset> evaluate(Pipeline pipeline, TraceFields trace, List<Spanset> input) {
        List<Spanset> current = input;
        for (Stage stage : pipeline.stages()) {
            if (current.isEmpty()) break;
            current = stage(stage, trace, current);
        }
        return current;
    }

    private List<Spanset> stage(Stage stage, TraceFields trace, List<Spanset> input) {
        return stage instanceof SpansetExpr expr ? spansets(expr, trace, input) : spansetStage(stage, trace, input);
    }

    /**
     * The stages after the first on the spanset a first-stage filter made of a trace's spans (span indexes into
     * {@code spans}): for a pipeline whose later stages read only span fields ({@link #readsSpansOnly}), so they run
     * on any {@link SpanFields}; a failure is the query's {@code EVALUATION_ERROR}, as in {@link #evaluateQuery}.
     *
     * @param text the query, named by the error
     */
    List<Spanset> evaluateLaterStages(String text, Pipeline pipeline, SpanFields spans, Spanset first) {
        return asQueryError(text, () -> {
            List<Spanset> current = List.of(first);
            for (Stage stage : pipeline.stages().subList(1, pipeline.stages().size())) {
                if (current.isEmpty()) break;
                current = spansetStage(stage, spans, current);
            }
            return current;
        });
    }

    /**
     * Whether {@code stage} reads nothing but fields of single spans: a scalar filter, {@code by()}, {@code coalesce()}
     * ({@code select()} reads events and links, spanset expressions the trace's structure).
     */
    static boolean readsSpansOnly(Stage stage) {
        return stage instanceof ScalarFilter || stage instanceof GroupBy || stage instanceof Coalesce;
    }

    /** A stage that is not a spanset expression. */
    private List<Spanset> spansetStage(Stage stage, SpanFields trace, List<Spanset> input) {
        return switch (stage) {
            case SpansetExpr expr -> throw new IllegalStateException("a spanset expression needs the trace: " + expr);
            case ScalarFilter filter -> scalarFilter(filter, trace, input);
            case GroupBy by -> groupBy(by, trace, input);
            case Coalesce ignored -> {
                int total = 0;
                for (Spanset set : input) total += set.size();
                int[] merged = new int[total];
                int at = 0;
                for (Spanset set : input) {
                    System.arraycopy(set.spans(), 0, merged, at, set.size());
                    at += set.size();
                }
                yield List.of(Spanset.of(merged));
            }
            case Select ignored -> input;
        };
    }

    private List<Spanset> spansets(SpansetExpr expr, TraceFields trace, List<Spanset> input) {
        return switch (expr) {
            case SpansetFilter filter -> filter(filter, trace, input);
            case SubPipeline sub -> evaluate(sub.pipeline(), trace, input);
            case SpansetOperation operation -> {
                List<Spanset> out = new ArrayList<>();
                for (Spanset set : input) {
                    List<Spanset> lhs = spansets(operation.lhs(), trace, List.of(set));
                    List<Spanset> rhs = spansets(operation.rhs(), trace, List.of(set));
                    int[] result = switch (operation.op()) {
                        case AND -> !lhs.isEmpty() && !rhs.isEmpty() ? uniqueSpans(lhs, rhs, trace) : null;
                        case OR -> !lhs.isEmpty() || !rhs.isEmpty() ? uniqueSpans(lhs, rhs, trace) : null;
                        default -> StructuralOperators.apply(operation.op(), lhs, rhs, trace);
                    };
                    if (result != null && result.length > 0) out.add(set.with(result));
                }
                yield out;
            }
        };
    }

    private List<Spanset> filter(SpansetFilter filter, TraceFields trace, List<Spanset> input) {
        boolean events = reads(filter.expr(), AttributeScope.EVENT);
        boolean links = reads(filter.expr(), AttributeScope.LINK);
        List<Spanset> out = new ArrayList<>();
        for (Spanset set : input) {
            int[] matching = new int[set.size()];
            int count = 0;
            for (int span : set.spans()) {
                if (matches(filter.expr(), trace, span, events, links)) matching[count++] = span;
            }
            if (count > 0) out.add(set.with(Arrays.copyOf(matching, count)));
        }
        return out;
    }

    /**
     * A span matches a filter that reads event (link) fields when the expression is true with one of its events
     * (links) bound, or one pair of both; a span without events (links) is tried once with those fields nil.
     */
    boolean matches(FieldExpr expr, TraceFields trace, int span, boolean events, boolean links) {
        if (!events && !links) return trace.holds(expr, span, fields);
        int eventCount = events ? trace.eventCount(span) : 0;
        int linkCount = links ? trace.linkCount(span) : 0;
        for (int e = 0; e < Math.max(eventCount, 1); e++) {
            for (int l = 0; l < Math.max(linkCount, 1); l++) {
                if (fields.isTrue(expr, trace, span, eventCount == 0 ? FieldEvaluator.UNBOUND : e,
                        linkCount == 0 ? FieldEvaluator.UNBOUND : l)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Tempo's {@code uniqueSpans}: the side with fewer spans first (the right one on a tie), then the other's new ones. */
    private static int[] uniqueSpans(List<Spanset> lhs, List<Spanset> rhs, TraceFields trace) {
        int l = 0;
        int r = 0;
        for (Spanset set : lhs) l += set.size();
        for (Spanset set : rhs) r += set.size();
        List<Spanset> first = l < r ? lhs : rhs;
        List<Spanset> second = l < r ? rhs : lhs;
        boolean[] seen = new boolean[trace.size()];
        int[] out = new int[l + r];
        int count = 0;
        for (Spanset set : first) {
            for (int span : set.spans()) {
                seen[span] = true;
                out[count++] = span;
            }
        }
        for (Spanset set : second) {
            for (int span : set.spans()) {
                if (!seen[span]) {
                    seen[span] = true;
                    out[count++] = span;
                }
            }
        }
        return Arrays.copyOf(out, count);
    }

    /** Only {@code aggregate op literal}, as Tempo evaluates; the aggregate becomes a spanset attribute. */
    private List<Spanset> scalarFilter(ScalarFilter filter, SpanFields trace, List<Spanset> input) {
        if (!(filter.lhs() instanceof Aggregate aggregate) || !(filter.rhs() instanceof Literal literal)) {
            throw new EvaluationFailure("scalar filters compare an aggregate with a literal only");
        }
        String name = names.computeIfAbsent(aggregate, a -> aggregate.op().word() + "("
                + (aggregate.argument() == null ? "" : TempoNames.field(aggregate.argument())) + ")");
        FieldValue bound = FieldValue.of(literal.value());
        List<Spanset> out = new ArrayList<>();
        for (Spanset set : input) {
            FieldValue value = Aggregates.of(aggregate, set, trace, fields);
            if (value.isNil()) continue;
            if (Operators.scalarComparison(filter.op(), value, bound)) out.add(set.withAttribute(name, value, set.spans()));
        }
        return out;
    }

    /** One spanset per distinct value (type and value; nil is one group), in first-seen order. */
    private List<Spanset> groupBy(GroupBy by, SpanFields trace, List<Spanset> input) {
        String name = names.computeIfAbsent(by, b -> "by(" + TempoNames.field(by.expr()) + ")");
        List<Spanset> out = new ArrayList<>();
        for (Spanset set : input) {
            Map<FieldValue, List<Integer>> groups = new LinkedHashMap<>();
            for (int span : set.spans()) {
                FieldValue value = fields.evaluate(by.expr(), trace, span, FieldEvaluator.UNBOUND, FieldEvaluator.UNBOUND);
                groups.computeIfAbsent(value, v -> new ArrayList<>()).add(span);
            }
            groups.forEach((value, spans) ->
                    out.add(set.withAttribute(name, value, spans.stream().mapToInt(Integer::intValue).toArray())));
        }
        return out;
    }

    /** Whether the expression reads fields of {@code scope} (events or links, by attribute or intrinsic). */
    static boolean reads(FieldExpr expr, AttributeScope scope) {
        return switch (expr) {
            case Literal ignored -> false;
            case AttributeField attribute -> !attribute.parent() && attribute.scope() == scope;
            case IntrinsicField intrinsic -> switch (intrinsic.intrinsic()) {
                case EVENT_NAME, EVENT_TIME_SINCE_START -> scope == AttributeScope.EVENT;
                case LINK_TRACE_ID, LINK_SPAN_ID -> scope == AttributeScope.LINK;
                default -> false;
            };
            case UnaryExpr unary -> reads(unary.operand(), scope);
            case BinaryExpr binary -> reads(binary.lhs(), scope) || reads(binary.rhs(), scope);
        };
    }
}
