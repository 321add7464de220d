package io.pqflux.internal.decode.values;

import io.pqflux.internal.codec.encoding.ByteStreamSplitDecoder;
import io.pqflux.internal.decode.ColumnBuffers;
import java.lang.foreign.MemorySegment;

/** BYTE_STREAM_SPLIT values: any run reads without the ones before it, so a skip moves the first value read. */
final class ByteStreamSplitValues implements ValueDecoder {

    private final MemorySegment data;
    private final long start;
    private final long limit;
    private final int width;
    private int next;

    /** The page's bytes were checked to hold all its values. */
    ByteStreamSplitValues(MemorySegment data, long start, long limit, int width) {
        this.data = data;
        this.start = start;
        this.limit = limit;
        this.width = width;
    }

    @Override
    public void read(int count, ColumnBuffers out) {
        ByteStreamSplitDecoder.decode(data, start, limit, width, next, count, out.reserveValues(count), out.valuesEnd());
        out.valuesWritten(count);
        next += count;
    }

    @Override
    public void skip(int count) {
        next += count;
    }
}
