/**
 * OTLP messages ({@code LogsData}, {@code TracesData}, {@code MetricsData} and their parts) as JSON: {@code
 * io.pqflux.otlp.OtlpJson}.
 */
module io.pqflux.otlp {
    requires transitive io.opentelemetry.proto;
    requires transitive com.google.protobuf;
    requires com.fasterxml.jackson.core;

    exports io.pqflux.otlp;
}
