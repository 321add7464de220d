package io.pqflux.otap.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Message;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogsData;
import io.opentelemetry.proto.metrics.v1.MetricsData;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.otap.OtapExport;
import io.pqflux.otap.ReplayedBatch;
import io.pqflux.otap.Signal;
import io.pqflux.otap.generator.ExportReplay;
import io.pqflux.otap.generator.ExporterSettings;
import io.pqflux.otap.generator.ExporterSimulator;
import io.pqflux.otap.generator.Flattened;
import io.pqflux.otap.generator.Golden;
import io.pqflux.otap.generator.OtlpSamples;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The OTLP/HTTP sink against a loopback collector stand-in started here: it decodes each request with
 * opentelemetry-proto's service messages (logs, traces and metrics) and answers the first requests of each path with an
 * error status.
 */
class OtlpHttpSinkTest {

    private HttpServer server;
    /** The requests the collector accepted, each as the LogsData, TracesData or MetricsData it carried, by path. */
    private final Map<String, List<Message>> received = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final AtomicInteger failFirst = new AtomicInteger();
    private volatile int failStatus = 503;

    @BeforeEach
    void startCollector() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        for (Signal signal : Signal.values()) server.createContext(path(signal), exchange -> answer(exchange, signal));
        server.start();
    }

    @AfterEach
    void stopCollector() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange, Signal signal) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int attempt = requests.computeIfAbsent(exchange.getRequestURI().getPath(), p -> new AtomicInteger()).incrementAndGet();
            if (!"POST".equals(exchange.getRequestMethod())
                    || !"application/x-protobuf".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                exchange.sendResponseHeaders(415, -1);
                return;
            }
            if (attempt <= failFirst.get()) {
                exchange.sendResponseHeaders(failStatus, -1);
                return;
            }
            // decoded as the collector's service request of the path, then rebuilt as the data message that was sent
            Message data = switch (signal) {
                case LOGS -> LogsData.newBuilder()
                        .addAllResourceLogs(ExportLogsServiceRequest.parseFrom(body).getResourceLogsList()).build();
                case TRACES -> TracesData.newBuilder()
                        .addAllResourceSpans(ExportTraceServiceRequest.parseFrom(body).getResourceSpansList()).build();
                case METRICS -> MetricsData.newBuilder()
                        .addAllResourceMetrics(ExportMetricsServiceRequest.parseFrom(body).getResourceMetricsList()).build();
            };
            received.computeIfAbsent(path(signal), p -> new CopyOnWriteArrayList<>()).add(data);
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private static String path(Signal signal) {
        return "/v1/" + signal.name().toLowerCase(Locale.ROOT);
    }

    private List<Message> received(Signal signal) {
        return received.getOrDefault(path(signal), List.of());
    }

    private int requests(Signal signal) {
        return requests.getOrDefault(path(signal), new AtomicInteger()).get();
    }

    private URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void aReceiverDeliversEveryBatchThroughTransient503s() {
        FakeExport export = new FakeExport();
        export.addRootFile(Signal.LOGS, "p1", 1, 1, 1);
        export.addRootFile(Signal.LOGS, "p2", 2, 1);
        export.addRootFile(Signal.TRACES, "p1", 3, 1, 1);
        export.addRootFile(Signal.METRICS, "p2", 4, 1, 1, 1, 1);
        failFirst.set(2);
        try (OtlpHttpSink sink = OtlpHttpSink.to(endpoint(), 3, Duration.ofMillis(10))) {
            List<ReceiverEvent> events = OtapReceiver.over(export, sink, ReceiverOptions.defaults()).run().collectList()
                    .block(Duration.ofSeconds(30));
            assertThat(events).filteredOn(ReceiverEvent.Delivered.class::isInstance).hasSize(9)
                    .allMatch(e -> ((ReceiverEvent.Delivered) e).sinkLength() == 0);
        }
        for (Signal signal : Signal.values()) {
            assertThat(received(signal)).as(signal.toString()).map(FakeExport::text)
                    .containsExactlyElementsOf(export.expectedRecords(signal));
        }
        // two refused, then one per batch
        assertThat(requests(Signal.LOGS)).isEqualTo(2 + 3);
        assertThat(requests(Signal.TRACES)).isEqualTo(2 + 2);
        assertThat(requests(Signal.METRICS)).isEqualTo(2 + 4);
    }

    @Test
    void aMixedExportArrivesAsItsReplayAndTheGeneratorsInput(@TempDir Path base) {
        List<Message> input = OtlpSamples.mixed(7, 15, 6);
        ExporterSimulator exporter = new ExporterSimulator(base, ExporterSettings.defaults().withSeed(7).withRotateRows(12)
                .withResourceScopeIds(ExporterSettings.ResourceScopeIds.FIXED));
        input.forEach(exporter::write);
        exporter.close();
        failFirst.set(1);
        try (OtlpHttpSink sink = OtlpHttpSink.to(endpoint(), 3, Duration.ofMillis(10))) {
            OtapReceiver.create(OtapExport.local(base), sink, ReceiverOptions.defaults()).run().blockLast(Duration.ofSeconds(60));
        }
        for (Signal signal : Signal.values()) {
            ExportReplay replay = ExportReplay.of(base, signal);
            // the messages themselves, so that no value is lost to a text form (-0.0, NaN, bytes)
            assertThat(received(signal)).as(signal.toString()).isNotEmpty()
                    .containsExactlyElementsOf(replay.batches().stream().map(ReplayedBatch::data).toList());
            assertThat(received(signal).stream().flatMap(m -> Flattened.canonicalRecords(m).stream()).toList())
                    .as("%s records", signal)
                    .containsExactlyElementsOf(Golden.records(signal, input, exporter));
            assertThat(requests(signal)).as("%s requests", signal).isEqualTo(1 + replay.batches().size());
        }
    }

    @Test
    void theEndpointGetsTheSignalsPath() {
        OtlpHttpSink sink = OtlpHttpSink.to(URI.create("http://collector:4318/"));
        assertThat(sink.url(Signal.METRICS)).isEqualTo(URI.create("http://collector:4318/v1/metrics"));
        assertThat(OtlpHttpSink.to(URI.create("http://c:4318/otlp")).url(Signal.LOGS))
                .isEqualTo(URI.create("http://c:4318/otlp/v1/logs"));
        assertThatThrownBy(() -> OtlpHttpSink.to(URI.create("ftp://c/"))).isInstanceOf(IllegalArgumentException.class);
        sink.close();
    }

    @ParameterizedTest
    @EnumSource(Signal.class)
    void aClientErrorFailsAtOnceNamingTheRequest(Signal signal) {
        failFirst.set(1);
        failStatus = 400;
        try (OtlpHttpSink sink = OtlpHttpSink.to(endpoint(), 3, Duration.ofMillis(10))) {
            assertThatThrownBy(() -> sink.deliver(FileSinkTest.batch(signal, "x")).block())
                    .isInstanceOf(ReceiverException.class)
                    .hasMessage("POST " + endpoint() + path(signal) + " (1 records of f): HTTP 400");
        }
        assertThat(requests(signal)).isEqualTo(1);
        assertThat(received).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Signal.class)
    void retriesEndWithATypedErrorAfterTheLastAttempt(Signal signal) {
        failFirst.set(Integer.MAX_VALUE);
        try (OtlpHttpSink sink = OtlpHttpSink.to(endpoint(), 2, Duration.ofMillis(5))) {
            assertThatThrownBy(() -> sink.deliver(FileSinkTest.batch(signal, "x")).block())
                    .isInstanceOf(ReceiverException.class)
                    .hasMessageStartingWith("POST " + endpoint() + path(signal) + " (1 records of f): failed after 3 attempts: ")
                    .hasMessageEndingWith("HTTP 503");
        }
        assertThat(requests(signal)).isEqualTo(3);
        assertThat(received).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Signal.class)
    void aTooManyRequestsAnswerIsRetriedAndTheBatchArrivesOnce(Signal signal) {
        failFirst.set(2);
        failStatus = 429;
        ReplayedBatch<?> batch = FileSinkTest.batch(signal, "x");
        try (OtlpHttpSink sink = OtlpHttpSink.to(endpoint(), 2, Duration.ofMillis(5))) {
            assertThat(sink.deliver(batch).block()).isZero();
        }
        assertThat(requests(signal)).isEqualTo(3);
        assertThat(received(signal)).containsExactly(batch.data());
    }

    @ParameterizedTest
    @EnumSource(Signal.class)
    void anUnreachableEndpointIsRetriedThenReported(Signal signal) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        try (OtlpHttpSink sink = OtlpHttpSink.to(URI.create("http://127.0.0.1:" + port), 1, Duration.ofMillis(5))) {
            assertThatThrownBy(() -> sink.deliver(FileSinkTest.batch(signal, "x")).block())
                    .isInstanceOf(ReceiverException.class).hasMessageContaining(path(signal) + " ")
                    .hasMessageContaining("failed after 2 attempts")
                    .hasCauseInstanceOf(java.net.ConnectException.class);
        }
    }
}
