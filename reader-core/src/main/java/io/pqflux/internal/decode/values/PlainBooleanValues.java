package io.pqflux.internal.decode.values;

import io.pqflux.internal.codec.encoding.PlainDecoder;
import io.pqflux.internal.decode.ColumnBuffers;
import java.lang.foreign.MemorySegment;

/** PLAIN booleans, one bit each: a skip moves the bit a read starts at. */
final class PlainBooleanValues implements ValueDecoder {

    private final MemorySegment data;
    private final long start;
    private final long limit;
    private long next;

    PlainBooleanValues(MemorySegment data, long start, long limit) {
        this.data = data;
        this.start = start;
        this.limit = limit;
    }

    @Override
    public void read(int count, ColumnBuffers out) {
        PlainDecoder.decodeBooleans(data, start, limit, next, count, out.reserveValues(count), out.valuesEnd());
        out.valuesWritten(count);
        next += count;
    }

    @Override
    public void skip(int count) {
        next += count;
    }
}
