package io.pqflux.tempo.server.internal.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.Semaphore;

/** At most so many queries at once: one more is refused at once with 429 rather than queued behind the others. */
public final class QueryGate {

    private final Semaphore permits;
    private final int max;

    public QueryGate(int max) {
        this.permits = new Semaphore(max);
        this.max = max;
    }

    /** A permit, to {@link #release} when the query ends however it ends. */
    public void acquire() {
        if (!permits.tryAcquire()) {
            throw new ApiException(HttpResponseStatus.TOO_MANY_REQUESTS,
                    "too many queries: " + max + " are running; retry later");
        }
    }

    public void release() {
        permits.release();
    }
}
