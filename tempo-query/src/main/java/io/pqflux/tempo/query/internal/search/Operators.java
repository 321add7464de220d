package io.pqflux.tempo.query.internal.search;

import com.google.re2j.Pattern;
import io.pqflux.tempo.query.internal.search.FieldValue.ArrayValue;
import io.pqflux.tempo.query.internal.search.FieldValue.BoolValue;
import io.pqflux.tempo.query.internal.search.FieldValue.DurationValue;
import io.pqflux.tempo.query.internal.search.FieldValue.FloatValue;
import io.pqflux.tempo.query.internal.search.FieldValue.IntValue;
import io.pqflux.tempo.query.internal.search.FieldValue.StringValue;
import io.pqflux.tempo.query.internal.search.FieldValue.Type;
import io.pqflux.traceql.internal.BinaryOp;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Tempo's operators on values ({@code BinaryOperation.execute}, {@code binaryTypeValid}, {@code isMatchingOperand},
 * {@code Static.Equals}, {@code compare}), as docs/traceql.md ("Operators") lists them: operands of unrelated types,
 * or of a type the operator does not take (nil among them), give false; int op int stays a 64-bit int; arrays meet a
 * scalar element by element; everything else numeric goes through float64.
 */
final class Operators {

    private Operators() {
    }

    /** The operator on two values; {@code patterns} compiles a regex (a query's are compiled once). */
    static FieldValue binary(BinaryOp op, FieldValue lhs, FieldValue rhs, Function<String, Pattern> patterns) {
        return binary(op, lhs, rhs, patterns, true);
    }

    private static FieldValue binary(BinaryOp op, FieldValue lhs, FieldValue rhs, Function<String, Pattern> patterns,
                                     boolean arrays) {
        Type lt = lhs.type();
        Type rt = rhs.type();
        if (!matchingOperands(lt, rt) || !takes(op, lt) || !takes(op, rt)) return FieldValue.FALSE;
        if (lhs instanceof StringValue(String l) && rhs instanceof StringValue(String r)) {
            switch (op) {
                case LT, LTE, GT, GTE -> {
                    return FieldValue.bool(ordered(op, compareUtf8(l, r)));
                }
                case REGEX, NOT_REGEX -> {
                    return FieldValue.bool(patterns.apply(r).matches(l) == (op == BinaryOp.REGEX));
                }
                default -> {
                }
            }
        } else if (lhs instanceof IntValue(long l) && rhs instanceof IntValue(long r)) {
            FieldValue result = ints(op, l, r);
            if (result != null) return result;
        } else if (lhs instanceof BoolValue(boolean l) && rhs instanceof BoolValue(boolean r)) {
            if (op == BinaryOp.AND) return FieldValue.bool(l && r);
            if (op == BinaryOp.OR) return FieldValue.bool(l || r);
        } else if (arrays && (lt.isArray() || rt.isArray())) {
            return arrayWithScalar(op, lhs, rhs, patterns);
        }
        double l = lhs.asFloat();
        double r = rhs.asFloat();
        return switch (op) {
            case ADD -> new FloatValue(l + r);
            case SUB -> new FloatValue(l - r);
            case MUL -> new FloatValue(l * r);
            case DIV -> new FloatValue(l / r);
            case MOD -> new FloatValue(l % r); // Go's math.Mod: the dividend's sign, as Java's %
            case POW -> new FloatValue(Math.pow(l, r));
            case LT -> FieldValue.bool(l < r);
            case LTE -> FieldValue.bool(l <= r);
            case GT -> FieldValue.bool(l > r);
            case GTE -> FieldValue.bool(l >= r);
            case EQ -> FieldValue.bool(equal(lhs, rhs));
            case NEQ -> FieldValue.bool(notEqual(lhs, rhs));
            default -> throw new EvaluationFailure("unexpected operator " + op.symbol());
        };
    }

    /** int op int in 64 bits; null for the operators that fall through to the generic rules ({@code =}, {@code !=}). */
    private static FieldValue ints(BinaryOp op, long l, long r) {
        return switch (op) {
            case ADD -> new IntValue(l + r);
            case SUB -> new IntValue(l - r);
            case MUL -> new IntValue(l * r);
            case DIV -> {
                if (r == 0) throw new EvaluationFailure("division by zero");
                yield new IntValue(l / r);
            }
            case MOD -> {
                if (r == 0) throw new EvaluationFailure("modulo by zero");
                yield new IntValue(l % r);
            }
            // Tempo computes intPow(rhs, lhs): the right operand raised to the left one, through float64
            case POW -> new IntValue(goFloatToInt(Math.pow(r, l)));
            case LT -> FieldValue.bool(l < r);
            case LTE -> FieldValue.bool(l <= r);
            case GT -> FieldValue.bool(l > r);
            case GTE -> FieldValue.bool(l >= r);
            default -> null;
        };
    }

