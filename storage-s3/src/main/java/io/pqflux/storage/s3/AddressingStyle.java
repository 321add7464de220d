package io.pqflux.storage.s3;

/** Where the bucket name goes in a request. */
public enum AddressingStyle {
    /** {@code https://endpoint/bucket/key}: what most S3-compatible servers expect. */
    PATH,
    /**
     * {@code https://bucket.endpoint/key}: AWS's default (bucket names with dots break TLS here; use PATH). An endpoint
     * whose host is an IP address or {@code localhost} has no names below it, so its requests go by PATH, as the AWS
     * SDKs send them.
     */
    VIRTUAL_HOST
}
