package io.pqflux.storage.http.testkit;

import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.http.HttpSettings;
import java.net.URI;

/**
 * An object storage server on loopback for tests (S3Proxy, Azurite), so one suite runs against every store: objects are
 * put straight into it, and stores read them back through the client under test.
 */
public interface ObjectServer extends AutoCloseable {

    /** The URI scheme of its stores: {@code s3}, {@code az}. */
    String scheme();

    /** The port it listens on (what a fault-injecting proxy forwards to). */
    int port();

    void createContainer(String container);

    /** Puts (or replaces) an object; a replacement gets a new version. */
    void put(String container, String key, byte[] bytes);

    /**
     * The objects below {@code container/prefix} through one client shared by every such store, closed with the server;
     * listing pages are small (7 keys), so listings paginate.
     */
    ObjectStore store(String container, String prefix);

    /** A store through another server root (a proxy in front of this one) with its own client, closed with the store. */
    ObjectStore storeVia(URI root, String container, String prefix, HttpSettings transfer);

    @Override
    void close();
}
