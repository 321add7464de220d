package io.pqflux.reactive.s3;

/**
 * An object as a bucket listing shows it.
 *
 * @param etag the entity tag as S3 sends it (quoted), the same string a HEAD of the object returns
 */
public record S3ObjectSummary(S3Location location, long size, String etag) {
}
