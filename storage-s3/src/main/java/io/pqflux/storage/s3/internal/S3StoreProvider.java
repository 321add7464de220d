package io.pqflux.storage.s3.internal;

import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.s3.S3Settings;
import io.pqflux.storage.s3.S3Storage;
import io.pqflux.storage.spi.ObjectStoreProvider;
import java.net.URI;
import java.util.Map;

/** {@code s3://bucket/prefix}, with {@link S3Settings}; the store owns the storage it creates. */
public final class S3StoreProvider implements ObjectStoreProvider {

    @Override
    public String scheme() {
        return "s3";
    }

    @Override
    public ObjectStore open(URI root, Map<String, String> settings) {
        String bucket = root.getHost() != null ? root.getHost() : root.getAuthority();
        if (bucket == null || bucket.isEmpty()) throw new IllegalArgumentException("expected s3://bucket/prefix, got " + root);
        String prefix = root.getPath() == null ? "" : root.getPath();
        return S3Storage.create(S3Settings.config(settings, System.getenv())).ownedStore(bucket, prefix);
    }
}
