package io.pqflux.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * An object as a listing or a stat shows it.
 *
 * @param path     below the store's root, '/'-separated
 * @param version  what changes whenever the object is replaced: the entity tag as the server sends it (quoted), a
 *                 local file's modification time; the same string the object's opened reads are pinned to
 * @param modified when it was last written, or null when the store does not say
 */
public record StoredObject(String path, long size, String version, Instant modified) {

    public StoredObject {
        Objects.requireNonNull(path, "path");
        if (size < 0) throw new IllegalArgumentException("negative size " + size + " of " + path);
    }
}
