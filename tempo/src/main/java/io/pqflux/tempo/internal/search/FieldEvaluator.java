package io.pqflux.tempo.internal.search;

import com.google.protobuf.ByteString;
import com.google.re2j.Pattern;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.tempo.internal.search.FieldValue.BoolValue;
import io.pqflux.tempo.internal.search.FieldValue.DurationValue;
import io.pqflux.tempo.internal.search.FieldValue.FloatValue;
import io.pqflux.tempo.internal.search.FieldValue.IntValue;
import io.pqflux.tempo.internal.search.FieldValue.StringValue;
import io.pqflux.tempo.internal.traceql.AttributeField;
import io.pqflux.tempo.internal.traceql.BinaryExpr;
import io.pqflux.tempo.internal.traceql.BinaryOp;
import io.pqflux.tempo.internal.traceql.FieldExpr;
import io.pqflux.tempo.internal.traceql.Intrinsic;
import io.pqflux.tempo.internal.traceql.IntrinsicField;
import io.pqflux.tempo.internal.traceql.Literal;
import io.pqflux.tempo.internal.traceql.UnaryExpr;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Field expressions evaluated on one span of a {@link TraceSpans} with Tempo's rules (docs/traceql.md, "Evaluation
 * semantics"): values typed as {@link FieldValue}, operators as {@link Operators}; {@code &&} and {@code ||}
 * short-circuit on a boolean left side only; {@code !} and {@code -} on the wrong type fail the query. Event and link
 * fields are read from the event and link the caller binds ({@code UNBOUND}: the first event or link that has the
 * field). With no span ({@code span < 0}) only literals evaluate: that folds span-free parts of expressions.
 */
final class FieldEvaluator {

    /** No event (link) bound: an event (link) field reads the first event (link) that has it. */
    static final int UNBOUND = -1;

    private static final HexFormat HEX = HexFormat.of();

    /** The query's regexes, compiled once per matcher (the validator has checked that each compiles). */
    private final Map<String, Pattern> patterns = new HashMap<>();

    /** The expression's value at the span (and bound event, link). */
    FieldValue evaluate(FieldExpr expr, TraceSpans trace, int span, int event, int link) {
        return switch (expr) {
            case Literal literal -> FieldValue.of(literal.value());
            case AttributeField attribute -> attribute(attribute, trace, span, event, link);
            case IntrinsicField intrinsic -> intrinsic(intrinsic.intrinsic(), trace, span, event, link);
            case UnaryExpr unary -> unary(unary, evaluate(unary.operand(), trace, span, event, link));
            case BinaryExpr binary -> binary(binary, trace, span, event, link);
        };
    }

    /** Whether the expression gives boolean true at the span: a filter's test. */
    boolean isTrue(FieldExpr expr, TraceSpans trace, int span, int event, int link) {
        return evaluate(expr, trace, span, event, link) instanceof BoolValue(boolean value) && value;
    }

    private FieldValue attribute(AttributeField field, TraceSpans trace, int span, int event, int link) {
        if (span < 0) throw new EvaluationFailure("an attribute outside a span");
        Span s = trace.spans[span];
        String name = field.name();
        return switch (field.scope()) {
            case NONE -> {
                FieldValue own = find(s.getAttributesList(), name);
                yield own.isNil() ? resourceAttribute(trace, span, name) : own;
            }
            case SPAN -> find(s.getAttributesList(), name);
            case RESOURCE -> resourceAttribute(trace, span, name);
            case INSTRUMENTATION -> find(trace.scopes[span].getAttributesList(), name);
            case EVENT -> {
                if (event != UNBOUND) yield find(s.getEvents(event).getAttributesList(), name);
                for (Span.Event e : s.getEventsList()) {
                    FieldValue value = find(e.getAttributesList(), name);
                    if (!value.isNil()) yield value;
                }
                yield FieldValue.NIL;
            }
            case LINK -> {
                if (link != UNBOUND) yield find(s.getLinks(link).getAttributesList(), name);
                for (Span.Link l : s.getLinksList()) {
                    FieldValue value = find(l.getAttributesList(), name);
                    if (!value.isNil()) yield value;
                }
                yield FieldValue.NIL;
            }
        };
    }

    /** vParquet4's {@code ServiceName} column is required: a resource without {@code service.name} reads "". */
    static FieldValue resourceAttribute(TraceSpans trace, int span, String name) {
        FieldValue value = find(trace.resources[span].getAttributesList(), name);
        return value.isNil() && name.equals("service.name") ? new StringValue("") : value;
    }

    /** The first attribute of that name (duplicates: the first counts). */
    static FieldValue find(List<KeyValue> attributes, String name) {
        for (KeyValue kv : attributes) {
            if (kv.getKey().equals(name)) return FieldValue.of(kv.getValue());
        }
        return FieldValue.NIL;
    }

