package io.pqflux.reactive.s3;

/**
 * Request counters of one object, a snapshot.
 *
 * @param requests     HTTP requests sent (HEAD and GET, retries included)
 * @param retries      requests that were retries of a failed one
 * @param bytesFetched body bytes received in successful range responses (merged gaps included)
 */
public record S3Metrics(long requests, long retries, long bytesFetched) {
}
