package io.pqflux.tempo.internal.search;

import com.google.protobuf.ByteString;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.tempo.internal.traceql.AttributeField;
import io.pqflux.tempo.internal.traceql.AttributeScope;
import io.pqflux.tempo.internal.traceql.BinaryExpr;
import io.pqflux.tempo.internal.traceql.BinaryOp;
import io.pqflux.tempo.internal.traceql.FieldExpr;
import io.pqflux.tempo.internal.traceql.FieldRef;
import io.pqflux.tempo.internal.traceql.IntrinsicField;
import io.pqflux.tempo.internal.traceql.Literal;
import io.pqflux.tempo.internal.traceql.SpanKind;
import io.pqflux.tempo.internal.traceql.StaticValue;
import io.pqflux.tempo.internal.traceql.Status;
import io.pqflux.tempo.internal.traceql.UnaryExpr;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Field expressions evaluated on one span of a {@link TraceSpans}, with Tempo's value rules: a missing attribute is
 * nil and makes every comparison false ({@code !=} included); ints, floats and durations compare as numbers;
 * arithmetic gives floats; strings compare by content and regexes match the whole string (RE2); values of other
 * types compare only for (in)equality with their own type. Event and link fields are read from the event and link
 * the caller is at ({@code -1} when the span has none): a span matches an event condition when one of its events
 * does.
 */
final class FieldEvaluator {

    private static final HexFormat HEX = HexFormat.of();
    private static final SpanKind[] KINDS = SpanKind.values();

    /** The query's regexes, compiled once per search (the validator has checked that each compiles). */
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    /** The expression's value at the span (and event, link); null for nil. */
    StaticValue evaluate(FieldExpr expr, TraceSpans trace, int span, int event, int link) {
        return switch (expr) {
            case Literal literal -> literal.value();
            case AttributeField attribute -> attribute(attribute, trace, span, event, link);
            case IntrinsicField intrinsic -> intrinsic(intrinsic, trace, span, event, link);
            case UnaryExpr unary -> unary(unary, trace, span, event, link);
            case BinaryExpr binary -> binary(binary, trace, span, event, link);
        };
    }

    /** Whether the expression is true at the span: a filter's test. */
    boolean isTrue(FieldExpr expr, TraceSpans trace, int span, int event, int link) {
        return evaluate(expr, trace, span, event, link) instanceof StaticValue.BooleanValue(boolean value) && value;
    }

    /** A field of the span, as a {@code select} or a search result reports it; null for nil. */
    StaticValue field(FieldRef field, TraceSpans trace, int span) {
        return evaluate(field, trace, span, trace.spans[span].getEventsCount() > 0 ? 0 : -1,
                trace.spans[span].getLinksCount() > 0 ? 0 : -1);
    }

    private StaticValue attribute(AttributeField field, TraceSpans trace, int span, int event, int link) {
        Span s = trace.spans[span];
        return switch (field.scope()) {
            case NONE -> {
                StaticValue own = find(s.getAttributesList(), field.name());
                yield own != null ? own : find(trace.resources[span].getAttributesList(), field.name());
            }
            case SPAN -> find(s.getAttributesList(), field.name());
            case RESOURCE -> find(trace.resources[span].getAttributesList(), field.name());
            case INSTRUMENTATION -> find(trace.scopes[span].getAttributesList(), field.name());
            case EVENT -> event < 0 ? null : find(s.getEvents(event).getAttributesList(), field.name());
            case LINK -> link < 0 ? null : find(s.getLinks(link).getAttributesList(), field.name());
        };
    }

    /** The first attribute named {@code name} as a scalar; arrays, maps and bytes are nil here. */
    private static StaticValue find(List<KeyValue> attributes, String name) {
        for (KeyValue kv : attributes) {
            if (kv.getKey().equals(name)) return scalar(kv.getValue());
        }
        return null;
    }

