package io.pqflux.traceql.internal;

/**
 * The binary operators of field and scalar expressions, with Tempo's precedences (expr.y: {@code && ||} lowest, then
 * comparisons and regex matches, {@code + -}, {@code * / %}, and {@code ^}, the only right-associative one).
 */
public enum BinaryOp {
    OR("||", 1), AND("&&", 1),
    EQ("=", 2), NEQ("!=", 2), LT("<", 2), LTE("<=", 2), GT(">", 2), GTE(">=", 2), REGEX("=~", 2), NOT_REGEX("!~", 2),
    ADD("+", 3), SUB("-", 3),
    MUL("*", 5), DIV("/", 5), MOD("%", 5),
    POW("^", 6);

    /** Between {@code + -} and {@code * / %}: where Tempo puts {@code !} (unary minus binds as {@code + -}). */
    static final int UNARY_OPERAND_PRECEDENCE = 5;

    private final String symbol;
    private final int precedence;

    BinaryOp(String symbol, int precedence) {
        this.symbol = symbol;
        this.precedence = precedence;
    }

    public String symbol() {
        return symbol;
    }

    int precedence() {
        return precedence;
    }

    boolean rightAssociative() {
        return this == POW;
    }

    public boolean isComparison() {
        return precedence == 2 && !isRegex();
    }

    public boolean isRegex() {
        return this == REGEX || this == NOT_REGEX;
    }

    public boolean isArithmetic() {
        return precedence >= 3;
    }

    /**
     * {@code + - * /}: the arithmetic Tempo folds between numbers (scalar contexts) and applies between metrics
     * queries; {@code %} and {@code ^} take an aggregate or a field on one side.
     */
    public boolean isElementaryArithmetic() {
        return this == ADD || this == SUB || this == MUL || this == DIV;
    }

    /** Comparisons, regex matches and {@code && ||} give booleans; arithmetic gives its operands' type. */
    public boolean isBoolean() {
        return !isArithmetic();
    }
}
