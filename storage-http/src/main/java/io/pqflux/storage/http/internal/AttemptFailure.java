package io.pqflux.storage.http.internal;

import io.netty.channel.ChannelException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.timeout.TimeoutException;
import io.pqflux.storage.ObjectRequestException;
import io.pqflux.storage.RequestFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import reactor.netty.channel.AbortedException;

/**
 * One failed attempt of a request, classified. Retries look at {@link RequestFailure#retryable()}; after the last
 * attempt it becomes an {@link io.pqflux.storage.ObjectRequestException} with the attempt count.
 */
public final class AttemptFailure extends RuntimeException {

    /** The host netty's resolver names in quotes: {@code Failed to resolve 'bucket.example' [A(1), AAAA(28)] …}. */
    private static final Pattern QUOTED = Pattern.compile("'([^']+)'");

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
            return new AttemptFailure(RequestFailure.CONNECTION, connectionDetail(error), -1, null, error);
        }
        if (error instanceof DecoderException) {
            return new AttemptFailure(RequestFailure.BAD_RESPONSE, "malformed HTTP response: " + error, -1, null, error);
        }
        return error;
    }

    /**
     * A connection failure in words: netty's and the JDK's messages name the address but come wrapped in class names
     * ({@code AnnotatedConnectException: Connection refused: /127.0.0.1:9}).
     */
    static String connectionDetail(Throwable error) {
        String message = error.getMessage() == null ? "" : error.getMessage();
        if (error instanceof UnknownHostException) {
            Matcher quoted = QUOTED.matcher(message);
            return "cannot resolve host " + (quoted.find() ? quoted.group(1) : message);
        }
        if (error instanceof ConnectException) {
            // "Connection refused: /127.0.0.1:9", "connection timed out after 10000 ms: /10.0.0.1:9"
            int colon = message.lastIndexOf(": ");
            String reason = (colon < 0 ? message : message.substring(0, colon)).toLowerCase(Locale.ROOT);
            String address = colon < 0 ? "" : " to " + message.substring(colon + 2).replaceFirst("^[^/]*/", "");
            return "cannot connect" + address + (reason.isEmpty() ? "" : " (" + reason + ")");
        }
        if (error instanceof SSLException) {
            return "TLS failed: " + message;
        }
        if (error instanceof ClosedChannelException || error instanceof PrematureChannelClosureException
                || error instanceof AbortedException) {
            return "the connection closed before the response ended";
        }
        return "connection failed: " + (message.isEmpty() ? "no detail" : message);
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
