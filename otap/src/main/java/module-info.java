/**
 * OpenTelemetry-Arrow (OTAP) Parquet exporter output replayed as OTLP. {@code io.pqflux.otap}: an export's base
 * directory or prefix, its tables, partitions and files, and its signals as {@code Flux}es of {@code LogsData},
 * {@code TracesData} and {@code MetricsData} rebuilt by streaming joins in bounded memory. {@code
 * io.pqflux.otap.internal} is implementation.
 */
module io.pqflux.otap {
    requires transitive io.pqflux.reactive;
    requires transitive io.opentelemetry.proto;
    requires transitive com.google.protobuf;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.dataformat.cbor;

    exports io.pqflux.otap;
}
