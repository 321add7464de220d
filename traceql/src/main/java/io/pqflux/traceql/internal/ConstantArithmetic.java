package io.pqflux.traceql.internal;

/**
 * Tempo's folding of arithmetic between numbers where its grammar takes a constant (expr.y's {@code scalar}: scalar
 * filters, metrics comparisons and metrics arithmetic): {@code + - * /} and unary minus, computed as Tempo computes
 * static operations when parsing. Two ints stay an int (64-bit, wrapping; division truncates, and by zero is an
 * error); any float makes a float (Go's floats: {@code 1.0 / 0} is infinite); durations may be negated but take part
 * in no other arithmetic.
 */
final class ConstantArithmetic {

    private ConstantArithmetic() {
    }

    /**
     * @param op one of {@code + - * /}
     * @throws ArithmeticException where Tempo refuses the query: a duration operand, an integer division by zero
     */
    static StaticValue fold(BinaryOp op, StaticValue lhs, StaticValue rhs) {
        if (!op.isElementaryArithmetic()) {
            throw new IllegalArgumentException(op + " is not folded");
        }
        if (lhs instanceof StaticValue.DurationValue || rhs instanceof StaticValue.DurationValue) {
            throw new ArithmeticException("a duration cannot take part in arithmetic between numbers");
        }
        if (lhs instanceof StaticValue.IntValue(long a) && rhs instanceof StaticValue.IntValue(long b)) {
            return new StaticValue.IntValue(switch (op) {
                case ADD -> a + b;
                case SUB -> a - b;
                case MUL -> a * b;
                default -> {
                    if (b == 0) {
                        throw new ArithmeticException("integer division by zero");
                    }
                    yield a / b;
                }
            });
        }
        double a = number(lhs);
        double b = number(rhs);
        return new StaticValue.FloatValue(switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            default -> a / b;
        });
    }

    /** {@code -value}, of the same type (an int wraps at the minimum, as Go's does). */
    static StaticValue negate(StaticValue value) {
        return switch (value) {
            case StaticValue.IntValue(long v) -> new StaticValue.IntValue(-v);
            case StaticValue.FloatValue(double v) -> new StaticValue.FloatValue(-v);
            case StaticValue.DurationValue(long nanos) -> new StaticValue.DurationValue(-nanos);
            default -> throw new IllegalArgumentException("not a number: " + value);
        };
    }

    private static double number(StaticValue value) {
        return switch (value) {
            case StaticValue.IntValue(long v) -> v;
            case StaticValue.FloatValue(double v) -> v;
            default -> throw new IllegalArgumentException("not a number: " + value);
        };
    }
}
