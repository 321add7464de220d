package io.pqflux.storage.s3;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.pqflux.storage.s3.internal.CredentialsCache;
import io.pqflux.storage.s3.internal.ListingPage;
import io.pqflux.storage.s3.internal.ObjectAddressing;
import io.pqflux.storage.s3.internal.ObjectClient;
import io.pqflux.storage.s3.internal.ObjectExchanges;
import io.pqflux.storage.s3.internal.RequestCounters;
import io.pqflux.storage.s3.internal.RequestSigner;
import io.pqflux.storage.s3.internal.RequestTarget;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.StoredObject;
import io.pqflux.storage.spi.KeyPrefix;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Entry point to S3-compatible object storage: one connection pool, one signer and one credential source,
 * shared by every object opened through it. Thread-safe; close it when done (it closes the pool, and the default
 * credential chain if it created one).
 */
public final class S3Storage implements AutoCloseable {

    private static final String FALLBACK_REGION = "us-east-1";
    /** Below S3's own idle cut-off (about 20 s), so a pooled connection is not reused just as S3 closes it. */
    private static final Duration MAX_IDLE = Duration.ofSeconds(15);
    private static final Duration MAX_CONNECT_TIME = Duration.ofSeconds(10);

    private final S3Config config;
    private final ConnectionProvider pool;
    private final ObjectAddressing addressing;
    private final ObjectClient client;
    private final AutoCloseable ownedCredentials;

    private S3Storage(S3Config config, String region, IdentityProvider<? extends AwsCredentialsIdentity> credentials,
            AutoCloseable ownedCredentials) {
        this.config = config;
        this.ownedCredentials = ownedCredentials;
        URI endpoint = config.endpoint() != null ? config.endpoint() : ObjectAddressing.awsEndpoint(region);
        this.addressing = new ObjectAddressing(endpoint, config.addressing());
        this.pool = ConnectionProvider.builder("pqflux-s3")
                .maxConnections(config.maxConcurrentRequests())
                .pendingAcquireMaxCount(-1)
                .maxIdleTime(MAX_IDLE)
                .build();
        Duration timeout = config.requestTimeout();
        // netty 4.2's default (adaptive) allocator can park an event loop on a lock while it grows its magazines;
        // the classic pooled allocator serves from per-thread caches. Socket reads and gathered bodies use it.
        PooledByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
        HttpClient http = HttpClient.create(pool)
                .option(ChannelOption.ALLOCATOR, allocator)
                .responseTimeout(timeout)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) (timeout.compareTo(MAX_CONNECT_TIME) < 0 ? timeout : MAX_CONNECT_TIME).toMillis());
        Clock clock = Clock.systemUTC();
        ObjectExchanges exchanges = new ObjectExchanges(http, new RequestSigner(region, clock),
                new CredentialsCache(credentials, clock), allocator);
        this.client = new ObjectClient(exchanges, config.retry());
    }

    /**
     * Without a region in the config this asks the SDK's region chain, which may block (profile files, instance
     * metadata): create storages at start-up, not on an event loop.
     */
    public static S3Storage create(S3Config config) {
        String region = config.region() != null ? config.region() : defaultRegion();
        if (config.credentials() != null) return new S3Storage(config, region, config.credentials(), null);
        DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
        return new S3Storage(config, region, chain, chain);
    }

    private static String defaultRegion() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion().id();
        } catch (SdkClientException noRegionConfigured) {
            return FALLBACK_REGION;
        }
    }

    public S3Config config() {
        return config;
    }

    /** Opens an object: one HEAD for its length and ETag. Non-blocking. */
    public Mono<S3File> open(S3Location location) {
        return Mono.defer(() -> {
            RequestTarget target = addressing.target(location);
            RequestCounters counters = new RequestCounters();
            return client.head(location, target, counters).map(head -> new S3File(location, target, head, client,
                    config.coalescing(), config.maxConcurrentRequests(), counters));
        });
    }

    /** Opens an object for synchronous reading (blocks): HEAD, then the prefetch of its footer or whole bytes. */
    public S3InputFile openInputFile(S3Location location) {
        return openInputFile(location, config.footerSuffixBytes());
    }

    /**
     * As {@link #openInputFile(S3Location)}, with the footer's size known beforehand (e.g. Tempo's
     * {@code meta.json} {@code footerSize}): the suffix read covers it, so opening the reader takes no second read.
     */
    public S3InputFile openInputFile(S3Location location, long footerSizeHint) {
        // the reader asks for at least the default suffix first; the hint can only make it larger
        long suffix = Math.max(config.footerSuffixBytes(), footerSizeHint + 8);
        S3File file = open(location).block();
        return S3InputFile.open(file, config.smallObjectBytes(), suffix, config.coalescing().maxMergedBytes(),
                config.maxConcurrentRequests());
    }

    /**
     * The objects below {@code s3://bucket/prefix} as an {@link ObjectStore} sharing this storage's connections and
     * credentials; closing the store leaves this storage open.
     */
    public ObjectStore store(String bucket, String prefix) {
        return new S3BucketStore(this, bucket, new KeyPrefix(prefix), false);
    }

    /** {@link #store}, closing this storage when the store is closed (for stores opened by URI). */
    public ObjectStore ownedStore(String bucket, String prefix) {
        return new S3BucketStore(this, bucket, new KeyPrefix(prefix), true);
    }

    /**
     * Every object whose key starts with {@code prefix} (empty: the whole bucket), in key order, through {@code
     * ListObjectsV2} pages of at most {@code pageSize} keys, each request retried like range reads. The XML of each
     * page is parsed on the bounded-elastic scheduler. Listed anew on each subscription.
     */
    public Flux<StoredObject> list(String bucket, String prefix, int pageSize) {
        if (pageSize <= 0 || pageSize > 1000) throw new IllegalArgumentException("page size must be 1..1000: " + pageSize);
        String listing = "s3://" + bucket + "/" + prefix;
        return Flux.defer(() -> {
            RequestCounters counters = new RequestCounters();
            return listPage(bucket, prefix, pageSize, null, listing, counters)
                    .expand(page -> page.nextToken() == null ? Mono.empty()
                            : listPage(bucket, prefix, pageSize, page.nextToken(), listing, counters))
                    .concatMapIterable(ListingPage::entries)
                    .map(entry -> new StoredObject(entry.key(), entry.size(), entry.etag(), entry.lastModified()));
        });
    }

    private Mono<ListingPage> listPage(String bucket, String prefix, int pageSize, String token, String listing,
            RequestCounters counters) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("list-type", "2");
        query.put("max-keys", Integer.toString(pageSize));
        if (!prefix.isEmpty()) query.put("prefix", prefix);
        if (token != null) query.put("continuation-token", token);
        RequestTarget target = addressing.bucketTarget(bucket, query);
        // the parser's factory lookup may read service files: not on an event loop
        return client.list(listing, target, query, counters)
                .publishOn(Schedulers.boundedElastic())
                .map(xml -> ListingPage.parse(xml, listing));
    }

    @Override
    public void close() {
        pool.dispose();
        if (ownedCredentials != null) {
            try {
                ownedCredentials.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the default credential chain failed", e);
            }
        }
    }
}
