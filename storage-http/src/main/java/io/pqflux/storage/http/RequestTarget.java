package io.pqflux.storage.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Where one object's requests go. {@code encodedPath} is sent and signed exactly as it is (services sign the path
 * URL-encoded once), so the two can never disagree.
 *
 * @param uri         the full request URI, query included, for sending and for messages
 * @param scheme      {@code http} or {@code https}
 * @param host        the host, without port
 * @param port        the port, or -1 for the scheme's default
 * @param encodedPath the URL-encoded path, starting with {@code /}
 */
public record RequestTarget(URI uri, String scheme, String host, int port, String encodedPath) {

    /**
     * The target at {@code encodedPath} on {@code host} with {@code endpoint}'s scheme and port, the URI carrying
     * {@code query} (raw values, encoded here; sign them raw).
     */
    public static RequestTarget of(URI endpoint, String host, String encodedPath, Map<String, String> query) {
        StringBuilder queryText = new StringBuilder();
        query.forEach((name, value) -> queryText.append(queryText.isEmpty() ? "?" : "&").append(encode(name, false))
                .append('=').append(encode(value, false)));
        String authority = endpoint.getPort() < 0 ? host : host + ":" + endpoint.getPort();
        URI uri = URI.create(endpoint.getScheme() + "://" + authority + encodedPath + queryText);
        return new RequestTarget(uri, endpoint.getScheme(), host, endpoint.getPort(), encodedPath);
    }

    /** The endpoint's path without a trailing '/' ("" for none): what object paths are appended to. */
    public static String basePath(URI endpoint) {
        String path = endpoint.getRawPath();
        if (path == null) return "";
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** RFC 3986 percent-encoding of everything but unreserved characters and '/', as S3 and Azure sign paths. */
    public static String encodePath(String raw) {
        return encode(raw, true);
    }

    /** RFC 3986 percent-encoding of all but unreserved characters (and '/' when {@code keepSlash}). */
    private static String encode(String raw, boolean keepSlash) {
        StringBuilder sb = new StringBuilder(raw.length() + 16);
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/')) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
