package io.pqflux.internal.thrift;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Values that a column's chunks repeat in every row group (the path in the schema, the encodings, the page encoding
 * stats, often the statistics), decoded once per footer and shared: a footer of a Tempo block repeats a 4- to 13-string path in each of its
 * 50+ row groups, and decoding those strings again was the largest cost of parsing it. A value is reused only when
 * its wire bytes equal those of the value decoded for the same column position in an earlier row group, so the
 * result is exactly what decoding would give; the shared values are immutable.
 */
final class RepeatedColumnValues<T> {

    private final Function<CompactReader, T> decoder;
    private final boolean remember;
    private long[] starts = new long[0];
    private int[] lengths = new int[0];
    private Object[] values = new Object[0];

    /**
     * @param remember false when there is nothing to share (a footer of one row group): values are then only
     *                 decoded, without the cost of remembering them
     */
    RepeatedColumnValues(Function<CompactReader, T> decoder, boolean remember) {
        this.decoder = decoder;
        this.remember = remember;
    }

    /** The value at the reader's position, for the {@code column}th chunk of a row group. */
    @SuppressWarnings("unchecked")
    T read(CompactReader r, int column) {
        if (!remember) return decoder.apply(r);
        if (column < values.length && values[column] != null && r.skipIfRepeats(starts[column], lengths[column])) {
            return (T) values[column];
        }
        long start = r.position();
        T value = decoder.apply(r);
        if (column >= values.length) reserve(Math.max(column + 1, 2 * values.length));
        starts[column] = start;
        lengths[column] = (int) (r.position() - start);
        values[column] = value;
        return value;
    }

    /** Makes room for the chunks of a row group of {@code columns} columns. */
    void reserve(int columns) {
        if (!remember || columns <= values.length) return;
        starts = Arrays.copyOf(starts, columns);
        lengths = Arrays.copyOf(lengths, columns);
        values = Arrays.copyOf(values, columns);
    }
}
