package io.pqflux.storage;

import io.pqflux.io.ByteRange;
import java.io.IOException;
import java.net.URI;

/**
 * Why reading an object failed after all its attempts: the cause of the {@link io.pqflux.error.ParquetIOException}
 * every failed read ends with, so callers catch the one pqflux I/O type and look here for the details.
 */
public final class ObjectRequestException extends IOException {

    private final RequestFailure failure;
    private final URI uri;
    private final ByteRange range;
    private final int attempts;
    private final int status;
    private final String errorCode;

    /**
     * @param range     the bytes asked for, or {@code null} for a HEAD
     * @param status    the last HTTP status, or -1 when no response came
     * @param errorCode the store's error code from the response body (S3's {@code SlowDown}, Azure's {@code BlobNotFound}), or {@code null}
     */
    public ObjectRequestException(RequestFailure failure, String detail, URI uri, ByteRange range, int attempts, int status,
            String errorCode, Throwable cause) {
        super(describe(failure, detail, uri, range, attempts, status, errorCode), cause);
        this.failure = failure;
        this.uri = uri;
        this.range = range;
        this.attempts = attempts;
        this.status = status;
        this.errorCode = errorCode;
    }

    private static String describe(RequestFailure failure, String detail, URI uri, ByteRange range, int attempts,
            int status, String errorCode) {
        StringBuilder sb = new StringBuilder().append(failure);
        if (status >= 0) sb.append(" (HTTP ").append(status).append(errorCode == null ? "" : " " + errorCode).append(')');
        sb.append(": ").append(detail).append("; ").append(range == null ? "HEAD" : "GET bytes " + range)
                .append(' ').append(uri).append(", ").append(attempts).append(attempts == 1 ? " attempt" : " attempts");
        return sb.toString();
    }

    public RequestFailure failure() {
        return failure;
    }

    public URI uri() {
        return uri;
    }

    /** The requested bytes, or {@code null} when the failed request was the HEAD at open. */
    public ByteRange range() {
        return range;
    }

    public int attempts() {
        return attempts;
    }

    /** The last HTTP status, or -1 when no response came. */
    public int status() {
        return status;
    }

    /** The store's error code (S3's {@code NoSuchKey}, Azure's {@code ConditionNotMet}), or {@code null}. */
    public String errorCode() {
        return errorCode;
    }
}