    FieldValue intrinsic(Intrinsic intrinsic, TraceSpans trace, int span, int event, int link) {
        if (span < 0) throw new EvaluationFailure("an intrinsic outside a span");
        Span s = trace.spans[span];
        return switch (intrinsic) {
            case DURATION -> new DurationValue(s.getEndTimeUnixNano() - s.getStartTimeUnixNano());
            case NAME -> new StringValue(s.getName());
            case STATUS -> FieldValue.status(s.getStatus().getCodeValue());
            case STATUS_MESSAGE -> new StringValue(s.getStatus().getMessage());
            case KIND -> FieldValue.kind(s.getKindValue());
            case SPAN_ID -> new StringValue(spanIdHex(s.getSpanId()));
            case PARENT_ID -> new StringValue(spanIdHex(s.getParentSpanId()));
            case CHILD_COUNT -> new IntValue(trace.childCount(span));
            case TRACE_DURATION -> new DurationValue(trace.trace.durationNano());
            case ROOT_NAME -> new StringValue(trace.trace.rootSpanName());
            case ROOT_SERVICE -> new StringValue(trace.trace.rootServiceName());
            case TRACE_ID -> new StringValue(withoutLeadingZeros(HEX.formatHex(trace.trace.traceId())));
            case EVENT_NAME, EVENT_TIME_SINCE_START -> {
                int e = event != UNBOUND ? event : s.getEventsCount() > 0 ? 0 : UNBOUND;
                if (e == UNBOUND) yield FieldValue.NIL;
                Span.Event ev = s.getEvents(e);
                yield intrinsic == Intrinsic.EVENT_NAME ? new StringValue(ev.getName())
                        : new DurationValue(ev.getTimeUnixNano() - s.getStartTimeUnixNano());
            }
            case LINK_TRACE_ID, LINK_SPAN_ID -> {
                int l = link != UNBOUND ? link : s.getLinksCount() > 0 ? 0 : UNBOUND;
                if (l == UNBOUND) yield FieldValue.NIL;
                Span.Link li = s.getLinks(l);
                yield intrinsic == Intrinsic.LINK_TRACE_ID
                        ? new StringValue(withoutLeadingZeros(HEX.formatHex(li.getTraceId().toByteArray())))
                        : new StringValue(spanIdHex(li.getSpanId()));
            }
            case INSTRUMENTATION_NAME -> new StringValue(trace.scopes[span].getName());
            case INSTRUMENTATION_VERSION -> new StringValue(trace.scopes[span].getVersion());
            case NESTED_SET_LEFT -> new IntValue(trace.nestedSetLeft(span));
            case NESTED_SET_RIGHT -> new IntValue(trace.nestedSetRight(span));
            case NESTED_SET_PARENT -> new IntValue(trace.nestedSetParent(span));
            // the validator reports the parent intrinsic unsupported before a query runs
            case PARENT -> throw new EvaluationFailure("the parent intrinsic is not supported");
        };
    }

    /** Tempo's span ID text: hex without leading zeros, left-padded with zeros to 16 digits. */
    static String spanIdHex(ByteString id) {
        String hex = withoutLeadingZeros(HEX.formatHex(id.toByteArray()));
        return hex.length() >= 16 ? hex : "0".repeat(16 - hex.length()) + hex;
    }

    static String withoutLeadingZeros(String hex) {
        int first = 0;
        while (first < hex.length() && hex.charAt(first) == '0') first++;
        return hex.substring(first);
    }

    /** Tempo's {@code UnaryOperation.execute}. */
    private static FieldValue unary(UnaryExpr unary, FieldValue operand) {
        return switch (unary.op()) {
            case EXISTS -> FieldValue.bool(!operand.isNil());
            case NOT_EXISTS -> FieldValue.bool(operand.isNil());
            case NOT -> {
                if (!(operand instanceof BoolValue(boolean value))) {
                    throw new EvaluationFailure("expression (" + TempoNames.field(unary) + ") expected a boolean, but got "
                            + operand.type());
                }
                yield FieldValue.bool(!value);
            }
            case NEGATE -> switch (operand) {
                case IntValue(long value) -> new IntValue(-value);
                case FloatValue(double value) -> new FloatValue(-value);
                case DurationValue(long nanos) -> new DurationValue(-nanos);
                default -> throw new EvaluationFailure("expression (" + TempoNames.field(unary)
                        + ") expected a numeric, but got " + operand.type());
            };
        };
    }

    private FieldValue binary(BinaryExpr binary, TraceSpans trace, int span, int event, int link) {
        BinaryOp op = binary.op();
        FieldValue lhs = evaluate(binary.lhs(), trace, span, event, link);
        if (lhs instanceof BoolValue(boolean l)) {
            if (op == BinaryOp.AND && !l) return FieldValue.FALSE;
            if (op == BinaryOp.OR && l) return FieldValue.TRUE;
        }
        FieldValue rhs = evaluate(binary.rhs(), trace, span, event, link);
        // Tempo's parser trims leading zeros off a string literal compared directly with trace:id
        if (isTraceId(binary.lhs()) && binary.rhs() instanceof Literal && rhs instanceof StringValue(String text)) {
            rhs = new StringValue(withoutLeadingZeros(text));
        }
        if (isTraceId(binary.rhs()) && binary.lhs() instanceof Literal && lhs instanceof StringValue(String text)) {
            lhs = new StringValue(withoutLeadingZeros(text));
        }
        return Operators.binary(op, lhs, rhs, this::pattern);
    }

    private static boolean isTraceId(FieldExpr expr) {
        return expr instanceof IntrinsicField field && field.intrinsic() == Intrinsic.TRACE_ID;
    }

    /** RE2 over the whole text, {@code .} matching newlines too (Prometheus' FastRegexMatcher, which Tempo uses). */
    private Pattern pattern(String regex) {
        return patterns.computeIfAbsent(regex, r -> Pattern.compile(r, Pattern.DOTALL));
    }
}
