package io.pqflux.flink;

import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.ObjectStores;
import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where a source reads, in a form a Flink job ships to its task managers: a local path or a store URI
 * ({@code s3://bucket/prefix}, {@code az://container/prefix}) with the settings its store module opens it with (for
 * S3: {@code endpoint}, {@code region}, {@code path-style}, credentials; without them the SDK's default chain on each
 * task manager). Each enumerator and reader opens its own store from it and closes it.
 *
 * @param location a local directory or a store URI
 * @param settings the store's settings ({@code ObjectStores.open})
 */
public record StoreLocation(String location, Map<String, String> settings) implements Serializable {

    public StoreLocation {
        Objects.requireNonNull(location, "location");
        // a sorted copy: serializable (Map.copyOf is not guaranteed to be) and printed in a stable order
        settings = new TreeMap<>(Objects.requireNonNull(settings, "settings"));
    }

    /** A local directory or a URI opened with the store's defaults. */
    public static StoreLocation of(String location) {
        return new StoreLocation(location, Map.of());
    }

    /** Whether the location is a local directory (a path or a {@code file:} URI), not an object store. */
    public boolean isLocal() {
        int scheme = location.indexOf("://");
        return scheme < 0 || location.regionMatches(true, 0, "file", 0, scheme) && scheme == 4;
    }

    /** Opens the store; the caller closes it. */
    public ObjectStore open() {
        return ObjectStores.open(location, settings);
    }

    /** The location without its settings (they may hold credentials). */
    @Override
    public String toString() {
        return location;
    }
}
