package io.pqflux.storage.http;

import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * A service's request authentication: AWS Signature Version 4, Azure Shared Key, or nothing for public data. Called
 * once per attempt (a retry is signed anew, with a fresh date), possibly on an event loop: resolving credentials that
 * may block belongs on another scheduler, inside the returned {@code Mono}.
 */
@FunctionalInterface
public interface RequestSigner {

    /**
     * Every header to send: {@code headers} plus the service's date, version and authorization headers.
     *
     * @param method  {@code GET} or {@code HEAD}
     * @param query   the query parameters the target's URI carries, raw (not URL-encoded)
     * @param headers the request's own headers ({@code Range}, {@code If-Match})
     */
    Mono<Map<String, List<String>>> sign(String method, RequestTarget target, Map<String, String> query,
            Map<String, String> headers);
}
