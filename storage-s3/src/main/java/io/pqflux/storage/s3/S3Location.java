package io.pqflux.storage.s3;

import java.util.Objects;

/**
 * An object in a bucket, written {@code s3://bucket/key}. The key is kept as given (not URL-decoded): S3 keys are
 * arbitrary UTF-8 and the request path encodes them.
 */
public record S3Location(String bucket, String key) {

    private static final String SCHEME = "s3://";

    public S3Location {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        if (bucket.isEmpty() || bucket.indexOf('/') >= 0) {
            throw new IllegalArgumentException("invalid bucket name '" + bucket + "'");
        }
        if (key.isEmpty()) throw new IllegalArgumentException("empty object key in bucket " + bucket);
    }

    /** Parses {@code s3://bucket/key}; the key is everything after the first slash that follows the bucket. */
    public static S3Location parse(String uri) {
        if (!uri.startsWith(SCHEME)) throw new IllegalArgumentException("not an s3:// URI: " + uri);
        String rest = uri.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw new IllegalArgumentException("expected s3://bucket/key, got " + uri);
        }
        return new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
    }

    @Override
    public String toString() {
        return SCHEME + bucket + "/" + key;
    }
}
