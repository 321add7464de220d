package io.pqflux.internal.decode.values;

import io.pqflux.internal.codec.encoding.RleBitPackedHybridDecoder;
import io.pqflux.internal.decode.ColumnBuffers;

/** RLE booleans (the hybrid encoding at bit width 1): a skip steps over runs. */
final class RleBooleanValues implements ValueDecoder {

    private final RleBitPackedHybridDecoder decoder;

    RleBooleanValues(RleBitPackedHybridDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public void read(int count, ColumnBuffers out) {
        decoder.readBytes(out.reserveValues(count), out.valuesEnd(), count);
        out.valuesWritten(count);
    }

    @Override
    public void skip(int count) {
        decoder.skip(count);
    }
}
