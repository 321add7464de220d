package io.pqflux.tempo.server.internal.http;

import io.netty.handler.codec.http.HttpResponseStatus;

/** A request answered with an error status and a one-line message, as Tempo answers it (plain text). */
public final class ApiException extends RuntimeException {

    private final HttpResponseStatus status;

    public ApiException(HttpResponseStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpResponseStatus.BAD_REQUEST, message);
    }

    public HttpResponseStatus status() {
        return status;
    }
}
