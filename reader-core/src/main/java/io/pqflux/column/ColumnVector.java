package io.pqflux.column;

import io.pqflux.internal.codec.encoding.LittleEndian;
import io.pqflux.internal.decode.ColumnVectors;
import io.pqflux.internal.memory.OffHeapBuffer;
import io.pqflux.schema.ColumnDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The decoded contents of one column chunk, off-heap: one definition and repetition level per entry, and
 * the non-null values densely packed. Fixed-width values are stored as in PLAIN encoding (little-endian;
 * booleans one byte each); byte arrays as {@code valueCount + 1} int64 offsets into a data segment.
 *
 * <p>A dictionary-encoded chunk may instead be kept as dictionary ids (one int per value) plus the
 * dictionary; the value accessors resolve ids transparently.
 *
 * <p>The vector owns its buffers; {@link #close()} releases them and invalidates every segment handed out.
 */
public final class ColumnVector implements ColumnValues, AutoCloseable {

    static {
        ColumnVectors.install(ColumnVector::new);
    }

    private final ColumnDescriptor column;
    private final int size;
    private final int valueCount;
    private final OffHeapBuffer definitionLevels;
    private final OffHeapBuffer repetitionLevels;
    private final OffHeapBuffer values;
    private final OffHeapBuffer offsets;
    private final OffHeapBuffer dictionaryIds;
    private final int dictionarySize;
    private final int width;

    private ColumnVector(ColumnDescriptor column, int size, int valueCount, OffHeapBuffer definitionLevels,
                 OffHeapBuffer repetitionLevels, OffHeapBuffer values, OffHeapBuffer offsets,
                 OffHeapBuffer dictionaryIds, int dictionarySize) {
        this.column = column;
        this.size = size;
        this.valueCount = valueCount;
        this.definitionLevels = definitionLevels;
        this.repetitionLevels = repetitionLevels;
        this.values = values;
        this.offsets = offsets;
        this.dictionaryIds = dictionaryIds;
        this.dictionarySize = dictionarySize;
        this.width = column.valueWidth();
    }

    public ColumnDescriptor column() {
        return column;
    }

    /** Number of entries: one per definition/repetition level, nulls included. */
    public int size() {
        return size;
    }

    /** Number of non-null values. */
    @Override
    public int valueCount() {
        return valueCount;
    }

    public int definitionLevel(int entry) {
        return definitionLevels == null ? 0 : definitionLevels.segment().get(ValueLayout.JAVA_BYTE, entry) & 0xFF;
    }

    public int repetitionLevel(int entry) {
        return repetitionLevels == null ? 0 : repetitionLevels.segment().get(ValueLayout.JAVA_BYTE, entry) & 0xFF;
    }

    /** True when the entry holds no value at the leaf (a null, or an empty/null ancestor). */
    public boolean isNull(int entry) {
        return definitionLevel(entry) < column.maxDefinitionLevel();
    }

    /** Definition levels, one byte each, or null when the column's max definition level is 0. */
    public MemorySegment definitionLevels() {
        return definitionLevels == null ? null : definitionLevels.segment().asSlice(0, size);
    }

    /** Repetition levels, one byte each, or null when the column's max repetition level is 0. */
    public MemorySegment repetitionLevels() {
        return repetitionLevels == null ? null : repetitionLevels.segment().asSlice(0, size);
    }

    public boolean isDictionaryEncoded() {
        return dictionaryIds != null;
    }

    /** Dictionary ids (native-order ints), one per value; only for dictionary-encoded vectors. */
    public MemorySegment dictionaryIds() {
        return dictionaryIds.segment().asSlice(0, (long) valueCount * Integer.BYTES);
    }

    /** Number of dictionary entries; only for dictionary-encoded vectors. */
    public int dictionarySize() {
        return dictionarySize;
    }

    private long slot(int valueIndex) {
        return dictionaryIds == null ? valueIndex : dictionaryIds.segment().getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, valueIndex);
    }

    @Override
    public boolean getBoolean(int valueIndex) {
        return values.segment().get(ValueLayout.JAVA_BYTE, slot(valueIndex)) != 0;
    }

    @Override
    public int getInt(int valueIndex) {
        return values.segment().get(LittleEndian.INT, slot(valueIndex) * 4);
    }

    @Override
    public long getLong(int valueIndex) {
        return values.segment().get(LittleEndian.LONG, slot(valueIndex) * 8);
    }

    @Override
    public float getFloat(int valueIndex) {
        return values.segment().get(LittleEndian.FLOAT, slot(valueIndex) * 4);
    }

    @Override
    public double getDouble(int valueIndex) {
        return values.segment().get(LittleEndian.DOUBLE, slot(valueIndex) * 8);
    }

    /** The bytes of a BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY or INT96 value, as a view valid until close. */
    @Override
    public MemorySegment getBytes(int valueIndex) {
        long s = slot(valueIndex);
        if (offsets == null) return values.segment().asSlice(s * width, width);
        MemorySegment o = offsets.segment();
        long start = o.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, s);
        long end = o.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, s + 1);
        return values.segment().asSlice(start, end - start);
    }

    public byte[] getByteArray(int valueIndex) {
        return getBytes(valueIndex).toArray(ValueLayout.JAVA_BYTE);
    }

    /**
     * The value store for columnar consumers: the values (or, for a dictionary-encoded vector, the dictionary
     * entries) in the layout described above — fixed widths packed little-endian, byte arrays concatenated
     * and delimited by {@link #offsetStore()}. Valid until {@link #close()}; may be longer than its contents.
     */
    public MemorySegment valueStore() {
        return values.segment();
    }

    /**
     * Byte-array offsets into {@link #valueStore()}: native-order longs, entry {@code i} spanning
     * {@code [offset(i), offset(i+1))}, one more than the entries; null for fixed widths.
     */
    public MemorySegment offsetStore() {
        return offsets == null ? null : offsets.segment();
    }

    @Override
    public void close() {
        for (OffHeapBuffer b : new OffHeapBuffer[] {definitionLevels, repetitionLevels, values, offsets, dictionaryIds}) {
            if (b != null) b.close();
        }
    }
}
