package io.pqflux.internal.decode.values;

import io.pqflux.internal.codec.encoding.DeltaBinaryPackedDecoder;
import io.pqflux.internal.decode.ColumnBuffers;

/** DELTA_BINARY_PACKED INT32 or INT64 values: a skip sums the deltas it passes, as later values build on them. */
final class DeltaBinaryPackedValues implements ValueDecoder {

    private final DeltaBinaryPackedDecoder decoder;
    private final boolean ints;

    DeltaBinaryPackedValues(DeltaBinaryPackedDecoder decoder, boolean ints) {
        this.decoder = decoder;
        this.ints = ints;
    }

    @Override
    public void read(int count, ColumnBuffers out) {
        if (ints) decoder.readInts(count, out.reserveValues(count), out.valuesEnd());
        else decoder.readLongs(count, out.reserveValues(count), out.valuesEnd());
        out.valuesWritten(count);
    }

    @Override
    public void skip(int count) {
        decoder.skip(count);
    }
}
