package io.pqflux.traceql.internal;

/** The spanset aggregates; {@link #COUNT} takes no argument, the others a field expression. */
public enum AggregateOp {
    COUNT("count"), AVG("avg"), MIN("min"), MAX("max"), SUM("sum");

    private final String word;

    AggregateOp(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
