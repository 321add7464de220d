package io.pqflux.column;

import io.pqflux.internal.codec.encoding.LittleEndian;
import io.pqflux.internal.decode.ColumnVectors;
import io.pqflux.internal.memory.OffHeapBuffer;
import io.pqflux.schema.ColumnDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The decoded contents of one column chunk, off-heap: one definition and repetition level per entry, and
 * the non-null values densely packed. Fixed-width values are stored as in PLAIN encoding (little-endian;
 * booleans one byte each); byte arrays as {@code valueCount + 1} int64 offsets into a data segment.
 *
 * <p>A dictionary-encoded chunk may instead be kept as dictionary ids (one int per value) plus the
 * dictionary; the value accessors resolve ids transparently.
 *
 * <p>The vector owns its buffers; {@link #close()} releases them and invalidates every segment handed out.
 * Reading a closed vector throws {@link IllegalStateException}; so does a segment kept past the close when the
 * reader runs in pool debug mode ({@code -Dpqflux.pool.debug=true}), which tests use to find such views (in the
 * default pooled mode the memory is reused at once, and a stale view would show another owner's bytes).
 */
public final class ColumnVector implements ColumnValues, AutoCloseable {

    private static final ValueLayout.OfLong BIG_ENDIAN_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

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
    private boolean closed;

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
        checkOpen();
        return definitionLevels == null ? null : definitionLevels.segment().asSlice(0, size);
    }

    /** Repetition levels, one byte each, or null when the column's max repetition level is 0. */
    public MemorySegment repetitionLevels() {
        checkOpen();
        return repetitionLevels == null ? null : repetitionLevels.segment().asSlice(0, size);
    }

    public boolean isDictionaryEncoded() {
        return dictionaryIds != null;
    }

    /** Dictionary ids (native-order ints), one per value; only for dictionary-encoded vectors. */
    public MemorySegment dictionaryIds() {
        checkOpen();
        if (dictionaryIds == null) throw new IllegalStateException(column.dottedPath() + " is not dictionary-encoded");
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
        long start = byteStart(s);
        return values.segment().asSlice(start, byteStart(s + 1) - start);
    }

    /**
     * A copy of the binary value. Copied straight from the value store: no slice per value, and not
     * {@code MemorySegment.toArray}, which (JDK 25) looks up the array class's simple name on every call.
     */
    public byte[] getByteArray(int valueIndex) {
        long s = slot(valueIndex);
        long start = byteStart(s);
        byte[] copy = new byte[Math.toIntExact(byteStart(s + 1) - start)];
        MemorySegment.copy(values.segment(), ValueLayout.JAVA_BYTE, start, copy, 0, copy.length);
        return copy;
    }

    /**
     * Where a BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY or INT96 value starts in {@link #valueStore()}: with
     * {@link #getByteLength} it locates the value for a copy without a slice per value.
     */
    public long getByteOffset(int valueIndex) {
        return byteStart(slot(valueIndex));
    }

    /** The length in bytes of a BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY or INT96 value. */
    public int getByteLength(int valueIndex) {
        long s = slot(valueIndex);
        return Math.toIntExact(byteStart(s + 1) - byteStart(s));
    }

    /**
     * The first eight bytes of a BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY or INT96 value as a big-endian long, zero-padded on
     * the right when shorter: a key telling values apart by their first eight bytes (span IDs, as Tempo keys them),
     * read in place, with no slice or copy per value.
     */
    public long getBytePrefix(int valueIndex) {
        long s = slot(valueIndex);
        long start = byteStart(s);
        long length = byteStart(s + 1) - start;
        MemorySegment store = values.segment();
        if (length >= Long.BYTES) return store.get(BIG_ENDIAN_LONG, start);
        long prefix = 0;
        for (int i = 0; i < Long.BYTES; i++) prefix = prefix << 8 | (i < length ? store.get(ValueLayout.JAVA_BYTE, start + i) & 0xff : 0);
        return prefix;
    }

    /** Where the binary value in store slot {@code s} starts (slot {@code s + 1}'s start is its end). */
    private long byteStart(long s) {
        return offsets == null ? s * width : offsets.segment().getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, s);
    }

    /**
     * The value store for columnar consumers: the values (or, for a dictionary-encoded vector, the dictionary
     * entries) in the layout described above — fixed widths packed little-endian, byte arrays concatenated
     * and delimited by {@link #offsetStore()}. Exactly as long as its contents; valid until {@link #close()}.
     */
    public MemorySegment valueStore() {
        checkOpen();
        long entries = storedEntries();
        long bytes = offsets == null ? entries * width : offsets.segment().getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, entries);
        return values.segment().asSlice(0, bytes);
    }

    /**
     * Byte-array offsets into {@link #valueStore()}: native-order longs, entry {@code i} spanning
     * {@code [offset(i), offset(i+1))}, one more than the entries; null for fixed widths.
     */
    public MemorySegment offsetStore() {
        checkOpen();
        return offsets == null ? null : offsets.segment().asSlice(0, (storedEntries() + 1) * Long.BYTES);
    }

    /** Off-heap bytes the vector holds (its buffers' capacities), for memory budgets. */
    public long offHeapBytes() {
        checkOpen();
        long bytes = 0;
        for (OffHeapBuffer b : buffers()) {
            if (b != null) bytes += b.capacity();
        }
        return bytes;
    }

    /** Entries of the value store: the dictionary's for a dictionary-encoded vector, else the values. */
    private long storedEntries() {
        return dictionaryIds == null ? valueCount : dictionarySize;
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("the ColumnVector of " + column.dottedPath() + " is already closed");
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (OffHeapBuffer b : buffers()) {
            if (b != null) b.close();
        }
    }

    /** The vector's buffers, null where the column has none. */
    private OffHeapBuffer[] buffers() {
        return new OffHeapBuffer[] {definitionLevels, repetitionLevels, values, offsets, dictionaryIds};
    }
}
