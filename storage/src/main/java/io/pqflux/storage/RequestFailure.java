package io.pqflux.storage;

/** What went wrong with a request, and whether trying again can help. */
public enum RequestFailure {
    /** 404: no such bucket or key. */
    NOT_FOUND(false),
    /** 401/403: credentials missing, wrong, or without permission. */
    ACCESS_DENIED(false),
    /** 412 on {@code If-Match}: the object was replaced since it was opened (its version changed). */
    OBJECT_CHANGED(false),
    /** 416: the range lies outside the object (it shrank since it was opened). */
    RANGE_NOT_SATISFIABLE(false),
    /** Any other 4xx: the request itself is wrong; repeating it gives the same answer. */
    CLIENT_ERROR(false),
    /** A response that does not answer the request (wrong status, {@code Content-Range} or length headers). */
    BAD_RESPONSE(false),
    /** 5xx, including S3's 503 SlowDown and Azure's 503 ServerBusy. */
    SERVER_ERROR(true),
    /** 429. */
    THROTTLED(true),
    /** No complete response within the request timeout. */
    TIMEOUT(true),
    /** Connection refused, reset or closed early, including a body cut short. */
    CONNECTION(true);

    private final boolean retryable;

    RequestFailure(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
