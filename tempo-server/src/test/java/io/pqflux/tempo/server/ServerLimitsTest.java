package io.pqflux.tempo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.storage.ObjectStore;
import io.pqflux.tempo.TempoTenant;
import io.pqflux.tempo.TraceId;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.query.SearchRequest;
import io.pqflux.tempo.query.TempoQuerier;
import io.pqflux.tempo.query.TraceSearchResult;
import io.pqflux.tempo.server.internal.proto.PartialStatus;
import io.pqflux.tempo.server.internal.proto.TraceByIDResponse;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's own limits: trace size, readiness, concurrency, a client that goes away. */
class ServerLimitsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aTraceOverTheSizeLimitIs422OnV1AndItsFirstSpansOnV2() throws Exception {
        try (ObjectStore store = ServedBlocks.store(dir)) {
            TempoTenant tenant = TempoTenant.local(dir, "single-tenant");
            List<TracesData> traces = TempoQuerier.of(tenant).searchResponse(SearchRequest.of("{ }").withLimit(0))
                    .block(PATIENCE).traces().stream()
                    .map(TraceSearchResult::traceId)
                    .map(id -> tenant.findTrace(TraceId.parseHex(id), null, null, TracePreset.FULL, Long.MAX_VALUE, 1)
                            .block(PATIENCE).trace().orElseThrow().toTracesData())
                    .toList();
            TracesData largest = traces.stream().max(Comparator.comparingInt(TracesData::getSerializedSize)).orElseThrow();
            int limit = largest.getSerializedSize() / 2;
            String id = TraceSearchResult.traceIdHex(largest.getResourceSpans(0).getScopeSpans(0).getSpans(0)
                    .getTraceId().toByteArray());
            try (TempoServer server = TempoServer.start(store, TempoServerOptions.defaults().withListen("127.0.0.1", 0)
                    .withTraceBytes(limit, 1L << 30))) {
                TempoApiTest.awaitReady(server);
                ApiClient client = new ApiClient(server.uri());
                ApiClient.Reply v1 = client.get("/api/traces/" + id);
                assertThat(v1.status()).isEqualTo(422);
                assertThat(v1.text()).contains("maximum of " + limit);

                TraceByIDResponse v2 = TempoApiTest.parse(() -> TraceByIDResponse.parseFrom(
                        client.protobuf("/api/v2/traces/" + id).body()));
                assertThat(v2.getStatus()).isEqualTo(PartialStatus.PARTIAL);
                assertThat(v2.getMessage()).contains("first spans");
                TracesData partial = TracesData.newBuilder().addAllResourceSpans(v2.getTrace().getResourceSpansList()).build();
                assertThat(partial.getSerializedSize()).isLessThanOrEqualTo(limit);
                List<Span> all = spans(largest);
                List<Span> kept = spans(partial);
                assertThat(kept).isNotEmpty().hasSizeLessThan(all.size());
                assertThat(kept).isEqualTo(all.subList(0, kept.size()));

                var json = client.get("/api/v2/traces/" + id).json();
                assertThat(json.get("status").asText()).isEqualTo("PARTIAL");
                assertThat(json.get("message").asText()).contains("first spans");
            }
        }
    }

    private static List<Span> spans(TracesData trace) {
        return trace.getResourceSpansList().stream().flatMap(r -> r.getScopeSpansList().stream())
                .flatMap(s -> s.getSpansList().stream()).toList();
    }

    @Test
    void queriesAre503UntilTheFirstListing() throws Exception {
        try (ObjectStore store = new SlowStore(ServedBlocks.store(dir), "", Duration.ZERO, true);
             TempoServer server = TempoServer.start(store, TempoServerOptions.defaults().withListen("127.0.0.1", 0))) {
            ApiClient client = new ApiClient(server.uri());
            assertThat(client.get("/api/echo").status()).isEqualTo(200);
            ApiClient.Reply ready = client.get("/ready");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.text()).contains("not ready");
            ApiClient.Reply search = client.get("/api/search?q=%7B%7D");
            assertThat(search.status()).isEqualTo(503);
            assertThat(search.text()).contains("block lists are not loaded yet");
        }
    }

    @Test
    void aFailedFirstListingIsTriedAgainUntilReady() throws Exception {
        try (ObjectStore store = new SlowStore(ServedBlocks.store(dir), "", Duration.ZERO, false).failingRootListings(2);
             TempoServer server = TempoServer.start(store, TempoServerOptions.defaults().withListen("127.0.0.1", 0))) {
            TempoApiTest.awaitReady(server); // after two failures and backoffs of about 1 and 2 s
            assertThat(new ApiClient(server.uri()).get("/api/search?q=%7B%7D").status()).isEqualTo(200);
        }
    }

    @Test
    void aQueryOverTheConcurrencyLimitIs429() throws Exception {
        try (ObjectStore store = new SlowStore(ServedBlocks.store(dir), "slow", Duration.ofSeconds(2), false);
             TempoServer server = TempoServer.start(store, TempoServerOptions.defaults().withListen("127.0.0.1", 0)
                     .withMaxConcurrentQueries(1))) {
            TempoApiTest.awaitReady(server);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            CompletableFuture<HttpResponse<String>> slow = http.sendAsync(HttpRequest.newBuilder(
                    server.uri().resolve("/api/search?q=%7B%7D")).header("X-Scope-OrgID", "slow").build(),
                    HttpResponse.BodyHandlers.ofString());
            ApiClient client = new ApiClient(server.uri());
            awaitInFlight(client, 1); // the slow query holds the one permit
            ApiClient.Reply refused = client.get("/api/search?q=%7B%7D");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.text()).contains("too many queries");
            assertThat(slow.get().statusCode()).isEqualTo(404); // the slow tenant does not exist: answered, not refused
            assertThat(client.get("/api/search?q=%7B%7D").status()).isEqualTo(200);
        }
    }

    @Test
    void aClientThatGoesAwayCancelsItsQuery() throws Exception {
        SlowStore slow = new SlowStore(ServedBlocks.store(dir), "slow", Duration.ofSeconds(30), false);
        try (slow; TempoServer server = TempoServer.start(slow, TempoServerOptions.defaults().withListen("127.0.0.1", 0)
                .withMaxConcurrentQueries(1))) {
            TempoApiTest.awaitReady(server);
            ApiClient client = new ApiClient(server.uri());
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(("GET /api/search?q=%7B%7D HTTP/1.1\r\nHost: x\r\nX-Scope-OrgID: slow\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                awaitInFlight(client, 1);
            }
            // the socket is closed: the query ends long before its 30 s listing is done, and gives its permit back
            // (the tenant's listing itself goes on for the tenant's cache, which other queries share)
            awaitInFlight(client, 0);
            assertThat(client.get("/metrics").text()).contains("status=\"499\"");
            assertThat(client.get("/api/search?q=%7B%7D").status()).isEqualTo(200);
        }
    }

    @Test
    void aClientThatSendsItsRequestTooSlowlyIsDropped() throws Exception {
        try (ObjectStore store = ServedBlocks.store(dir);
             TempoServer server = TempoServer.start(store, TempoServerOptions.defaults().withListen("127.0.0.1", 0)
                     .withRequestTimeout(Duration.ofMillis(500)).withIdleTimeout(Duration.ofMillis(500)));
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            // a request line and one header, then nothing: the rest of the headers never come
            socket.getOutputStream().write("GET /api/echo HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            long started = System.nanoTime();
            byte[] answer = socket.getInputStream().readAllBytes(); // until the server closes the connection
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
            assertThat(new String(answer, StandardCharsets.US_ASCII)).doesNotContain("echo");
        }
    }

    /** Waits until {@code expected} queries are in flight besides the scrape asking. */
    private static void awaitInFlight(ApiClient client, int expected) throws InterruptedException {
        String gauge = "pqflux_tempo_queries_in_flight " + (double) expected;
        for (int i = 0; i < 1000; i++) {
            if (client.get("/metrics").text().contains(gauge)) return;
            Thread.sleep(10);
        }
        throw new AssertionError("in flight never " + expected + ": " + client.get("/metrics").text());
    }
}
