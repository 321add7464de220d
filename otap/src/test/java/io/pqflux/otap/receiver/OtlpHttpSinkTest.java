package io.pqflux.otap.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogsData;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.otap.Signal;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OTLP/HTTP sink against a loopback collector stand-in started here: it decodes each request with
 * opentelemetry-proto's service messages and answers the first requests of each path with 503.
 */
class OtlpHttpSinkTest {

    private HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final AtomicInteger failFirst = new AtomicInteger();
    private volatile int failStatus = 503;

    @BeforeEach
    void startCollector() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/logs", exchange -> answer(exchange, true));
        server.createContext("/v1/traces", exchange -> answer(exchange, false));
        server.start();
    }

    @AfterEach
    void stopCollector() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange, boolean logs) throws IOException {
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
            if (logs) {
                ExportLogsServiceRequest request = ExportLogsServiceRequest.parseFrom(body);
                received.add(FakeExport.text(LogsData.newBuilder().addAllResourceLogs(request.getResourceLogsList()).build()));
            } else {
                ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
                received.add(FakeExport.text(TracesData.newBuilder().addAllResourceSpans(request.getResourceSpansList()).build()));
            }
            exchange.sendResponseHeaders(200, -1);
        }
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
        failFirst.set(2);
        List<String> expected = new ArrayList<>(export.expectedRecords(Signal.LOGS));
        expected.addAll(export.expectedRecords(Signal.TRACES));
        try (OtlpHttpSink sink = OtlpHttpSink.to(endpoint(), 3, Duration.ofMillis(10))) {
            List<ReceiverEvent> events = OtapReceiver.over(export, sink, ReceiverOptions.defaults()
                    .withSignals(Set.of(Signal.LOGS, Signal.TRACES))).run().collectList().block(Duration.ofSeconds(30));
            assertThat(events).filteredOn(ReceiverEvent.Delivered.class::isInstance).hasSize(5)
                    .allMatch(e -> ((ReceiverEvent.Delivered) e).sinkLength() == 0);
        }
        assertThat(received).containsExactlyElementsOf(expected);
        // two refused, then one per batch
        assertThat(requests.get("/v1/logs").get()).isEqualTo(2 + 3);
        assertThat(requests.get("/v1/traces").get()).isEqualTo(2 + 2);
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

    @Test
    void aClientErrorFailsAtOnceNamingTheRequest() {
        failFirst.set(1);
        failStatus = 400;
        try (OtlpHttpSink sink = OtlpHttpSink.to(endpoint(), 3, Duration.ofMillis(10))) {
            assertThatThrownBy(() -> sink.deliver(FileSinkTest.batch(Signal.LOGS, "x")).block())
                    .isInstanceOf(ReceiverException.class)
                    .hasMessage("POST " + endpoint() + "/v1/logs (1 records of f): HTTP 400");
        }
        assertThat(requests.get("/v1/logs").get()).isEqualTo(1);
        assertThat(received).isEmpty();
    }

    @Test
    void retriesEndWithATypedErrorAfterTheLastAttempt() {
        failFirst.set(Integer.MAX_VALUE);
        try (OtlpHttpSink sink = OtlpHttpSink.to(endpoint(), 2, Duration.ofMillis(5))) {
            assertThatThrownBy(() -> sink.deliver(FileSinkTest.batch(Signal.TRACES, "x")).block())
                    .isInstanceOf(ReceiverException.class)
                    .hasMessageStartingWith("POST " + endpoint() + "/v1/traces (1 records of f): failed after 3 attempts: ")
                    .hasMessageEndingWith("HTTP 503");
        }
        assertThat(requests.get("/v1/traces").get()).isEqualTo(3);
    }

    @Test
    void anUnreachableEndpointIsRetriedThenReported() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        try (OtlpHttpSink sink = OtlpHttpSink.to(URI.create("http://127.0.0.1:" + port), 1, Duration.ofMillis(5))) {
            assertThatThrownBy(() -> sink.deliver(FileSinkTest.batch(Signal.LOGS, "x")).block())
                    .isInstanceOf(ReceiverException.class).hasMessageContaining("failed after 2 attempts")
                    .hasCauseInstanceOf(java.net.ConnectException.class);
        }
    }
}
