/**
 * Grafana Tempo trace blocks and tenants read as OTLP, knowing no query. {@code io.pqflux.tempo}: block metas and
 * tenants (listing, polling, the tenant index), blocks as {@code Flux}es of traces and spans assembled straight from
 * the nested column views, and FindTraceByID through the trace-ID bloom shards, the row groups' statistics and the
 * page index. {@code io.pqflux.tempo.columns} is the seam a query engine reads a block's columns through, with the
 * format's column views ({@code internal.assembly}); both are shared with the query module only. The rest of
 * {@code io.pqflux.tempo.internal} is implementation.
 */
module io.pqflux.tempo {
    requires transitive io.pqflux.reactive;
    requires transitive io.opentelemetry.proto;
    requires transitive com.google.protobuf;
    requires io.pqflux.otlp;
    requires com.fasterxml.jackson.databind;
    requires org.apache.commons.codec;

    exports io.pqflux.tempo;
    exports io.pqflux.tempo.columns to io.pqflux.tempo.query;
    exports io.pqflux.tempo.internal.assembly to io.pqflux.tempo.query;
    // the meta DTOs are records Jackson instantiates reflectively
    opens io.pqflux.tempo.internal.meta to com.fasterxml.jackson.databind;
}
