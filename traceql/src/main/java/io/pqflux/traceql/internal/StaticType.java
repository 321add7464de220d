package io.pqflux.traceql.internal;

/**
 * The type the validator infers for an expression, as Tempo's {@code StaticType}: {@link #ATTRIBUTE} stands for a
 * value only known per span (an attribute, or an intrinsic Tempo does not type), {@link #NIL} for the
 * {@code parent} intrinsic.
 */
public enum StaticType {
    NIL, ATTRIBUTE, INT, FLOAT, STRING, BOOLEAN, DURATION, STATUS, KIND;

    /** Int, float and duration mix freely in arithmetic and comparisons. */
    public boolean isNumeric() {
        return this == INT || this == FLOAT || this == DURATION;
    }
}
