package io.pqflux.tempo.query.internal.search;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.tempo.Trace;
import io.pqflux.traceql.internal.AttributeScope;
import io.pqflux.traceql.internal.BinaryExpr;
import io.pqflux.traceql.internal.BinaryOp;
import io.pqflux.traceql.internal.FieldExpr;
import io.pqflux.traceql.internal.SourceRange;
import io.pqflux.traceql.internal.StaticValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The search engine's field semantics lent to tag autocompletion ({@code internal.tags}): which spans of a trace
 * satisfy a group of conditions, and attribute values and literals typed and printed as Tempo's {@code Static}s are
 * for {@code TagValue}s.
 */
public final class SpanMatcher {

    /** A span that matched, with its resource and instrumentation scope. */
    public interface MatchedSpan {
        void accept(Span span, Resource resource, InstrumentationScope scope);
    }

    /** A value as a {@code TagValue}: Tempo's type name and text. */
    public record Typed(String type, String text) {
    }

    private final PipelineEvaluator evaluator = new PipelineEvaluator();

    /**
     * Calls {@code visitor} once for each span of the trace at which the conditions of some group all hold, as a
     * filter joining them with {@code &&} would match it (with event or link conditions: for one of its events or
     * links). A group that fails to evaluate does not match: autocompletion filters by column predicates, which never
     * fail.
     */
    public void forEachMatching(Trace trace, List<List<FieldExpr>> groups, MatchedSpan visitor) {
        List<FieldExpr> filters = groups.stream().map(SpanMatcher::conjunction).toList();
        TraceSpans spans = new TraceSpans(trace);
        for (int s = 0; s < spans.size(); s++) {
            for (FieldExpr filter : filters) {
                if (matches(filter, spans, s)) {
                    visitor.accept(spans.spans[s], spans.resources[s], spans.scopes[s]);
                    break;
                }
            }
        }
    }

    private boolean matches(FieldExpr filter, TraceSpans spans, int s) {
        try {
            return evaluator.matches(filter, spans, s, PipelineEvaluator.reads(filter, AttributeScope.EVENT),
                    PipelineEvaluator.reads(filter, AttributeScope.LINK));
        } catch (EvaluationFailure e) {
            return false;
        }
    }

    private static FieldExpr conjunction(List<FieldExpr> conditions) {
        FieldExpr all = conditions.getFirst();
        for (int i = 1; i < conditions.size(); i++) {
            all = new BinaryExpr(BinaryOp.AND, all, conditions.get(i), SourceRange.NONE);
        }
        return all;
    }

    /**
     * The values an attribute value gives as Tempo stores it searchable: a string, int, double or boolean; each
     * element of an array whose elements share one of those types; nothing for anything else (kvlists, bytes, mixed
     * or empty arrays), which Tempo stores without a searchable value.
     */
    public static List<Typed> attributeValues(AnyValue value) {
        FieldValue typed = FieldValue.of(value);
        if (typed instanceof FieldValue.ArrayValue array) {
            List<Typed> out = new ArrayList<>(array.elements().size());
            for (FieldValue element : array.elements()) out.add(typed(element));
            return out;
        }
        return typed.isNil() ? List.of() : List.of(typed(typed));
    }

    /** A literal of a filter as a {@code TagValue}: a kind has no type name in Tempo's conversion, so both are empty. */
    public static Typed literal(StaticValue literal) {
        return typed(FieldValue.of(literal));
    }

    /** A double as TraceQL prints it (Go's shortest form, with {@code .0} when it would read as an int). */
    public static Typed floatValue(double value) {
        return typed(new FieldValue.FloatValue(value));
    }

    private static Typed typed(FieldValue value) {
        String type = switch (value) {
            case FieldValue.StringValue ignored -> "string";
            case FieldValue.IntValue ignored -> "int";
            case FieldValue.FloatValue ignored -> "float";
            case FieldValue.BoolValue ignored -> "bool";
            case FieldValue.DurationValue ignored -> "duration";
            case FieldValue.StatusValue ignored -> "keyword";
            default -> "";
        };
        return new Typed(type, type.isEmpty() ? "" : TempoNames.text(value));
    }
}
