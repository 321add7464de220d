package io.pqflux.storage.azure;

import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.StoredObject;
import io.pqflux.storage.azure.internal.BlobAddressing;
import io.pqflux.storage.azure.internal.ListBlobsPages;
import io.pqflux.storage.azure.internal.SharedKeySigner;
import io.pqflux.storage.http.Container;
import io.pqflux.storage.http.HttpInputFile;
import io.pqflux.storage.http.HttpObject;
import io.pqflux.storage.http.HttpObjectStore;
import io.pqflux.storage.http.HttpStorage;
import io.pqflux.storage.http.RequestTarget;
import io.pqflux.storage.spi.KeyPrefix;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Entry point to one Azure storage account's Blob service: one connection pool and one signer, shared by every blob
 * opened through it. Blobs are named {@code az://container/blob}. Thread-safe; close it when done.
 */
public final class AzureStorage implements AutoCloseable {

    private final AzureConfig config;
    private final HttpStorage http;
    private final BlobAddressing addressing;

    private AzureStorage(AzureConfig config) {
        this.config = config;
        AzureCredentials credentials = config.credentials();
        String accountKey = credentials instanceof AzureCredentials.SharedKey key ? key.accountKey() : null;
        String sasToken = credentials instanceof AzureCredentials.Sas sas ? sas.token() : null;
        this.addressing = new BlobAddressing(config.endpoint(), sasToken);
        this.http = new HttpStorage("pqflux-azure", config.transfer(),
                new SharedKeySigner(config.account(), accountKey, Clock.systemUTC()));
    }

    public static AzureStorage create(AzureConfig config) {
        return new AzureStorage(config);
    }

    public AzureConfig config() {
        return config;
    }

    /** Opens a blob: one HEAD for its length and ETag. Non-blocking. */
    public Mono<HttpObject> open(String container, String blob) {
        return http.open(name(container, blob), addressing.blob(container, blob));
    }

    /**
     * Opens a blob for synchronous reading (blocks): HEAD, then the prefetch of its footer or whole bytes ({@code
     * footerSizeHint}: the Parquet footer's size when known, else 0).
     */
    public HttpInputFile openInputFile(String container, String blob, long footerSizeHint) {
        return http.openInputFile(name(container, blob), addressing.blob(container, blob), footerSizeHint);
    }

    /**
     * The blobs below {@code az://container/prefix} as an {@link ObjectStore} sharing this storage's connections;
     * closing the store leaves this storage open.
     */
    public ObjectStore store(String container, String prefix) {
        return new HttpObjectStore(http, new BlobContainer(container), new KeyPrefix(prefix), () -> { });
    }

    /** {@link #store}, closing this storage when the store is closed (for stores opened by URI). */
    public ObjectStore ownedStore(String container, String prefix) {
        return new HttpObjectStore(http, new BlobContainer(container), new KeyPrefix(prefix), this::close);
    }

    /**
     * Every blob whose name starts with {@code prefix} (empty: the whole container), in name order, through List Blobs
     * pages of at most {@code pageSize} blobs, each request retried like range reads. Listed anew on each subscription.
     */
    public Flux<StoredObject> list(String container, String prefix, int pageSize) {
        if (pageSize <= 0 || pageSize > 5000) throw new IllegalArgumentException("page size must be 1..5000: " + pageSize);
        return http.list(name(container, prefix), marker -> {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("restype", "container");
            query.put("comp", "list");
            query.put("maxresults", Integer.toString(pageSize));
            if (!prefix.isEmpty()) query.put("prefix", prefix);
            if (marker != null) query.put("marker", marker);
            return new HttpStorage.ListRequest(addressing.container(container, query), query);
        }, ListBlobsPages::parse);
    }

    private static String name(String container, String blob) {
        return "az://" + container + "/" + blob;
    }

    /** A container as the HTTP stores see it. */
    private final class BlobContainer implements Container {

        private final String name;

        BlobContainer(String name) {
            if (name.isEmpty() || name.indexOf('/') >= 0) throw new IllegalArgumentException("invalid container name '" + name + "'");
            this.name = name;
        }

        @Override
        public String uri() {
            return "az://" + name + "/";
        }

        @Override
        public RequestTarget target(String key) {
            return addressing.blob(name, key);
        }

        @Override
        public Flux<StoredObject> list(String keyPrefix) {
            return AzureStorage.this.list(name, keyPrefix, config.listPageSize());
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
