package io.pqflux.storage.azure.internal;

import io.pqflux.storage.http.RequestTarget;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Request targets of blobs and containers below the Blob service endpoint: {@code ENDPOINT/container/blob}, the path
 * percent-encoded once. A shared access signature's parameters ride along in every URI (they are not signed).
 */
public final class BlobAddressing {

    private final URI endpoint;
    private final Map<String, String> sas;

    /** @param sasToken the SAS query ({@code sv=…&sig=…}), or null */
    public BlobAddressing(URI endpoint, String sasToken) {
        this.endpoint = endpoint;
        this.sas = sasToken == null ? Map.of() : parse(sasToken);
    }

    public RequestTarget blob(String container, String blob) {
        return RequestTarget.of(endpoint, endpoint.getHost(), containerPath(container) + "/" + RequestTarget.encodePath(blob), sas);
    }

    /** A container-level request (List Blobs); {@code query} raw, signed as it is. */
    public RequestTarget container(String container, Map<String, String> query) {
        Map<String, String> all = new LinkedHashMap<>(query);
        all.putAll(sas);
        return RequestTarget.of(endpoint, endpoint.getHost(), containerPath(container), all);
    }

    private String containerPath(String container) {
        return RequestTarget.basePath(endpoint) + "/" + RequestTarget.encodePath(container);
    }

    private static Map<String, String> parse(String token) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : token.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            query.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return query;
    }
}