    /** Go's float64 to int64 conversion on amd64: NaN and out-of-range values give the minimum int. */
    private static long goFloatToInt(double d) {
        if (Double.isNaN(d) || d >= 0x1p63 || d < -0x1p63) return Long.MIN_VALUE;
        return (long) d;
    }

    /**
     * An array with a scalar: the operator per element, the array's side moved right ({@code < <= > >=} flipped; for
     * regexes the element stays the matched text). {@code !=} and {@code !~} need every element, the rest one.
     */
    private static FieldValue arrayWithScalar(BinaryOp op, FieldValue lhs, FieldValue rhs,
                                              Function<String, Pattern> patterns) {
        if (op.isArithmetic()) throw new EvaluationFailure("arithmetic on arrays is not supported");
        if (lhs.type().isArray() && rhs.type().isArray()) {
            throw new EvaluationFailure("array operators must consist of a scalar and an array operand");
        }
        BinaryOp elementOp = op;
        FieldValue array = rhs;
        FieldValue scalar = lhs;
        boolean elementLeft = false;
        if (lhs.type().isArray()) {
            elementOp = switch (op) {
                case LT -> BinaryOp.GT;
                case LTE -> BinaryOp.GTE;
                case GT -> BinaryOp.LT;
                case GTE -> BinaryOp.LTE;
                default -> op;
            };
            array = lhs;
            scalar = rhs;
            elementLeft = op.isRegex();
        }
        boolean every = elementOp == BinaryOp.NEQ || elementOp == BinaryOp.NOT_REGEX;
        List<FieldValue> elements = array.elements();
        for (FieldValue element : elements) {
            FieldValue result = elementLeft ? binary(elementOp, element, scalar, patterns, false)
                    : binary(elementOp, scalar, element, patterns, false);
            boolean passed = result instanceof BoolValue(boolean b) && b;
            if (every && !passed) return FieldValue.FALSE;
            if (!every && passed) return FieldValue.TRUE;
        }
        return FieldValue.bool(every);
    }

    /** Tempo's {@code isMatchingOperand}: equal types, two numbers, a nil, or an array with its element type. */
    private static boolean matchingOperands(Type t, Type o) {
        if (t == o || (t.isNumeric() && o.isNumeric()) || t == Type.NIL || o == Type.NIL) return true;
        if (t.isArray()) return matchingOperands(t.element(), o);
        if (o.isArray()) return matchingOperands(o.element(), t);
        return false;
    }

    /** Tempo's {@code binaryTypeValid}: whether a value of the type may stand beside the operator. */
    private static boolean takes(BinaryOp op, Type type) {
        return switch (type) {
            case BOOLEAN, BOOLEAN_ARRAY -> op == BinaryOp.AND || op == BinaryOp.OR || op == BinaryOp.EQ || op == BinaryOp.NEQ;
            case INT, FLOAT, DURATION, INT_ARRAY, FLOAT_ARRAY -> op.isArithmetic() || isComparison(op);
            case STRING, STRING_ARRAY -> isComparison(op) || op.isRegex();
            case NIL, STATUS, KIND -> op == BinaryOp.EQ || op == BinaryOp.NEQ;
        };
    }

    private static boolean isComparison(BinaryOp op) {
        return switch (op) {
            case EQ, NEQ, LT, LTE, GT, GTE -> true;
            default -> false;
        };
    }

    private static boolean ordered(BinaryOp op, int order) {
        return switch (op) {
            case LT -> order < 0;
            case LTE -> order <= 0;
            case GT -> order > 0;
            case GTE -> order >= 0;
            default -> throw new IllegalArgumentException(op + " is not an ordering");
        };
    }

