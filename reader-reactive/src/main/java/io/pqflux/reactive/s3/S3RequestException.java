package io.pqflux.reactive.s3;

import io.pqflux.io.ByteRange;
import java.io.IOException;
import java.net.URI;

/**
 * Why reading an object failed after all its attempts: the cause of the {@link io.pqflux.error.ParquetIOException}
 * every failed read ends with, so callers catch the one pqflux I/O type and look here for the details.
 */
public final class S3RequestException extends IOException {

    private final S3Failure failure;
    private final URI uri;
    private final ByteRange range;
    private final int attempts;
    private final int status;
    private final String errorCode;

    /**
     * @param range     the bytes asked for, or {@code null} for a HEAD
     * @param status    the last HTTP status, or -1 when no response came
     * @param errorCode S3's error code from the response body (e.g. {@code SlowDown}), or {@code null}
     */
    public S3RequestException(S3Failure failure, String detail, URI uri, ByteRange range, int attempts, int status,
            String errorCode, Throwable cause) {
        super(describe(failure, detail, uri, range, attempts, status, errorCode), cause);
        this.failure = failure;
        this.uri = uri;
        this.range = range;
        this.attempts = attempts;
        this.status = status;
        this.errorCode = errorCode;
    }

    private static String describe(S3Failure failure, String detail, URI uri, ByteRange range, int attempts,
            int status, String errorCode) {
        StringBuilder sb = new StringBuilder().append(failure);
        if (status >= 0) sb.append(" (HTTP ").append(status).append(errorCode == null ? "" : " " + errorCode).append(')');
        sb.append(": ").append(detail).append("; ").append(range == null ? "HEAD" : "GET bytes " + range)
                .append(' ').append(uri).append(", ").append(attempts).append(attempts == 1 ? " attempt" : " attempts");
        return sb.toString();
    }

    public S3Failure failure() {
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

    /** S3's error code (e.g. {@code NoSuchKey}, {@code SlowDown}), or {@code null}. */
    public String errorCode() {
        return errorCode;
    }
}
