package io.pqflux.internal.decode.values;

import io.pqflux.internal.codec.encoding.PlainDecoder;
import io.pqflux.internal.decode.ColumnBuffers;
import java.lang.foreign.MemorySegment;

/** PLAIN values of a fixed width (INT32, INT64, INT96, FLOAT, DOUBLE, FIXED_LEN_BYTE_ARRAY): a skip moves a position. */
final class PlainFixedValues implements ValueDecoder {

    private final MemorySegment data;
    private final long limit;
    private final int width;
    private long position;

    /** The page's bytes were checked to hold all its values. */
    PlainFixedValues(MemorySegment data, long position, long limit, int width) {
        this.data = data;
        this.position = position;
        this.limit = limit;
        this.width = width;
    }

    @Override
    public void read(int count, ColumnBuffers out) {
        position += PlainDecoder.decodeFixed(data, position, limit, width, count, out.reserveValues(count), out.valuesEnd());
        out.valuesWritten(count);
    }

    @Override
    public void skip(int count) {
        position += (long) count * width;
    }
}