    static StaticValue scalar(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> new StaticValue.StringValue(value.getStringValue());
            case INT_VALUE -> new StaticValue.IntValue(value.getIntValue());
            case DOUBLE_VALUE -> new StaticValue.FloatValue(value.getDoubleValue());
            case BOOL_VALUE -> new StaticValue.BooleanValue(value.getBoolValue());
            default -> null;
        };
    }

    private StaticValue intrinsic(IntrinsicField field, TraceSpans trace, int span, int event, int link) {
        Span s = trace.spans[span];
        return switch (field.intrinsic()) {
            case DURATION -> new StaticValue.DurationValue(s.getEndTimeUnixNano() - s.getStartTimeUnixNano());
            case NAME -> new StaticValue.StringValue(s.getName());
            case STATUS -> new StaticValue.StatusValue(switch (s.getStatus().getCodeValue()) {
                case 1 -> Status.OK;
                case 2 -> Status.ERROR;
                default -> Status.UNSET;
            });
            case STATUS_MESSAGE -> new StaticValue.StringValue(s.getStatus().getMessage());
            case KIND -> {
                int kind = s.getKindValue();
                yield new StaticValue.KindValue(kind >= 0 && kind < KINDS.length ? KINDS[kind] : SpanKind.UNSPECIFIED);
            }
            case SPAN_ID -> hex(s.getSpanId());
            case PARENT_ID -> s.getParentSpanId().isEmpty() ? null : hex(s.getParentSpanId());
            case CHILD_COUNT -> new StaticValue.IntValue(trace.childCount[span]);
            case TRACE_DURATION -> new StaticValue.DurationValue(trace.trace.durationNano());
            case ROOT_NAME -> new StaticValue.StringValue(trace.trace.rootSpanName());
            case ROOT_SERVICE -> new StaticValue.StringValue(trace.trace.rootServiceName());
            case TRACE_ID -> new StaticValue.StringValue(trace.trace.traceIdHex());
            case EVENT_NAME -> event < 0 ? null : new StaticValue.StringValue(s.getEvents(event).getName());
            case EVENT_TIME_SINCE_START -> event < 0 ? null
                    : new StaticValue.DurationValue(s.getEvents(event).getTimeUnixNano() - s.getStartTimeUnixNano());
            case LINK_TRACE_ID -> link < 0 ? null : hex(s.getLinks(link).getTraceId());
            case LINK_SPAN_ID -> link < 0 ? null : hex(s.getLinks(link).getSpanId());
            case INSTRUMENTATION_NAME -> new StaticValue.StringValue(trace.scopes[span].getName());
            case INSTRUMENTATION_VERSION -> new StaticValue.StringValue(trace.scopes[span].getVersion());
            case NESTED_SET_LEFT -> new StaticValue.IntValue(trace.nestedSetLeft[span]);
            case NESTED_SET_RIGHT -> new StaticValue.IntValue(trace.nestedSetRight[span]);
            case NESTED_SET_PARENT -> new StaticValue.IntValue(trace.nestedSetParent(span));
            // the validator reports the parent intrinsic unsupported before a query runs
            case PARENT -> throw new IllegalStateException("the parent intrinsic is not evaluated");
        };
    }

    private static StaticValue hex(ByteString id) {
        return new StaticValue.StringValue(HEX.formatHex(id.toByteArray()));
    }

    private StaticValue unary(UnaryExpr unary, TraceSpans trace, int span, int event, int link) {
        StaticValue operand = evaluate(unary.operand(), trace, span, event, link);
        return switch (unary.op()) {
            case EXISTS -> new StaticValue.BooleanValue(operand != null);
            case NOT_EXISTS -> new StaticValue.BooleanValue(operand == null);
            case NOT -> operand instanceof StaticValue.BooleanValue(boolean value) ? new StaticValue.BooleanValue(!value) : null;
            case NEGATE -> switch (operand) {
                case StaticValue.IntValue(long value) -> new StaticValue.IntValue(-value);
                case StaticValue.FloatValue(double value) -> new StaticValue.FloatValue(-value);
                case StaticValue.DurationValue(long nanos) -> new StaticValue.DurationValue(-nanos);
                case null, default -> null;
            };
        };
    }

    private StaticValue binary(BinaryExpr binary, TraceSpans trace, int span, int event, int link) {
        BinaryOp op = binary.op();
        if (op == BinaryOp.AND || op == BinaryOp.OR) {
            boolean lhs = isTrue(binary.lhs(), trace, span, event, link);
            if (op == BinaryOp.AND && !lhs) return new StaticValue.BooleanValue(false);
            if (op == BinaryOp.OR && lhs) return new StaticValue.BooleanValue(true);
            return new StaticValue.BooleanValue(isTrue(binary.rhs(), trace, span, event, link));
        }
        StaticValue lhs = evaluate(binary.lhs(), trace, span, event, link);
        StaticValue rhs = evaluate(binary.rhs(), trace, span, event, link);
        if (lhs == null || rhs == null) return op.isArithmetic() ? null : new StaticValue.BooleanValue(false);
        if (op.isArithmetic()) return arithmetic(op, lhs, rhs);
        if (op.isRegex()) {
            if (!(lhs instanceof StaticValue.StringValue(String text)) || !(rhs instanceof StaticValue.StringValue(String regex))) {
                return new StaticValue.BooleanValue(false);
            }
            return new StaticValue.BooleanValue(pattern(regex).matches(text) == (op == BinaryOp.REGEX));
        }
        return new StaticValue.BooleanValue(compare(op, lhs, rhs));
    }

    /** Arithmetic as Tempo does it: over the operands as floats; null unless both are numbers. */
    static StaticValue arithmetic(BinaryOp op, StaticValue lhs, StaticValue rhs) {
        if (!lhs.type().isNumeric() || !rhs.type().isNumeric()) return null;
        double l = number(lhs);
        double r = number(rhs);
        return new StaticValue.FloatValue(switch (op) {
            case ADD -> l + r;
            case SUB -> l - r;
            case MUL -> l * r;
            case DIV -> l / r;
            case MOD -> l % r;
            case POW -> Math.pow(l, r);
            default -> throw new IllegalArgumentException(op + " is not arithmetic");
        });
    }

    static double number(StaticValue value) {
        return switch (value) {
            case StaticValue.IntValue(long v) -> v;
            case StaticValue.FloatValue(double v) -> v;
            case StaticValue.DurationValue(long nanos) -> nanos;
            default -> throw new IllegalArgumentException("not a number: " + value);
        };
    }

    /** A comparison of two non-nil values; values of unrelated types are never equal, nor unequal. */
    static boolean compare(BinaryOp op, StaticValue lhs, StaticValue rhs) {
        int order;
        if (lhs.type().isNumeric() && rhs.type().isNumeric()) {
            order = lhs instanceof StaticValue.FloatValue || rhs instanceof StaticValue.FloatValue
                    ? Double.compare(number(lhs), number(rhs)) : Long.compare(whole(lhs), whole(rhs));
        } else if (lhs instanceof StaticValue.StringValue(String l) && rhs instanceof StaticValue.StringValue(String r)) {
            order = l.compareTo(r);
        } else if (lhs.type() == rhs.type()) {
            // booleans, statuses and kinds: equality only
            boolean equal = lhs.equals(rhs);
            return switch (op) {
                case EQ -> equal;
                case NEQ -> !equal;
                default -> false;
            };
        } else {
            return false;
        }
        return switch (op) {
            case EQ -> order == 0;
            case NEQ -> order != 0;
            case LT -> order < 0;
            case LTE -> order <= 0;
            case GT -> order > 0;
            case GTE -> order >= 0;
            default -> throw new IllegalArgumentException(op + " is not a comparison");
        };
    }

    private static long whole(StaticValue value) {
        return value instanceof StaticValue.IntValue(long v) ? v : ((StaticValue.DurationValue) value).nanos();
    }

    /** A fully anchored RE2 pattern ({@code matches} tests the whole text, as Tempo anchors since 2.7). */
    private Pattern pattern(String regex) {
        return patterns.computeIfAbsent(regex, r -> {
            try {
                return Pattern.compile(r);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("not a regular expression: " + r, e);
            }
        });
    }
}
