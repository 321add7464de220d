package io.pqflux.otap;

/** The three OTLP signals an OTAP export carries, each rebuilt from one root table and its children. */
public enum Signal {
    LOGS,
    TRACES,
    METRICS;

    /** The table whose rows become the signal's records (log records, spans, metrics). */
    public OtapTable root() {
        return switch (this) {
            case LOGS -> OtapTable.LOGS;
            case TRACES -> OtapTable.SPANS;
            case METRICS -> OtapTable.UNIVARIATE_METRICS;
        };
    }
}
