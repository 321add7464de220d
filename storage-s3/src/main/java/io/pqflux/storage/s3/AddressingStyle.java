package io.pqflux.storage.s3;

/** Where the bucket name goes in a request. */
public enum AddressingStyle {
    /** {@code https://endpoint/bucket/key}: what most S3-compatible servers expect. */
    PATH,
    /** {@code https://bucket.endpoint/key}: AWS's default (bucket names with dots break TLS here; use PATH). */
    VIRTUAL_HOST
}
