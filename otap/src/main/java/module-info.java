/**
 * OpenTelemetry-Arrow (OTAP) Parquet exporter output replayed as OTLP. {@code io.pqflux.otap}: an export's base
 * directory or prefix, its tables, partitions and files, and its signals as {@code Flux}es of {@code LogsData},
 * {@code TracesData} and {@code MetricsData} rebuilt by streaming joins in bounded memory. {@code
 * io.pqflux.otap.receiver}: a receiver that follows an export and delivers its batches to a file (exactly-once) or an
 * OTLP/HTTP endpoint (at-least-once) with a durable checkpoint. {@code io.pqflux.otap.internal} is implementation.
 */
module io.pqflux.otap {
    requires transitive io.pqflux.reactive;
    requires transitive io.opentelemetry.proto;
    requires transitive com.google.protobuf;
    // the receiver's checkpoint (JSON tree model)
    requires com.fasterxml.jackson.databind;
    // OtlpHttpSink
    requires java.net.http;
    // FileSink's OTLP/JSON lines
    requires io.pqflux.otlp;

    exports io.pqflux.otap;
    exports io.pqflux.otap.receiver;
}
