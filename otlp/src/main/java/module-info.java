/**
 * OTLP messages ({@code LogsData}, {@code TracesData}, {@code MetricsData} and their parts) as JSON: {@code
 * io.pqflux.otlp.OtlpJson}; and the protobuf writer the read paths encode OTLP with, without message objects (for
 * pqflux's modules only).
 */
@SuppressWarnings("module") // qualified exports to modules built after this one
module io.pqflux.otlp {
    requires transitive io.opentelemetry.proto;
    requires transitive com.google.protobuf;
    requires com.fasterxml.jackson.core;
    requires static io.pqflux.core;

    exports io.pqflux.otlp;
    exports io.pqflux.otlp.wire to io.pqflux.tempo, io.pqflux.otap;
}
