package io.pqflux.storage.s3.internal;

import io.pqflux.storage.http.RequestTarget;
import io.pqflux.storage.s3.AddressingStyle;
import io.pqflux.storage.s3.S3Location;
import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;

/** Builds the request target of an object from the endpoint and the addressing style. */
public final class ObjectAddressing {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final URI endpoint;
    private final AddressingStyle style;

    public ObjectAddressing(URI endpoint, AddressingStyle style) {
        this.endpoint = endpoint;
        this.style = hasSubdomains(endpoint.getHost()) ? style : AddressingStyle.PATH;
    }

    /** Whether {@code bucket.host} names a host: not for an IP address or {@code localhost}. */
    private static boolean hasSubdomains(String host) {
        if (host == null || host.equalsIgnoreCase("localhost") || host.startsWith("[")) return false;
        return !IPV4.matcher(host).matches();
    }

    /** AWS's endpoint for a region. */
    public static URI awsEndpoint(String region) {
        return URI.create("https://s3." + region + ".amazonaws.com");
    }

    public RequestTarget target(S3Location location) {
        return target(location.bucket(), RequestTarget.encodePath(location.key()), Map.of());
    }

    /**
     * The target of a bucket-level request ({@code ListObjectsV2}); the URI carries {@code query}, URL-encoded, which
     * must be signed as the same raw parameters.
     */
    public RequestTarget bucketTarget(String bucket, Map<String, String> query) {
        return target(bucket, "", query);
    }

    private RequestTarget target(String bucket, String encodedKey, Map<String, String> query) {
        String basePath = RequestTarget.basePath(endpoint);
        if (style == AddressingStyle.PATH) {
            String path = basePath + "/" + RequestTarget.encodePath(bucket) + (encodedKey.isEmpty() ? "" : "/" + encodedKey);
            return RequestTarget.of(endpoint, endpoint.getHost(), path, query);
        }
        return RequestTarget.of(endpoint, bucket + "." + endpoint.getHost(), basePath + "/" + encodedKey, query);
    }
}
