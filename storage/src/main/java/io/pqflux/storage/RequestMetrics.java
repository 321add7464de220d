package io.pqflux.storage;

/**
 * Request counters of one object (or listing), a snapshot.
 *
 * @param requests     requests sent (stat, reads and listing pages; retries included)
 * @param retries      requests that were retries of a failed one
 * @param bytesFetched body bytes received in successful range responses (merged gaps included)
 */
public record RequestMetrics(long requests, long retries, long bytesFetched) {
}
