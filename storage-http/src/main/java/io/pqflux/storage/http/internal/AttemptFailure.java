package io.pqflux.storage.http.internal;

import io.netty.channel.ChannelException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.timeout.TimeoutException;
import io.pqflux.storage.ObjectRequestException;
import io.pqflux.storage.RequestFailure;
import java.io.IOException;
import reactor.netty.channel.AbortedException;

/**
 * One failed attempt of a request, classified. Retries look at {@link RequestFailure#retryable()}; after the last
 * attempt it becomes an {@link io.pqflux.storage.ObjectRequestException} with the attempt count.
 */
public final class AttemptFailure extends RuntimeException {

    private final RequestFailure failure;
    private final int status;
    private final String errorCode;

    AttemptFailure(RequestFailure failure, String detail, int status, String errorCode, Throwable cause) {
        super(detail, cause);
        this.failure = failure;
        this.status = status;
        this.errorCode = errorCode;
    }

    static AttemptFailure of(RequestFailure failure, String detail) {
        return new AttemptFailure(failure, detail, -1, null, null);
    }

    /** An error status; {@code errorCode} is the service's code, if any. */
    static AttemptFailure forStatus(int status, String errorCode) {
        RequestFailure failure = switch (status) {
            case 401, 403 -> RequestFailure.ACCESS_DENIED;
            case 404 -> RequestFailure.NOT_FOUND;
            case 412 -> RequestFailure.OBJECT_CHANGED;
            case 416 -> RequestFailure.RANGE_NOT_SATISFIABLE;
            case 429 -> RequestFailure.THROTTLED;
            default -> status >= 500 ? RequestFailure.SERVER_ERROR
                    : status >= 400 ? RequestFailure.CLIENT_ERROR : RequestFailure.BAD_RESPONSE;
        };
        String detail = failure == RequestFailure.OBJECT_CHANGED
                ? "the object was replaced since it was opened (its ETag no longer matches)"
                : "unexpected status " + status;
        return new AttemptFailure(failure, detail, status, errorCode, null);
    }

    /**
     * Classifies what the transport threw: timeouts (reactor's and netty's) and connection failures
     * (refused, reset, closed before the response ended) are retryable; anything else is not an I/O
     * failure but a bug, and is returned as it is.
     */
    static Throwable classify(Throwable error) {
        if (error instanceof AttemptFailure) return error;
        if (error instanceof java.util.concurrent.TimeoutException || error instanceof TimeoutException) {
            return new AttemptFailure(RequestFailure.TIMEOUT, "no complete response in time", -1, null, error);
        }
        // a connection closed before the response's headers (netty's PrematureChannelClosureException is a decoder
        // error, not an IOException) is a reset like any other
        if (error instanceof IOException || error instanceof ChannelException || error instanceof AbortedException
                || error instanceof PrematureChannelClosureException) {
            return new AttemptFailure(RequestFailure.CONNECTION, String.valueOf(error), -1, null, error);
        }
        if (error instanceof DecoderException) {
            return new AttemptFailure(RequestFailure.BAD_RESPONSE, "malformed HTTP response: " + error, -1, null, error);
        }
        return error;
    }

    public RequestFailure failure() {
        return failure;
    }

    /** The HTTP status, or -1 when no response came. */
    public int status() {
        return status;
    }

    /** The service's error code ({@code NoSuchKey}, {@code BlobNotFound}), or {@code null}. */
    public String errorCode() {
        return errorCode;
    }
}
