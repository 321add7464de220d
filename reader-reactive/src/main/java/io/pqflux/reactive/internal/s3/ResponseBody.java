package io.pqflux.reactive.internal.s3;

import io.netty.buffer.ByteBuf;

/**
 * A complete response body, owned by whoever holds it. Its own type (not a bare {@code ByteBuf}) so a Reactor
 * discard hook can release exactly these without touching the buffers reactor-netty manages itself.
 */
public record ResponseBody(ByteBuf buffer) {

    public void release() {
        buffer.release();
    }
}
