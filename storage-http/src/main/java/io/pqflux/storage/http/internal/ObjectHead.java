package io.pqflux.storage.http.internal;

/**
 * What a HEAD tells about an object.
 *
 * @param etag the entity tag as sent (quotes included), or {@code null} when the server sends none
 */
public record ObjectHead(long length, String etag) {
}
