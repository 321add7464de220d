package io.pqflux.internal.decode.values;

import io.pqflux.internal.codec.encoding.PlainDecoder;
import io.pqflux.internal.decode.ColumnBuffers;
import java.lang.foreign.MemorySegment;

/** PLAIN byte arrays, each behind its 4-byte length: a skip walks the lengths without copying bytes. */
final class PlainByteArrayValues implements ValueDecoder {

    private final MemorySegment data;
    private final long limit;
    private long position;

    PlainByteArrayValues(MemorySegment data, long position, long limit) {
        this.data = data;
        this.position = position;
        this.limit = limit;
    }

    @Override
    public void read(int count, ColumnBuffers out) {
        MemorySegment offsets = out.reserveOffsets(count);
        // the values cannot take more bytes than the page has left
        MemorySegment bytes = out.reserveData(limit - position);
        position += PlainDecoder.decodeByteArrays(data, position, limit, count, offsets, out.valueCount(), bytes,
                out.dataUsed());
        out.byteArraysWritten(count);
    }

    @Override
    public void skip(int count) {
        position += PlainDecoder.skipByteArrays(data, position, limit, count);
    }
}
