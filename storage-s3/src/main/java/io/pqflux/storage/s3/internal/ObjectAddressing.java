package io.pqflux.storage.s3.internal;

import io.pqflux.storage.s3.AddressingStyle;
import io.pqflux.storage.s3.S3Location;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Builds the request target of an object from the endpoint and the addressing style. */
public final class ObjectAddressing {

    private final URI endpoint;
    private final AddressingStyle style;

    public ObjectAddressing(URI endpoint, AddressingStyle style) {
        this.endpoint = endpoint;
        this.style = style;
    }

    /** AWS's endpoint for a region. */
    public static URI awsEndpoint(String region) {
        return URI.create("https://s3." + region + ".amazonaws.com");
    }

    public RequestTarget target(S3Location location) {
        String basePath = trimTrailingSlash(endpoint.getRawPath());
        String key = encodePath(location.key());
        String host = endpoint.getHost();
        String path;
        if (style == AddressingStyle.PATH) {
            path = basePath + "/" + encodePath(location.bucket()) + "/" + key;
        } else {
            host = location.bucket() + "." + host;
            path = basePath + "/" + key;
        }
        String authority = endpoint.getPort() < 0 ? host : host + ":" + endpoint.getPort();
        URI uri = URI.create(endpoint.getScheme() + "://" + authority + path);
        return new RequestTarget(uri, endpoint.getScheme(), host, endpoint.getPort(), path);
    }

    /**
     * The target of a bucket-level request ({@code ListObjectsV2}); the URI carries {@code query}, URL-encoded, which
     * must be signed as the same raw parameters.
     */
    public RequestTarget bucketTarget(String bucket, Map<String, String> query) {
        String basePath = trimTrailingSlash(endpoint.getRawPath());
        String host = endpoint.getHost();
        String path;
        if (style == AddressingStyle.PATH) {
            path = basePath + "/" + encodePath(bucket);
        } else {
            host = bucket + "." + host;
            path = basePath + "/";
        }
        StringBuilder queryText = new StringBuilder();
        query.forEach((name, value) -> queryText.append(queryText.isEmpty() ? "?" : "&").append(encode(name, false))
                .append('=').append(encode(value, false)));
        String authority = endpoint.getPort() < 0 ? host : host + ":" + endpoint.getPort();
        URI uri = URI.create(endpoint.getScheme() + "://" + authority + path + queryText);
        return new RequestTarget(uri, endpoint.getScheme(), host, endpoint.getPort(), path);
    }

    private static String trimTrailingSlash(String path) {
        if (path == null) return "";
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** RFC 3986 percent-encoding of everything but unreserved characters and '/', as SigV4 expects for S3. */
    static String encodePath(String raw) {
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
