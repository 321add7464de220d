package io.pqflux.bench.server;

import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.ObjectStores;
import io.pqflux.tempo.TempoTenant;
import io.pqflux.tempo.query.TempoQuerier;
import io.pqflux.tempo.server.TempoServer;
import io.pqflux.tempo.server.TempoServerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A tenant served two ways in one JVM: a {@link TempoServer} on loopback (default options) with a JDK HTTP client to
 * it (HTTP/1.1, the connection kept alive), and the library objects the server builds for a tenant (the tenant polling
 * its block list as often, a querier under the same limits), with caches of their own.
 */
public final class ServedTenant implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private final ObjectStore store;
    private final TempoServer server;
    private final HttpClient http;
    private final String name;
    private final TempoTenant tenant;
    private final TempoQuerier querier;

    private ServedTenant(ObjectStore store, TempoServer server, String name, TempoServerOptions options) {
        this.store = store;
        this.server = server;
        this.name = name;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        this.tenant = TempoTenant.of(store, name).withBlocklistPoll(options.blockRefresh());
        this.querier = TempoQuerier.of(tenant).withLimits(options.limits());
    }

    /** Serves the tenant {@code name} of the backend root {@code root} once the server has listed its blocks. */
    public static ServedTenant start(Path root, String name) throws InterruptedException {
        ServerLog.warningsOnly();
        TempoServerOptions options = TempoServerOptions.defaults().withListen("127.0.0.1", 0);
        ObjectStore store = ObjectStores.local(root);
        ServedTenant served = new ServedTenant(store, TempoServer.start(store, options), name, options);
        long until = System.nanoTime() + PATIENCE.toNanos();
        while (!served.server.ready()) {
            if (System.nanoTime() > until) {
                served.close();
                throw new IllegalStateException("the server did not list the blocks under " + root + " within " + PATIENCE);
            }
            Thread.sleep(20);
        }
        return served;
    }

    /** The server's address. */
    public URI uri() {
        return server.uri();
    }

    /** The library's tenant. */
    public TempoTenant tenant() {
        return tenant;
    }

    /** The library's querier over it. */
    public TempoQuerier querier() {
        return querier;
    }

    /** The body of the server's answer to a GET of {@code pathAndQuery} for this tenant, which must be a 200. */
    public byte[] get(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(server.uri().resolve(pathAndQuery)).timeout(PATIENCE)
                .header("X-Scope-OrgID", name).GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + " for " + pathAndQuery + ": "
                        + AnswerJson.quote(response.body()));
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + pathAndQuery, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + pathAndQuery, e);
        }
    }

    @Override
    public void close() {
        http.close();
        server.close();
        store.close();
    }
}
