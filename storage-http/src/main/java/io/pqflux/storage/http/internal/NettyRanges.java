package io.pqflux.storage.http.internal;

import io.netty.buffer.ByteBuf;
import io.pqflux.io.ByteRange;
import io.pqflux.storage.FetchedRange;
import java.lang.foreign.MemorySegment;

/** Fetched ranges over pooled direct netty buffers. */
public final class NettyRanges {

    private NettyRanges() {
    }

    /**
     * Takes over one reference of {@code buffer}, whose readable bytes are {@code range}'s, released when the range is
     * closed (when this throws, the reference stays the caller's).
     */
    public static FetchedRange owned(ByteRange range, ByteBuf buffer) {
        if (buffer.readableBytes() != range.length() || !buffer.isDirect() || buffer.nioBufferCount() != 1) {
            throw new IllegalArgumentException("need one direct buffer of " + range.length() + " bytes, got " + buffer);
        }
        MemorySegment segment = MemorySegment.ofBuffer(buffer.nioBuffer(buffer.readerIndex(), buffer.readableBytes()));
        return FetchedRange.of(range, segment, buffer::release);
    }
}
