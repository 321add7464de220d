package io.pqflux.tempo.server;

import io.netty.channel.ChannelOption;
import io.pqflux.codec.CompressionCodec;
import io.pqflux.storage.ObjectStore;
import io.pqflux.tempo.server.internal.http.HttpApi;
import io.pqflux.tempo.server.internal.http.QueryGate;
import io.pqflux.tempo.server.internal.http.ServerMetrics;
import io.pqflux.tempo.server.internal.http.Tenants;
import io.pqflux.tempo.server.internal.http.TraceEndpoint;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;

/**
 * Grafana Tempo's query API over the Tempo blocks under a backend root, for Grafana's Tempo data source, Traces
 * Drilldown and any client of Tempo's API: trace by ID (v1 and v2), search, tag names and values (v1 and v2), TraceQL
 * metrics (range and instant) in JSON or protobuf; {@code tempopb.StreamingQuerier} over gRPC on the same port; the
 * server's metrics at {@code /metrics}; a trace viewer at {@code /}. Stateless: several servers over one store, behind
 * a load balancer, each poll the block lists themselves.
 *
 * <pre>{@code
 * try (TempoServer server = TempoServer.start(ObjectStores.local(root), TempoServerOptions.defaults())) {
 *     // Grafana: a Tempo data source at server.uri()
 * }
 * }</pre>
 */
public final class TempoServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("io.pqflux.tempo.server");

    private final DisposableServer server;
    private final HttpApi api;
    private final Disposable firstListing;

    private TempoServer(DisposableServer server, HttpApi api, Disposable firstListing) {
        this.server = server;
        this.api = api;
        this.firstListing = firstListing;
    }

    /**
     * Binds the port and starts listing the tenants' blocks; queries are answered 503 until that first listing is
     * done ({@link #ready()}). The store stays the caller's to close, after the server.
     *
     * @throws reactor.netty.ChannelBindException when the address cannot be bound (the port is taken)
     */
    public static TempoServer start(ObjectStore root, TempoServerOptions options) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(options, "options");
        // the first page of a codec would otherwise load its native library on a decode thread
        CompressionCodec.loadNativeLibraries();
        Tenants tenants = new Tenants(root, options.blockRefresh(), options.limits(), options.defaultTenant(),
                options.maxTenants());
        HttpApi api = new HttpApi(tenants, new QueryGate(options.maxConcurrentQueries()), new ServerMetrics(),
                options.queryTimeout(), new TraceEndpoint(options.maxTraceBytes(), options.partialTraceReadBytes()),
                Clock.systemUTC());
        DisposableServer server = HttpServer.create()
                .host(options.listen())
                .port(options.port())
                // HTTP/1.1 for the API, cleartext HTTP/2 (prior knowledge, as gRPC clients speak it) for the
                // streaming querier, on one port
                .protocol(HttpProtocol.HTTP11, HttpProtocol.H2C)
                .httpRequestDecoder(spec -> spec.maxHeaderSize(options.maxHeaderBytes())
                        .maxInitialLineLength(options.maxHeaderBytes()))
                .idleTimeout(options.idleTimeout())
                .requestTimeout(options.requestTimeout())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .route(api::routes)
                .bindNow();
        // a store that fails at start (a network blip, credentials not there yet) is listed again, with backoff up to
        // the block refresh, until the server is ready: it never stays unready for a failure that has passed
        Disposable listing = tenants.loadAll(options.maxTenants())
                .doOnError(failure -> {
                    api.notReady("listing the tenants failed (" + failure.getMessage() + "); trying again");
                    LOG.log(System.Logger.Level.WARNING, "listing the tenants under " + root.root() + " failed", failure);
                })
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(options.blockRefresh()))
                .subscribeOn(Schedulers.boundedElastic())
                .subscribe(count -> api.ready());
        return new TempoServer(server, api, listing);
    }

    /** The port bound (the one asked for, or the one found for port 0). */
    public int port() {
        return server.port();
    }

    /** {@code http://host:port}, for Grafana's data source URL. */
    public URI uri() {
        InetSocketAddress address = (InetSocketAddress) server.address();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort());
    }

    /** Whether the first block listing is done (until then queries are answered 503, {@code /ready} too). */
    public boolean ready() {
        return api.isReady();
    }

    /** Stops listening and closes the connections; queries in flight are cancelled. */
    @Override
    public void close() {
        firstListing.dispose();
        server.disposeNow();
    }

    /** Blocks until the server is closed (from another thread or by the JVM's shutdown). */
    public void awaitClose() {
        server.onDispose().block();
    }
}
