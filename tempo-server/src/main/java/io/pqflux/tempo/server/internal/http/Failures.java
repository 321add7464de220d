package io.pqflux.tempo.server.internal.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.pqflux.tempo.TempoException;
import io.pqflux.traceql.TraceQlException;
import java.util.concurrent.TimeoutException;

/**
 * Why a request failed, as the status Tempo answers with and a one-line message: the client's mistakes (a query that
 * does not parse, with its line and column; a limit; a malformed ID or time range) are 400, an unknown trace 404, an
 * oversized one 422, a query over its time 504; anything else (a block that cannot be read) 500 naming the block.
 */
public final class Failures {

    private Failures() {
    }

    public static Answer answer(Throwable failure) {
        return Answer.text(status(failure), message(failure));
    }

    public static HttpResponseStatus status(Throwable failure) {
        return switch (failure) {
            case ApiException api -> api.status();
            case TraceQlException ignored -> HttpResponseStatus.BAD_REQUEST;
            case TempoException tempo -> switch (tempo.reason()) {
                case BAD_TRACE_ID -> HttpResponseStatus.BAD_REQUEST;
                case NOT_FOUND -> HttpResponseStatus.NOT_FOUND;
                case TRACE_TOO_LARGE -> HttpResponseStatus.UNPROCESSABLE_ENTITY;
                default -> HttpResponseStatus.INTERNAL_SERVER_ERROR;
            };
            // request records and the query limits refuse their arguments with IllegalArgumentException
            case IllegalArgumentException ignored -> HttpResponseStatus.BAD_REQUEST;
            case TimeoutException ignored -> HttpResponseStatus.GATEWAY_TIMEOUT;
            default -> HttpResponseStatus.INTERNAL_SERVER_ERROR;
        };
    }

    /** The message for the log: the client's, or for block data the exception's own, naming the file. */
    public static String detail(Throwable failure) {
        return failure instanceof TempoException tempo ? tempo.getMessage() : message(failure);
    }

    /** The message for the client. */
    public static String message(Throwable failure) {
        return switch (failure) {
            case TimeoutException ignored -> "the query ran past the server's query timeout and was cancelled";
            case ApiException api -> api.getMessage();
            case TraceQlException traceQl -> "invalid TraceQL: " + traceQl.getMessage();
            case IllegalArgumentException bad -> bad.getMessage();
            // the store's paths and other tenants' names are the operator's (the log line has them), not the client's
            case TempoException tempo -> switch (tempo.reason()) {
                case BAD_TRACE_ID, TRACE_TOO_LARGE -> tempo.getMessage();
                case NOT_FOUND -> "no such tenant or block";
                default -> "a block could not be read (" + tempo.reason() + "); the server's log names it";
            };
            default -> "internal error: " + failure.getClass().getSimpleName()
                    + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        };
    }
}
