package io.pqflux.tempo.server.internal.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.pqflux.tempo.server.internal.grpc.StreamingQuerier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * Tempo's HTTP API on reactor-netty's routes: each query endpoint resolves the tenant, takes a {@link QueryGate}
 * permit, runs under the query timeout, answers JSON or (with {@code Accept: application/protobuf}) protobuf, maps a
 * failure to Tempo's status with a one-line message, is counted in {@link ServerMetrics} and logged in one line. A
 * client that goes away cancels its query: reactor-netty cancels the answer's subscription, which stops the block
 * reads and releases their buffers.
 */
public final class HttpApi {

    private static final System.Logger LOG = System.getLogger("io.pqflux.tempo.server");
    /** The Tempo version reported to Grafana, which switches features on by it (streaming search and metrics). */
    public static final String TEMPO_VERSION = "2.10.0";
    private static final String VIEWER = "/io/pqflux/tempo/server/internal/viewer/";
    private static final Map<String, String> VIEWER_FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "viewer.js", "text/javascript; charset=utf-8",
            "viewer.css", "text/css; charset=utf-8");

    /** One endpoint's work for a request. */
    public interface Endpoint {
        Mono<Answer> answer(Tenants.Tenant tenant, HttpServerRequest request, Params params, boolean protobuf);
    }

    private final Tenants tenants;
    private final QueryGate gate;
    private final ServerMetrics metrics;
    private final Duration queryTimeout;
    private final TraceEndpoint traces;
    private final Map<String, Answer> viewerFiles = viewerFiles();
    private final StreamingQuerier streaming;
    private final Clock clock;
    /** Why the server is not ready yet; null once the first block lists are loaded. */
    private final AtomicReference<String> notReady = new AtomicReference<>("block lists not loaded yet");

    public HttpApi(Tenants tenants, QueryGate gate, ServerMetrics metrics, Duration queryTimeout, TraceEndpoint traces,
                   Clock clock) {
        this.tenants = tenants;
        this.gate = gate;
        this.metrics = metrics;
        this.queryTimeout = queryTimeout;
        this.traces = traces;
        this.clock = clock;
        this.streaming = new StreamingQuerier(this);
    }

    public void ready() {
        notReady.set(null);
    }

    public void notReady(String why) {
        notReady.set(why);
    }

    public boolean isReady() {
        return notReady.get() == null;
    }

    public void routes(HttpServerRoutes routes) {
        // A target not in origin form ("?q=…", "api/echo") reached no handler of ours: reactor-netty answered it with an
        // empty 500. It is the client's mistake, so it is answered first, before any route looks at it.
        routes.route(req -> !req.uri().startsWith("/"), (req, res) -> plain(res,
                        HttpResponseStatus.BAD_REQUEST, "the request target must be a path starting with '/'"))
                .get("/api/echo", (req, res) -> plain(res, HttpResponseStatus.OK, "echo"))
                .get("/ready", (req, res) -> isReady() ? plain(res, HttpResponseStatus.OK, "ready")
                        : plain(res, HttpResponseStatus.SERVICE_UNAVAILABLE, "not ready: " + notReady.get()))
                .get("/api/status/buildinfo", (req, res) -> send(res, Answer.json(buildInfo())))
                .get("/metrics", (req, res) -> send(res, new Answer(HttpResponseStatus.OK,
                        "text/plain; version=0.0.4; charset=utf-8", metrics.scrape().getBytes(StandardCharsets.UTF_8), 0)))
                .get("/api/traces/{id}", query("trace_by_id", (t, req, p, proto) ->
                        traces.find(t.blocks(), req.param("id"), p, false, proto)))
                .get("/api/v2/traces/{id}", query("trace_by_id_v2", (t, req, p, proto) ->
                        traces.find(t.blocks(), req.param("id"), p, true, proto)))
                .get("/api/search", query("search", (t, req, p, proto) -> SearchEndpoint.search(t.querier(), p, proto)))
                .get("/api/search/tags", query("search_tags", (t, req, p, proto) ->
                        TagEndpoints.names(t.querier(), p, false, proto)))
                .get("/api/v2/search/tags", query("search_tags_v2", (t, req, p, proto) ->
                        TagEndpoints.names(t.querier(), p, true, proto)))
                .get("/api/search/tag/{tag}/values", query("search_tag_values", (t, req, p, proto) ->
                        TagEndpoints.values(t.querier(), req.param("tag"), p, false, proto)))
                .get("/api/v2/search/tag/{tag}/values", query("search_tag_values_v2", (t, req, p, proto) ->
                        TagEndpoints.values(t.querier(), req.param("tag"), p, true, proto)))
                .get("/api/metrics/query_range", query("metrics_query_range", (t, req, p, proto) ->
                        MetricsEndpoint.query(t.querier(), p, false, proto, clock)))
                .get("/api/metrics/query", query("metrics_query", (t, req, p, proto) ->
                        MetricsEndpoint.query(t.querier(), p, true, proto, clock)))
                .post("/tempopb.StreamingQuerier/{method}", streaming::serve)
                .get("/", (req, res) -> viewer(res, "index.html"))
                .get("/viewer/{file}", (req, res) -> viewer(res, req.param("file")));
    }

    private static String buildInfo() {
        String version = HttpApi.class.getPackage().getImplementationVersion();
        return "{\"version\":\"" + TEMPO_VERSION + "\",\"revision\":\"pqflux-"
                + (version == null ? "dev" : version) + "\",\"branch\":\"\",\"buildUser\":\"\",\"buildDate\":\"\","
                + "\"goVersion\":\"\"}";
    }

    /** A query endpoint: tenant, readiness, permit, timeout, failure mapping, metrics and the log line. */
    private BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> query(
            String name, Endpoint endpoint) {
        return (req, res) -> {
            boolean protobuf = accepts(req.requestHeaders().get(HttpHeaderNames.ACCEPT), Answer.PROTOBUF);
            return Mono.fromDirect(run(name, req.uri(), req.requestHeaders().get("X-Scope-OrgID"), true,
                            tenant -> endpoint.answer(tenant, req, Params.of(req.uri()), protobuf)))
                    .onErrorResume(e -> Mono.just(Failures.answer(e)))
                    .flatMap(answer -> send(res, answer));
        };
    }

    /**
     * What a query of the HTTP API and the streaming querier share: readiness, tenant, permit, a deadline for the whole
     * answer, metrics and the log line. A failure is an error of the returned Flux. With {@code oneAnswer} the permit
     * is given back as soon as the answer is ready, before it is written: a client that sends its next request the
     * moment it has the answer must not find its own permit still held.
     */
    public <T> Flux<T> run(String name, String what, String tenantHeader, boolean oneAnswer,
                           Function<Tenants.Tenant, Publisher<T>> work) {
        return Flux.defer(() -> {
            long started = System.nanoTime();
            long deadline = started + queryTimeout.toNanos();
            metrics.started();
            AtomicReference<Object> outcome = new AtomicReference<>();
            AtomicBoolean permitted = new AtomicBoolean();
            Runnable release = () -> {
                if (permitted.compareAndSet(true, false)) gate.release();
            };
            return Flux.defer(() -> {
                        if (!isReady()) {
                            // why is /ready's to say (it may name the store); a query only learns to come back later
                            throw new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE,
                                    "not ready: the block lists are not loaded yet");
                        }
                        Tenants.Tenant tenant = tenants.of(tenantHeader);
                        gate.acquire();
                        permitted.set(true);
                        return work.apply(tenant);
                    })
                    // one deadline for the whole answer, however many messages it streams
                    .timeout(Mono.delay(queryTimeout), next -> Mono.delay(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))))
                    .doOnNext(item -> {
                        outcome.set(item);
                        if (oneAnswer) release.run();
                    })
                    .doOnError(outcome::set)
                    .doFinally(signal -> {
                        release.run();
                        finished(name, what, signal, outcome.get(), started);
                    });
        });
    }

    private void finished(String name, String what, SignalType signal, Object result, long started) {
        // a client that went away before its answer is logged as proxies log it
        int status = signal == SignalType.CANCEL && result == null ? 499
                : result instanceof Answer a ? a.status().code()
                : result instanceof Throwable t ? Failures.status(t).code() : 200;
        long bytes = result instanceof Answer a ? a.bytesRead() : 0;
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        metrics.finished(name, status, took, bytes);
        LOG.log(status >= 500 ? Level.WARNING : Level.INFO, () -> name + " " + ClientText.printable(what, 512) + " "
                + status + " " + took.toMillis() + " ms"
                + (result instanceof Throwable t ? ": " + Failures.detail(t) : ""));
    }

    static boolean accepts(String accept, String type) {
        return accept != null && accept.contains(type);
    }

    private static Mono<Void> plain(HttpServerResponse res, HttpResponseStatus status, String body) {
        return send(res, Answer.text(status, body));
    }

    private static Mono<Void> send(HttpServerResponse res, Answer answer) {
        return res.status(answer.status()).header(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
                .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(answer.body().toArray(ByteBuffer[]::new)))).then();
    }

    private Mono<Void> viewer(HttpServerResponse res, String file) {
        Answer page = viewerFiles.get(file);
        return page == null ? plain(res, HttpResponseStatus.NOT_FOUND, "no such file") : send(res, page);
    }

    /** The viewer's files, read once: a resource read on an event loop would block it. */
    private static Map<String, Answer> viewerFiles() {
        Map<String, Answer> files = new java.util.HashMap<>();
        VIEWER_FILES.forEach((file, type) -> {
            try (InputStream in = HttpApi.class.getResourceAsStream(VIEWER + file)) {
                if (in == null) throw new IllegalStateException("the viewer's " + file + " is missing from the jar");
                files.put(file, new Answer(HttpResponseStatus.OK, type, in.readAllBytes(), 0));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return Map.copyOf(files);
    }
}