    /**
     * Tempo's {@code Equals}: nil equals nothing; ints and durations by value, with floats numerically; a status equals
     * an int of its number; kinds and booleans only their own type; strings and arrays by type and content.
     */
    static boolean equal(FieldValue lhs, FieldValue rhs) {
        Type lt = lhs.type();
        Type rt = rhs.type();
        if (lt == Type.NIL || rt == Type.NIL) return false;
        return switch (lt) {
            case INT, DURATION -> switch (rt) {
                case INT, DURATION -> whole(lhs) == whole(rhs);
                case STATUS -> lt == Type.INT && whole(lhs) == whole(rhs);
                case FLOAT -> lhs.asFloat() == rhs.asFloat();
                default -> false;
            };
            case STATUS -> (rt == Type.INT || rt == Type.STATUS) && whole(lhs) == whole(rhs);
            case FLOAT -> lhs.asFloat() == rhs.asFloat();
            case KIND, BOOLEAN -> lt == rt && lhs.equals(rhs);
            default -> lhs.equals(rhs);
        };
    }

    /** Tempo's {@code NotEquals}: false when either side is nil. */
    static boolean notEqual(FieldValue lhs, FieldValue rhs) {
        return !lhs.isNil() && !rhs.isNil() && !equal(lhs, rhs);
    }

    private static long whole(FieldValue value) {
        return switch (value) {
            case IntValue i -> i.value();
            case DurationValue d -> d.nanos();
            case FieldValue.StatusValue s -> s.code();
            case FieldValue.KindValue k -> k.code();
            case BoolValue b -> b.value() ? 1 : 0;
            case FloatValue f -> Double.doubleToRawLongBits(f.value());
            default -> 0;
        };
    }

    /**
     * Tempo's {@code compare}, which {@code min} and {@code max} use: numbers of different types numerically, other
     * different types by type order; two floats by their bit patterns as signed integers (so two negative floats the
     * wrong way round, as in Tempo), strings byte-wise, arrays element by element then by length.
     */
    static int order(FieldValue lhs, FieldValue rhs) {
        Type lt = lhs.type();
        Type rt = rhs.type();
        if (lt != rt) {
            if (lt.isNumeric() && rt.isNumeric()) return goCompare(lhs.asFloat(), rhs.asFloat());
            return Integer.compare(lt.ordinal(), rt.ordinal());
        }
        return switch (lhs) {
            case FieldValue.Nil ignored -> 0;
            case StringValue(String l) -> compareUtf8(l, ((StringValue) rhs).value());
            case ArrayValue(Type ignored, List<FieldValue> l) -> {
                List<FieldValue> r = ((ArrayValue) rhs).elements();
                for (int i = 0; i < Math.min(l.size(), r.size()); i++) {
                    int c = lt == Type.FLOAT_ARRAY ? goCompare(l.get(i).asFloat(), r.get(i).asFloat()) : order(l.get(i), r.get(i));
                    if (c != 0) yield c;
                }
                yield Integer.compare(l.size(), r.size());
            }
            case BoolValue(boolean l) -> Boolean.compare(l, ((BoolValue) rhs).value());
            default -> Long.compare(whole(lhs), whole(rhs));
        };
    }

    /** Go's {@code cmp.Compare} on floats: NaN first (equal to NaN), -0 equal to +0. */
    private static int goCompare(double a, double b) {
        boolean an = Double.isNaN(a);
        boolean bn = Double.isNaN(b);
        if (an || bn) return an && bn ? 0 : an ? -1 : 1;
        return a < b ? -1 : a > b ? 1 : 0;
    }

    /** Go's string order: bytes of the UTF-8 encoding, unsigned. */
    static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A scalar filter's comparison of an aggregate with a literal (Tempo's {@code binOp}): the same type rules, then
     * numbers as float64 and {@code =}/{@code !=} as {@link #equal}.
     */
    static boolean scalarComparison(BinaryOp op, FieldValue lhs, FieldValue rhs) {
        Type lt = lhs.type();
        Type rt = rhs.type();
        if (!matchingOperands(lt, rt) || !takes(op, lt) || !takes(op, rt)) return false;
        return switch (op) {
            case LT -> lhs.asFloat() < rhs.asFloat();
            case LTE -> lhs.asFloat() <= rhs.asFloat();
            case GT -> lhs.asFloat() > rhs.asFloat();
            case GTE -> lhs.asFloat() >= rhs.asFloat();
            case EQ -> equal(lhs, rhs);
            case NEQ -> notEqual(lhs, rhs);
            default -> throw new EvaluationFailure("unexpected operator " + op.symbol());
        };
    }
}
