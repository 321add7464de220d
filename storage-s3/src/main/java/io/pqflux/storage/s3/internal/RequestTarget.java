package io.pqflux.storage.s3.internal;

import java.net.URI;

/**
 * Where one object's requests go. {@code encodedPath} is sent and signed exactly as it is (S3 signs the path
 * URL-encoded once), so the two can never disagree.
 *
 * @param uri         the full request URI, for sending and for messages
 * @param scheme      {@code http} or {@code https}
 * @param host        the host, without port
 * @param port        the port, or -1 for the scheme's default
 * @param encodedPath the URL-encoded path, starting with {@code /}
 */
public record RequestTarget(URI uri, String scheme, String host, int port, String encodedPath) {
}
