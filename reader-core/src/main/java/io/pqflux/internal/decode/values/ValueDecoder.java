package io.pqflux.internal.decode.values;

import io.pqflux.internal.decode.ColumnBuffers;

/**
 * The values of one data page in one encoding, consumed front to back: each call reads or skips a run of them,
 * so a page's wanted rows are decoded and the others passed over. One call per run, never per value. Skipping
 * costs what the encoding allows: nothing for PLAIN fixed widths and byte stream split, a walk over lengths for
 * PLAIN byte arrays, a walk over runs for RLE; delta encodings rebuild what they skip, since each value builds on
 * the one before.
 */
public sealed interface ValueDecoder permits PlainFixedValues, PlainBooleanValues, PlainByteArrayValues,
        RleBooleanValues, DictionaryIdValues, DeltaBinaryPackedValues, DeltaLengthByteArrayValues, DeltaByteArrayValues,
        ByteStreamSplitValues {

    /** Decodes the next {@code count} values and appends them to {@code out}. */
    void read(int count, ColumnBuffers out);

    /** Moves past the next {@code count} values. */
    void skip(int count);
}
