package io.pqflux.bench.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The server in a process of its own: ready, answering, reporting its memory, and gone when told. */
class ServerProcessTest {

    @Test
    void servesReportsItsMemoryAndStops() throws Exception {
        MemoryFigures memory;
        try (ServerProcess server = ServerProcess.start(BundledTenant.root(), 2);
             HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> search = http.send(HttpRequest.newBuilder(server.uri().resolve(
                            TempoApiPaths.search(BundledTenant.SEARCH, 5, 3, null, null)))
                    .header("X-Scope-OrgID", BundledTenant.NAME).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(search.statusCode()).isEqualTo(200);
            assertThat(AnswerJson.parse(search.body()).path("traces").size()).isEqualTo(5);
            memory = server.memory();
        }
        assertThat(MemoryFigures.parse(memory.line())).isEqualTo(memory);
        assertThat(memory.heapUsed()).isPositive().isLessThanOrEqualTo(memory.heapCommitted());
        // the search read the block into pqflux's off-heap buffers and answered through netty's
        assertThat(memory.offHeapLeased()).isPositive().isLessThanOrEqualTo(memory.offHeapHeld());
        assertThat(memory.nettyDirect()).isPositive();
        assertThat(memory.rss()).isGreaterThan(memory.heapUsed() / 2);
    }
}
