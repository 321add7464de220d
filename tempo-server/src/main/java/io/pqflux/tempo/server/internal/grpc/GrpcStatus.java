package io.pqflux.tempo.server.internal.grpc;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.pqflux.tempo.server.internal.http.ApiException;
import io.pqflux.tempo.server.internal.http.Failures;
import java.nio.charset.StandardCharsets;

/**
 * A call's outcome as gRPC's trailers carry it: the code ({@code grpc-status}) and the message ({@code grpc-message},
 * percent-encoded). A failure gets the code of the HTTP status the API would answer (400: INVALID_ARGUMENT, 404:
 * NOT_FOUND, 429: RESOURCE_EXHAUSTED, 503: UNAVAILABLE, 504: DEADLINE_EXCEEDED, …) and the same message.
 */
record GrpcStatus(int code, String message) {

    static final GrpcStatus OK = new GrpcStatus(0, null);

    static GrpcStatus of(Throwable failure) {
        HttpResponseStatus status = Failures.status(failure);
        int code = switch (status.code()) {
            case 400 -> 3;  // INVALID_ARGUMENT
            case 404 -> 5;  // NOT_FOUND
            case 413, 429 -> 8;  // RESOURCE_EXHAUSTED
            case 422 -> 9;  // FAILED_PRECONDITION
            case 501 -> 12; // UNIMPLEMENTED
            case 503 -> 14; // UNAVAILABLE
            case 504 -> 4;  // DEADLINE_EXCEEDED
            default -> 13;  // INTERNAL
        };
        return new GrpcStatus(code, Failures.message(failure));
    }

    static ApiException invalid(String message) {
        return ApiException.badRequest(message);
    }

    static ApiException unimplemented(String message) {
        return new ApiException(HttpResponseStatus.NOT_IMPLEMENTED, message);
    }

    static ApiException tooLarge(String message) {
        return new ApiException(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, message);
    }

    void writeTo(HttpHeaders trailers) {
        trailers.set("grpc-status", Integer.toString(code));
        if (message != null) trailers.set("grpc-message", percentEncoded(message));
    }

    /** gRPC's encoding of {@code grpc-message}: UTF-8, bytes outside printable ASCII and {@code %} as {@code %XX}. */
    static String percentEncoded(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 0x20 && c <= 0x7e && c != '%') out.append((char) c);
            else out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                    .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
        }
        return out.toString();
    }
}
