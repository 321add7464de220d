package io.pqflux.internal.decode.values;

import io.pqflux.internal.codec.encoding.DeltaByteArrayDecoder;
import io.pqflux.internal.decode.ColumnBuffers;
import java.lang.foreign.MemorySegment;

/**
 * DELTA_BYTE_ARRAY values of a BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY column: a skip rebuilds the values it passes
 * in scratch memory, as each one's prefix comes from the one before.
 */
final class DeltaByteArrayValues implements ValueDecoder {

    private final DeltaByteArrayDecoder decoder;
    private final boolean fixedWidth;

    DeltaByteArrayValues(DeltaByteArrayDecoder decoder, boolean fixedWidth) {
        this.decoder = decoder;
        this.fixedWidth = fixedWidth;
    }

    @Override
    public void read(int count, ColumnBuffers out) {
        if (fixedWidth) {
            decoder.readFixed(count, out.reserveValues(count), out.valuesEnd());
            out.valuesWritten(count);
        } else {
            decoder.read(count, out.reserveOffsets(count), out.valueCount(), out.data(), out.dataUsed());
            out.byteArraysWritten(count);
        }
    }

    @Override
    public void skip(int count) {
        decoder.skip(count);
    }

    /** The last value read or skipped, which the next page's first value may take its prefix from. */
    MemorySegment lastValue() {
        return decoder.lastValue();
    }
}
