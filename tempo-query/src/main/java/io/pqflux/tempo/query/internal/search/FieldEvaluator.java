package io.pqflux.tempo.query.internal.search;

import com.google.protobuf.ByteString;
import com.google.re2j.Pattern;
import io.pqflux.tempo.query.internal.search.FieldValue.BoolValue;
import io.pqflux.tempo.query.internal.search.FieldValue.DurationValue;
import io.pqflux.tempo.query.internal.search.FieldValue.FloatValue;
import io.pqflux.tempo.query.internal.search.FieldValue.IntValue;
import io.pqflux.tempo.query.internal.search.FieldValue.StringValue;
import io.pqflux.traceql.internal.AttributeField;
import io.pqflux.traceql.internal.BinaryExpr;
import io.pqflux.traceql.internal.BinaryOp;
import io.pqflux.traceql.internal.FieldExpr;
import io.pqflux.traceql.internal.Intrinsic;
import io.pqflux.traceql.internal.IntrinsicField;
import io.pqflux.traceql.internal.Literal;
import io.pqflux.traceql.internal.UnaryExpr;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Field expressions evaluated on one span of a trace's {@link SpanFields} with Tempo's rules (docs/traceql.md, "Evaluation
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
    /** {@link #pattern} as the operators take it, made once: a method reference per binary evaluation is an object. */
    private final Function<String, Pattern> compiled = this::pattern;
    /** The query's literals as values, made once per matcher: a value per literal per span is an object each. */
    private final Map<Literal, FieldValue> literals = new IdentityHashMap<>();

    /** The expression's value at the span (and bound event, link). */
    FieldValue evaluate(FieldExpr expr, SpanFields trace, int span, int event, int link) {
        return switch (expr) {
            case Literal literal -> {
                FieldValue value = literals.get(literal);
                if (value == null) literals.put(literal, value = FieldValue.of(literal.value()));
                yield value;
            }
            case AttributeField attribute -> {
                if (span < 0) throw new EvaluationFailure("an attribute outside a span");
                yield trace.attribute(attribute, span, event, link);
            }
            case IntrinsicField intrinsic -> intrinsic(intrinsic.intrinsic(), trace, span, event, link);
            case UnaryExpr unary -> unary(unary, evaluate(unary.operand(), trace, span, event, link));
            case BinaryExpr binary -> binary(binary, trace, span, event, link);
        };
    }

    /** Whether the expression gives boolean true at the span: a filter's test. */
    boolean isTrue(FieldExpr expr, SpanFields trace, int span, int event, int link) {
        return isTrue(evaluate(expr, trace, span, event, link));
    }

    /** Whether a filter's value passes it: boolean true, nothing else. */
    static boolean isTrue(FieldValue value) {
        return value instanceof BoolValue(boolean b) && b;
    }

    /** The intrinsic at the span (and bound event, link). */
    FieldValue intrinsic(Intrinsic intrinsic, SpanFields trace, int span, int event, int link) {
        if (span < 0) throw new EvaluationFailure("an intrinsic outside a span");
        return trace.intrinsic(intrinsic, span, event, link);
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

    private FieldValue binary(BinaryExpr binary, SpanFields trace, int span, int event, int link) {
        BinaryOp op = binary.op();
        FieldValue lhs = evaluate(binary.lhs(), trace, span, event, link);
        FieldValue decided = shortCircuit(op, lhs);
        if (decided != null) return decided;
        FieldValue rhs = evaluate(binary.rhs(), trace, span, event, link);
        // Tempo's parser trims leading zeros off a string literal compared directly with trace:id
        if (isTraceId(binary.lhs()) && binary.rhs() instanceof Literal && rhs instanceof StringValue(String text)) {
            rhs = new StringValue(withoutLeadingZeros(text));
        }
        if (isTraceId(binary.rhs()) && binary.lhs() instanceof Literal && lhs instanceof StringValue(String text)) {
            lhs = new StringValue(withoutLeadingZeros(text));
        }
        return apply(op, lhs, rhs);
    }

    /**
     * The value of {@code lhs op rhs} when the left side decides it ({@code false &&}, {@code true ||}), the right side
     * not evaluated; null otherwise.
     */
    static FieldValue shortCircuit(BinaryOp op, FieldValue lhs) {
        if (lhs instanceof BoolValue(boolean l)) {
            if (op == BinaryOp.AND && !l) return FieldValue.FALSE;
            if (op == BinaryOp.OR && l) return FieldValue.TRUE;
        }
        return null;
    }

    /** {@code lhs op rhs}, regexes compiled once per matcher: how every binary expression ends. */
    FieldValue apply(BinaryOp op, FieldValue lhs, FieldValue rhs) {
        return Operators.binary(op, lhs, rhs, compiled);
    }

    private static boolean isTraceId(FieldExpr expr) {
        return expr instanceof IntrinsicField field && field.intrinsic() == Intrinsic.TRACE_ID;
    }

    /** RE2 over the whole text, {@code .} matching newlines too (Prometheus' FastRegexMatcher, which Tempo uses). */
    private Pattern pattern(String regex) {
        return patterns.computeIfAbsent(regex, r -> Pattern.compile(r, Pattern.DOTALL));
    }
}
