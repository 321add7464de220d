package io.pqflux.traceql.internal;

/**
 * The unary operators: {@code -x}, {@code !x}, and the nil comparisons, which Tempo turns into existence checks
 * ({@code x != nil} is {@link #EXISTS}, {@code x = nil} is {@link #NOT_EXISTS}, whichever side the nil is on).
 */
public enum UnaryOp {
    NEGATE, NOT, EXISTS, NOT_EXISTS
}
