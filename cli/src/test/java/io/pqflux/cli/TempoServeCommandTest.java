package io.pqflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.testdata.Corpus;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pqflux tempo serve} as a user starts it: a process that serves until stopped. */
class TempoServeCommandTest {

    private static final String ROOT = Corpus.tempoBlock().getParent().getParent().toString();
    private static final Pattern LISTENING = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+) ");

    @TempDir
    Path temp;

    @Test
    void servesTheBundledBlocksUntilStopped() throws Exception {
        Path log = temp.resolve("serve.log");
        Process serve = CliRun.start(log, "tempo", "serve", ROOT, "--port", "0");
        try {
            URI base = URI.create(awaitListening(serve, log));
            // HTTP/1.1 as Grafana speaks it to the API (HTTP/2 is for the streaming querier)
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            assertThat(get(client, base.resolve("/api/echo")).body()).isEqualTo("echo\n");
            HttpResponse<String> search = get(client, base.resolve("/api/search?q=%7B%7D&limit=3"));
            for (long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); search.statusCode() == 503
                    && System.nanoTime() < until; ) {
                Thread.sleep(50);
                search = get(client, base.resolve("/api/search?q=%7B%7D&limit=3"));
            }
            assertThat(search.statusCode()).isEqualTo(200);
            assertThat(search.body()).startsWith("{\"traces\":[{\"traceID\":");
        } catch (Exception | AssertionError e) {
            throw new AssertionError("the server's log: " + Files.readString(log), e);
        } finally {
            serve.destroy();
        }
        assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("stopped by SIGTERM").isTrue();
    }

    /** --max-header-bytes reaches the server: a request with more header bytes is refused before it is answered. */
    @Test
    void aRequestOverTheHeaderLimitIsRefused() throws Exception {
        Path log = temp.resolve("serve.log");
        Process serve = CliRun.start(log, "tempo", "serve", ROOT, "--port", "0", "--max-header-bytes", "2048",
                "--max-tenants", "1");
        try {
            URI base = URI.create(awaitListening(serve, log));
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            assertThat(get(client, base.resolve("/api/echo")).statusCode()).isEqualTo(200);
            HttpResponse<String> padded = client.send(HttpRequest.newBuilder(base.resolve("/api/echo"))
                    .header("X-Padding", "p".repeat(4096)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(padded.statusCode()).isEqualTo(431);
        } catch (Exception | AssertionError e) {
            throw new AssertionError("the server's log: " + Files.readString(log), e);
        } finally {
            serve.destroy();
            serve.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void badLimitsAreUsageErrors() {
        CliRun header = CliRun.run("tempo", "serve", ROOT, "--max-header-bytes", "100");
        assertThat(header.exitCode()).isEqualTo(2);
        assertThat(header.err()).contains("max header bytes 100 must be at least 1024");
        CliRun tenants = CliRun.run("tempo", "serve", ROOT, "--max-tenants", "0");
        assertThat(tenants.exitCode()).isEqualTo(2);
        assertThat(tenants.err()).contains("max tenants 0 must be at least 1");
    }

    @Test
    void aBadPortIsAUsageError() {
        CliRun run = CliRun.run("tempo", "serve", ROOT, "--port", "70000");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("port 70000 is not 0 to 65535");
    }

    @Test
    void aTakenPortSaysSo() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliRun run = CliRun.run("tempo", "serve", ROOT, "--port", Integer.toString(taken.getLocalPort()));
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    private static String awaitListening(Process serve, Path log) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < until) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            Matcher m = LISTENING.matcher(text);
            if (m.find()) return m.group(1);
            assertThat(serve.isAlive()).as("serve exited: " + text).isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError("serve did not say where it listens: " + Files.readString(log));
    }

    private static HttpResponse<String> get(HttpClient client, URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
