package io.pqflux.filter;

import io.pqflux.internal.filter.Literals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A row filter over columns named by dotted path, with literals as Java values of the column's logical
 * type (see {@link Literals} for which Java types each column takes). Immutable; checked against a file's
 * schema when a reader opens it.
 *
 * <p>Semantics: a row matches or it does not (two-valued logic). A comparison or {@code in} matches only
 * non-null values, so {@code lt}, {@code eq} and friends never match a null; {@code notEq(c, v)} is exactly
 * {@code not(eq(c, v))} and matches nulls. {@code not} is the exact complement. Floating-point values
 * compare as IEEE 754 numbers: -0.0 equals 0.0, and NaN matches no comparison (so {@code notEq(c, NaN)}
 * matches every row). Predicates on repeated columns (lists, maps, repeated fields) are not supported.
 *
 * <p>Serializable (its literals are numbers, strings, byte arrays and {@code java.time} values), so a distributed
 * engine ships it inside a source.
 */
public sealed interface Predicate extends java.io.Serializable {

    /** Comparison operators, with the symbols the CLI's expression syntax uses. */
    enum Operator {
        EQ("="), NOT_EQ("!="), LT("<"), LT_EQ("<="), GT(">"), GT_EQ(">=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        /** Whether a value that compares to the literal as {@code comparison} (negative, zero, positive) passes. */
        public boolean holds(int comparison) {
            return switch (this) {
                case EQ -> comparison == 0;
                case NOT_EQ -> comparison != 0;
                case LT -> comparison < 0;
                case LT_EQ -> comparison <= 0;
                case GT -> comparison > 0;
                case GT_EQ -> comparison >= 0;
            };
        }
    }

    /** {@code column <operator> value}; {@code value} is not null (use {@link IsNull}). */
    record Comparison(String column, Operator operator, Object value) implements Predicate {
        public Comparison {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(operator, "operator");
            if (value == null) {
                throw new IllegalArgumentException("null literal for column '" + column + "': use isNull/isNotNull");
            }
            if (value instanceof byte[] bytes) value = bytes.clone();
        }

        @Override
        public String toString() {
            return column + " " + operator.symbol() + " " + literalText(value);
        }
    }

    /** {@code column} equals one of {@code values}. */
    record In(String column, List<Object> values) implements Predicate {
        public In {
            Objects.requireNonNull(column, "column");
            if (values.isEmpty()) throw new IllegalArgumentException("in(" + column + "): no values");
            if (values.stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("in(" + column + "): null literal; combine with isNull instead");
            }
            values = values.stream().map(v -> v instanceof byte[] b ? b.clone() : v).toList();
        }

        @Override
        public String toString() {
            return column + " in (" + values.stream().map(Predicate::literalText).collect(Collectors.joining(", ")) + ")";
        }
    }

    record IsNull(String column) implements Predicate {
        public IsNull {
            Objects.requireNonNull(column, "column");
        }

        @Override
        public String toString() {
            return column + " is null";
        }
    }

    record IsNotNull(String column) implements Predicate {
        public IsNotNull {
            Objects.requireNonNull(column, "column");
        }

        @Override
        public String toString() {
            return column + " is not null";
        }
    }

    record And(List<Predicate> operands) implements Predicate {
        public And {
            if (operands.isEmpty()) throw new IllegalArgumentException("and() needs at least one operand");
            operands = List.copyOf(operands);
        }

        @Override
        public String toString() {
            return operands.stream().map(p -> "(" + p + ")").collect(Collectors.joining(" and "));
        }
    }

    record Or(List<Predicate> operands) implements Predicate {
        public Or {
            if (operands.isEmpty()) throw new IllegalArgumentException("or() needs at least one operand");
            operands = List.copyOf(operands);
        }

        @Override
        public String toString() {
            return operands.stream().map(p -> "(" + p + ")").collect(Collectors.joining(" or "));
        }
    }

    record Not(Predicate operand) implements Predicate {
        public Not {
            Objects.requireNonNull(operand, "operand");
        }

        @Override
        public String toString() {
            return "not (" + operand + ")";
        }
    }

    static Predicate eq(String column, Object value) {
        return new Comparison(column, Operator.EQ, value);
    }

    static Predicate notEq(String column, Object value) {
        return new Comparison(column, Operator.NOT_EQ, value);
    }

    static Predicate lt(String column, Object value) {
        return new Comparison(column, Operator.LT, value);
    }

    static Predicate ltEq(String column, Object value) {
        return new Comparison(column, Operator.LT_EQ, value);
    }

    static Predicate gt(String column, Object value) {
        return new Comparison(column, Operator.GT, value);
    }

    static Predicate gtEq(String column, Object value) {
        return new Comparison(column, Operator.GT_EQ, value);
    }

    static Predicate in(String column, List<?> values) {
        return new In(column, new ArrayList<>(values));
    }

    static Predicate in(String column, Object... values) {
        return new In(column, Arrays.asList(values));
    }

    static Predicate isNull(String column) {
        return new IsNull(column);
    }

    static Predicate isNotNull(String column) {
        return new IsNotNull(column);
    }

    static Predicate and(Predicate... operands) {
        return new And(List.of(operands));
    }

    static Predicate or(Predicate... operands) {
        return new Or(List.of(operands));
    }

    static Predicate not(Predicate operand) {
        return new Not(operand);
    }

    /** A literal as the CLI expression syntax writes it: numbers and booleans bare, bytes in hex, the rest quoted. */
    private static String literalText(Object value) {
        return switch (value) {
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            case byte[] b -> "x'" + HexFormat.of().formatHex(b) + "'";
            default -> "'" + value.toString().replace("'", "''") + "'";
        };
    }
}
