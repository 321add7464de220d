/**
 * Grafana Tempo trace blocks read as OTLP. {@code io.pqflux.tempo}: block metas and tenants, blocks as {@code Flux}es
 * of traces assembled straight from the nested column views, and FindTraceByID through the trace-ID bloom shards,
 * the row groups' statistics and the page index; TraceQL queries checked as Tempo checks them ({@code TraceQl}).
 * {@code io.pqflux.tempo.internal} is implementation.
 */
module io.pqflux.tempo {
    requires transitive io.pqflux.reactive;
    requires transitive io.opentelemetry.proto;
    requires transitive com.google.protobuf;
    requires io.pqflux.otlp;
    requires com.fasterxml.jackson.databind;
    requires org.apache.commons.codec;
    // re2j 1.8 ships neither module-info nor Automatic-Module-Name: its name comes from the jar file
    requires re2j;

    exports io.pqflux.tempo;
    // the meta DTOs are records Jackson instantiates reflectively
    opens io.pqflux.tempo.internal.meta to com.fasterxml.jackson.databind;
}
