/**
 * Grafana Tempo trace blocks read as OTLP. {@code io.pqflux.tempo}: block metas and tenants, blocks as {@code Flux}es
 * of traces assembled straight from the nested column views, and FindTraceByID through the trace-ID bloom shards,
 * the row groups' statistics and the page index. {@code io.pqflux.tempo.internal} is implementation.
 */
module io.pqflux.tempo {
    requires transitive io.pqflux.reactive;
    requires transitive io.opentelemetry.proto;
    requires transitive com.google.protobuf;
    requires io.pqflux.otlp;
    requires com.fasterxml.jackson.databind;
    requires org.apache.commons.codec;

    exports io.pqflux.tempo;
    // the meta DTOs are records Jackson instantiates reflectively
    opens io.pqflux.tempo.internal.meta to com.fasterxml.jackson.databind;
}
