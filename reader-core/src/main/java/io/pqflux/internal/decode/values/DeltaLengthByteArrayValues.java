package io.pqflux.internal.decode.values;

import io.pqflux.internal.codec.encoding.DeltaLengthByteArrayDecoder;
import io.pqflux.internal.decode.ColumnBuffers;

/** DELTA_LENGTH_BYTE_ARRAY values: a skip decodes lengths and moves past bytes without copying them. */
final class DeltaLengthByteArrayValues implements ValueDecoder {

    private final DeltaLengthByteArrayDecoder decoder;

    DeltaLengthByteArrayValues(DeltaLengthByteArrayDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public void read(int count, ColumnBuffers out) {
        decoder.read(count, out.reserveOffsets(count), out.valueCount(), out.data(), out.dataUsed());
        out.byteArraysWritten(count);
    }

    @Override
    public void skip(int count) {
        decoder.skip(count);
    }
}
