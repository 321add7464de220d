package io.pqflux.storage.spi;

/**
 * The key prefix a store's root stands for, in a flat namespace of keys (buckets, containers): the root's paths are
 * the keys below it. Normalised to end in '/' unless empty (the container's root), so that {@code logs} does not also
 * cover {@code logs-old/}.
 */
public record KeyPrefix(String value) {

    public KeyPrefix {
        while (value.startsWith("/")) value = value.substring(1);
        if (!value.isEmpty() && !value.endsWith("/")) value = value + "/";
    }

    /** The key of {@code path} below the root ('/'-separated; empty for the root itself, as a folder). */
    public String key(String path) {
        return value + path;
    }

    /** The path below the root of a key listed under it. */
    public String path(String key) {
        if (!key.startsWith(value)) throw new IllegalArgumentException("key '" + key + "' is not below '" + value + "'");
        return key.substring(value.length());
    }

    /** The prefix of a root at {@code path} below this one. */
    public KeyPrefix below(String path) {
        return new KeyPrefix(key(path));
    }
}
