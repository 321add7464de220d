package io.pqflux.tempo.query.internal.search;

import io.pqflux.tempo.query.internal.search.FieldValue.FloatValue;
import io.pqflux.tempo.query.internal.search.FieldValue.StringValue;
import io.pqflux.traceql.internal.AttributeField;
import io.pqflux.traceql.internal.AttributeScope;
import io.pqflux.traceql.internal.BinaryExpr;
import io.pqflux.traceql.internal.FieldExpr;
import io.pqflux.traceql.internal.FieldRef;
import io.pqflux.traceql.internal.IntrinsicField;
import io.pqflux.traceql.internal.Literal;
import io.pqflux.traceql.internal.UnaryExpr;
import java.util.ArrayList;
import java.util.List;

/**
 * Names and texts as Tempo prints them ({@code ast_stringer.go}, {@code EncodeToString}, {@code AsAnyValue}): the
 * names of {@code by()} and aggregate spanset attributes ({@code by(resource.service.name)}, {@code avg(duration)})
 * and the text of values. Span-free parts of an expression are folded to their value first, as Tempo's parser does.
 */
final class TempoNames {

    private TempoNames() {
    }

    /**
     * A field expression as Tempo's {@code String()}: operands that are operations in parentheses, strings in
     * backquotes, floats in Go's shortest form with ".0" when integral, durations in Go's form.
     */
    static String field(FieldExpr expr) {
        if (!(expr instanceof Literal)) {
            FieldValue folded = fold(expr);
            if (folded != null) return staticText(folded);
        }
        return switch (expr) {
            case Literal literal -> staticText(FieldValue.of(literal.value()));
            case AttributeField attribute -> attribute(attribute);
            case IntrinsicField intrinsic -> intrinsic.intrinsic().tempoName();
            case BinaryExpr binary -> operand(binary.lhs()) + " " + binary.op().symbol() + " " + operand(binary.rhs());
            case UnaryExpr unary -> switch (unary.op()) {
                case EXISTS -> operand(unary.operand()) + " != nil";
                case NOT_EXISTS -> operand(unary.operand()) + " = nil";
                case NOT -> "!" + operand(unary.operand());
                case NEGATE -> "-" + operand(unary.operand());
            };
        };
    }

    private static String operand(FieldExpr expr) {
        if (expr instanceof Literal || expr instanceof FieldRef) return field(expr);
        FieldValue folded = fold(expr);
        return folded != null ? staticText(folded) : "(" + field(expr) + ")";
    }

    /** The value of an expression that reads no span; null when it reads one, or fails. */
    private static FieldValue fold(FieldExpr expr) {
        if (readsSpan(expr)) return null;
        try {
            return new FieldEvaluator().evaluate(expr, null, -1, FieldEvaluator.UNBOUND, FieldEvaluator.UNBOUND);
        } catch (EvaluationFailure e) {
            return null;
        }
    }

    private static boolean readsSpan(FieldExpr expr) {
        return switch (expr) {
            case Literal ignored -> false;
            case FieldRef ignored -> true;
            case UnaryExpr unary -> readsSpan(unary.operand());
            case BinaryExpr binary -> readsSpan(binary.lhs()) || readsSpan(binary.rhs());
        };
    }

    /** A static inside an expression: strings in backquotes, floats always with a point or exponent. */
    private static String staticText(FieldValue value) {
        return switch (value) {
            case StringValue(String text) -> "`" + text + "`";
            case FloatValue(double f) -> GoText.floatStatic(f);
            default -> text(value);
        };
    }

    /** Tempo's {@code EncodeToString(false)}: nil as {@code nil}, durations in Go's form, statuses and kinds as words. */
    static String text(FieldValue value) {
        return switch (value) {
            case FieldValue.Nil ignored -> "nil";
            case FieldValue.IntValue(long v) -> Long.toString(v);
            case FloatValue(double f) -> GoText.floatStatic(f);
            case StringValue(String s) -> s;
            case FieldValue.BoolValue(boolean b) -> Boolean.toString(b);
            case FieldValue.DurationValue(long nanos) -> GoText.duration(nanos);
            case FieldValue.StatusValue(long code) -> FieldValue.statusWord(code);
            case FieldValue.KindValue(long code) -> FieldValue.kindWord(code);
            case FieldValue.ArrayValue array -> array.elements().stream().map(TempoNames::text).toList().toString();
        };
    }

    /** {@code span.x}, {@code .x}, {@code resource."a b"}: the scope, then the name, quoted where it must be. */
    private static String attribute(AttributeField field) {
        List<String> scopes = new ArrayList<>();
        if (field.parent()) scopes.add("parent");
        if (field.scope() != AttributeScope.NONE) scopes.add(field.scope().prefix());
        String name = field.name();
        String prefix = scopes.isEmpty() ? (name.isEmpty() ? "" : ".") : String.join(".", scopes) + ".";
        if (needsQuotes(name)) name = '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        return prefix + name;
    }

    private static boolean needsQuotes(String name) {
        return name.codePoints().anyMatch(c -> c == '"' || "\t\n\u000B\f\r \u0085".indexOf(c) >= 0
                || Character.isSpaceChar(c) || "{}()=~!<>&|^,".indexOf(c) >= 0);
    }
}
