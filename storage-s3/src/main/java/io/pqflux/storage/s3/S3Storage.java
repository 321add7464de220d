package io.pqflux.storage.s3;

import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.StoredObject;
import io.pqflux.storage.http.Container;
import io.pqflux.storage.http.HttpInputFile;
import io.pqflux.storage.http.HttpObject;
import io.pqflux.storage.http.HttpObjectStore;
import io.pqflux.storage.http.HttpStorage;
import io.pqflux.storage.http.RequestTarget;
import io.pqflux.storage.s3.internal.CredentialsCache;
import io.pqflux.storage.s3.internal.ListObjectsPages;
import io.pqflux.storage.s3.internal.ObjectAddressing;
import io.pqflux.storage.s3.internal.SigV4Signer;
import io.pqflux.storage.spi.KeyPrefix;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
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

    private final S3Config config;
    private final HttpStorage http;
    private final ObjectAddressing addressing;
    private final AutoCloseable ownedCredentials;

    private S3Storage(S3Config config, String region, IdentityProvider<? extends AwsCredentialsIdentity> credentials,
            AutoCloseable ownedCredentials) {
        this.config = config;
        this.ownedCredentials = ownedCredentials;
        URI endpoint = config.endpoint() != null ? config.endpoint() : ObjectAddressing.awsEndpoint(region);
        this.addressing = new ObjectAddressing(endpoint, config.addressing());
        Clock clock = Clock.systemUTC();
        this.http = new HttpStorage("pqflux-s3", config.transfer(),
                new SigV4Signer(region, clock, new CredentialsCache(credentials, clock)));
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
    public Mono<HttpObject> open(S3Location location) {
        return http.open(location.toString(), addressing.target(location));
    }

    /**
     * Opens an object for synchronous reading (blocks): HEAD, then the prefetch of its footer or whole bytes; with the
     * footer's size known beforehand (e.g. Tempo's {@code meta.json} {@code footerSize}; 0 when not) the suffix read
     * covers it, so opening the reader takes no second read.
     */
    public HttpInputFile openInputFile(S3Location location, long footerSizeHint) {
        return http.openInputFile(location.toString(), addressing.target(location), footerSizeHint);
    }

    /** {@link #openInputFile(S3Location, long)} without a footer size hint. */
    public HttpInputFile openInputFile(S3Location location) {
        return openInputFile(location, 0);
    }

    /**
     * The objects below {@code s3://bucket/prefix} as an {@link ObjectStore} sharing this storage's connections and
     * credentials; closing the store leaves this storage open.
     */
    public ObjectStore store(String bucket, String prefix) {
        return new HttpObjectStore(http, new Bucket(bucket), new KeyPrefix(prefix), () -> { });
    }

    /** {@link #store}, closing this storage when the store is closed (for stores opened by URI). */
    public ObjectStore ownedStore(String bucket, String prefix) {
        return new HttpObjectStore(http, new Bucket(bucket), new KeyPrefix(prefix), this::close);
    }

    /**
     * Every object whose key starts with {@code prefix} (empty: the whole bucket), in key order, through {@code
     * ListObjectsV2} pages of at most {@code pageSize} keys, each request retried like range reads. Listed anew on
     * each subscription.
     */
    public Flux<StoredObject> list(String bucket, String prefix, int pageSize) {
        if (pageSize <= 0 || pageSize > 1000) throw new IllegalArgumentException("page size must be 1..1000: " + pageSize);
        return http.list("s3://" + bucket + "/" + prefix, token -> {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("list-type", "2");
            query.put("max-keys", Integer.toString(pageSize));
            if (!prefix.isEmpty()) query.put("prefix", prefix);
            if (token != null) query.put("continuation-token", token);
            return new HttpStorage.ListRequest(addressing.bucketTarget(bucket, query), query);
        }, ListObjectsPages::parse);
    }

    /** A bucket as the HTTP stores see it. */
    private final class Bucket implements Container {

        private final String name;

        Bucket(String name) {
            this.name = name;
        }

        @Override
        public String uri() {
            return "s3://" + name + "/";
        }

        @Override
        public RequestTarget target(String key) {
            return addressing.target(new S3Location(name, key));
        }

        @Override
        public Flux<StoredObject> list(String keyPrefix) {
            return S3Storage.this.list(name, keyPrefix, config.listPageSize());
        }
    }

    @Override
    public void close() {
        http.close();
        if (ownedCredentials != null) {
            try {
                ownedCredentials.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the default credential chain failed", e);
            }
        }
    }
}
