package io.pqflux.storage.spi;

import io.pqflux.storage.ObjectStore;
import java.net.URI;
import java.util.Map;

/**
 * An object store implementation, found by {@link java.util.ServiceLoader} through its URI scheme. Each store module
 * provides one ({@code provides io.pqflux.storage.spi.ObjectStoreProvider with ...} and a {@code META-INF/services}
 * entry for the class path).
 */
public interface ObjectStoreProvider {

    /** The URI scheme this provider opens, lower case ({@code s3}, {@code az}). */
    String scheme();

    /**
     * A store rooted at {@code root} ({@code scheme://container/prefix}), which the caller closes. {@code settings}
     * are this provider's options (endpoint, region, credentials, ...), each documented by the provider; an unknown
     * key fails with an {@link IllegalArgumentException} naming it, so that a misspelt option is not ignored.
     */
    ObjectStore open(URI root, Map<String, String> settings);
}
