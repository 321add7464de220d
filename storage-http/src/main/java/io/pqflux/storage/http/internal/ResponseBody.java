package io.pqflux.storage.http.internal;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A complete response body, owned by whoever holds it. Its own type (not a bare {@code ByteBuf}) so a Reactor
 * discard hook can release exactly these without touching the buffers reactor-netty manages itself; releasing
 * is idempotent because an operator may discard a body its consumer already gave up.
 */
public final class ResponseBody {

    private final ByteBuf buffer;
    private final AtomicBoolean released = new AtomicBoolean();

    ResponseBody(ByteBuf buffer) {
        this.buffer = buffer;
    }

    /** The body's bytes; the reference stays this body's (retain to share it). */
    public ByteBuf buffer() {
        return buffer;
    }

    public void release() {
        if (released.compareAndSet(false, true)) buffer.release();
    }
}
