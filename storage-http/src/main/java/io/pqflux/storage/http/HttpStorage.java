package io.pqflux.storage.http;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.pqflux.storage.StoredObject;
import io.pqflux.storage.http.internal.ObjectClient;
import io.pqflux.storage.http.internal.ObjectExchanges;
import io.pqflux.storage.http.internal.RequestCounters;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * One service endpoint's connections: a pool of {@link HttpSettings#maxConcurrentRequests()} connections, one signer,
 * the retry and coalescing rules, shared by every object opened through it. Thread-safe; close it when done.
 */
public final class HttpStorage implements AutoCloseable {

    /** Below S3's own idle cut-off (about 20 s) and Azure's, so a pooled connection is not reused just as it closes. */
    private static final Duration MAX_IDLE = Duration.ofSeconds(15);
    private static final Duration MAX_CONNECT_TIME = Duration.ofSeconds(10);

    private final HttpSettings settings;
    private final ConnectionProvider pool;
    private final ObjectClient client;

    /** @param name names the connection pool (its metrics and threads): {@code pqflux-s3}, {@code pqflux-azure} */
    public HttpStorage(String name, HttpSettings settings, RequestSigner signer) {
        this.settings = settings;
        this.pool = ConnectionProvider.builder(name)
                .maxConnections(settings.maxConcurrentRequests())
                .pendingAcquireMaxCount(-1)
                .maxIdleTime(MAX_IDLE)
                .build();
        Duration timeout = settings.requestTimeout();
        // netty 4.2's default (adaptive) allocator can park an event loop on a lock while it grows its magazines;
        // the classic pooled allocator serves from per-thread caches. Socket reads and gathered bodies use it.
        PooledByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
        HttpClient http = HttpClient.create(pool)
                .option(ChannelOption.ALLOCATOR, allocator)
                .responseTimeout(timeout)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) (timeout.compareTo(MAX_CONNECT_TIME) < 0 ? timeout : MAX_CONNECT_TIME).toMillis());
        this.client = new ObjectClient(new ObjectExchanges(http, signer, allocator), settings.retry());
    }

    public HttpSettings settings() {
        return settings;
    }

    /**
     * Opens an object: one HEAD for its length and ETag. Non-blocking.
     *
     * @param name the object's URI for messages ({@code s3://bucket/key})
     */
    public Mono<HttpObject> open(String name, RequestTarget target) {
        return Mono.defer(() -> {
            RequestCounters counters = new RequestCounters();
            return client.head(name, target, counters).map(head -> new HttpObject(name, target, head, client,
                    settings.coalescing(), settings.maxConcurrentRequests(), counters));
        });
    }

    /**
     * Opens an object for the synchronous reader (blocks): HEAD, then the prefetch of its footer or whole bytes. With
     * the footer's size known beforehand (Tempo's {@code meta.json} {@code footerSize}; 0 when unknown) the suffix read
     * covers it, so opening the reader takes no second read.
     */
    public HttpInputFile openInputFile(String name, RequestTarget target, long footerSizeHint) {
        // the reader asks for at least the default suffix first; the hint can only make it larger
        long suffix = Math.max(settings.footerSuffixBytes(), footerSizeHint + 8);
        HttpObject file = open(name, target).block();
        return HttpInputFile.open(file, settings.smallObjectBytes(), suffix, settings.coalescing().maxMergedBytes(),
                settings.maxConcurrentRequests());
    }

    /** A listing request: the target (its URI carrying the query) and the same query raw, for signing. */
    public record ListRequest(RequestTarget target, Map<String, String> query) {
    }

    /**
     * Every object a paged listing returns, page after page, each request retried like range reads and each page
     * parsed on the bounded-elastic scheduler (an XML parser's factory lookup may read service files). Listed anew on
     * each subscription.
     *
     * @param listing names the listing in errors ({@code s3://bucket/prefix})
     * @param request the request of the page starting at a token (null for the first page)
     * @param parser  a page's body and the listing's name to the page
     */
    public Flux<StoredObject> list(String listing, Function<String, ListRequest> request,
            BiFunction<String, String, ListingPage> parser) {
        return Flux.defer(() -> {
            RequestCounters counters = new RequestCounters();
            Function<String, Mono<ListingPage>> page = token -> {
                ListRequest next = request.apply(token);
                return client.list(listing, next.target(), next.query(), counters)
                        .publishOn(Schedulers.boundedElastic())
                        .map(body -> parser.apply(body, listing));
            };
            return page.apply(null)
                    .expand(done -> done.nextToken() == null ? Mono.empty() : page.apply(done.nextToken()))
                    .concatMapIterable(ListingPage::objects);
        });
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
