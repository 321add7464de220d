package io.pqflux.reactive.internal.s3;

import io.pqflux.reactive.s3.S3Failure;
import io.netty.channel.ChannelException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.timeout.TimeoutException;
import java.io.IOException;
import reactor.netty.channel.AbortedException;

/**
 * One failed attempt of a request, classified. Retries look at {@link S3Failure#retryable()}; after the last
 * attempt it becomes an {@link io.pqflux.reactive.s3.S3RequestException} with the attempt count.
 */
public final class AttemptFailure extends RuntimeException {

    private final S3Failure failure;
    private final int status;
    private final String errorCode;

    AttemptFailure(S3Failure failure, String detail, int status, String errorCode, Throwable cause) {
        super(detail, cause);
        this.failure = failure;
        this.status = status;
        this.errorCode = errorCode;
    }

    static AttemptFailure of(S3Failure failure, String detail) {
        return new AttemptFailure(failure, detail, -1, null, null);
    }

    /** An error status; {@code errorCode} is S3's code from the body, if any. */
    static AttemptFailure forStatus(int status, String errorCode) {
        S3Failure failure = switch (status) {
            case 401, 403 -> S3Failure.ACCESS_DENIED;
            case 404 -> S3Failure.NOT_FOUND;
            case 412 -> S3Failure.OBJECT_CHANGED;
            case 416 -> S3Failure.RANGE_NOT_SATISFIABLE;
            case 429 -> S3Failure.THROTTLED;
            default -> status >= 500 ? S3Failure.SERVER_ERROR
                    : status >= 400 ? S3Failure.CLIENT_ERROR : S3Failure.BAD_RESPONSE;
        };
        String detail = failure == S3Failure.OBJECT_CHANGED
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
            return new AttemptFailure(S3Failure.TIMEOUT, "no complete response in time", -1, null, error);
        }
        // a connection closed before the response's headers (netty's PrematureChannelClosureException is a decoder
        // error, not an IOException) is a reset like any other
        if (error instanceof IOException || error instanceof ChannelException || error instanceof AbortedException
                || error instanceof PrematureChannelClosureException) {
            return new AttemptFailure(S3Failure.CONNECTION, String.valueOf(error), -1, null, error);
        }
        if (error instanceof DecoderException) {
            return new AttemptFailure(S3Failure.BAD_RESPONSE, "malformed HTTP response: " + error, -1, null, error);
        }
        return error;
    }

    public S3Failure failure() {
        return failure;
    }

    /** The HTTP status, or -1 when no response came. */
    public int status() {
        return status;
    }

    /** S3's error code, or {@code null}. */
    public String errorCode() {
        return errorCode;
    }
}
