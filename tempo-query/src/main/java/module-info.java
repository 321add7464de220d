/**
 * TraceQL search, metrics and tags over Grafana Tempo blocks and tenants, answered as Tempo's HTTP API answers them.
 * {@code io.pqflux.tempo.query}: {@link io.pqflux.tempo.query.TempoQuerier} (a tenant's or a block's queries), the
 * request and response types, and {@link io.pqflux.tempo.query.QueryJson} (Tempo's JSON shapes). The engine
 * ({@code io.pqflux.tempo.query.internal}: the two-pass search, column pruning, the evaluator, metrics and tags) reads
 * blocks only through {@code io.pqflux.tempo.columns}.
 */
module io.pqflux.tempo.query {
    requires transitive io.pqflux.tempo;
    requires transitive io.pqflux.traceql;
    requires io.pqflux.otlp;
    requires com.fasterxml.jackson.core;
    // re2j 1.8 ships neither module-info nor Automatic-Module-Name: its name comes from the jar file
    requires re2j;

    exports io.pqflux.tempo.query;
}
