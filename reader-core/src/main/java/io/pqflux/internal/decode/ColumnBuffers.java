package io.pqflux.internal.decode;

import io.pqflux.column.ColumnVector;
import io.pqflux.error.ResourceLimitException;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.internal.codec.compress.GrowableOutput;
import io.pqflux.internal.codec.simd.LevelKernels;
import io.pqflux.internal.decode.values.Dictionary;
import io.pqflux.internal.memory.OffHeapBuffer;
import io.pqflux.schema.ColumnDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The buffers one column chunk decodes into, and how they are sized: reserved once from the chunk's declared
 * entry count ({@link #presize}), grown geometrically as pages arrive, every reservation checked against the
 * column limit. Entries (levels) and values are appended; decoders ask for room ({@code reserve…}), write at the
 * current end, and then say how many they wrote. The buffers are owned here until {@link #build} hands them to a
 * {@link ColumnVector}; {@link #close} frees whatever was not handed over.
 *
 * <p>Values take one of three forms: fixed-width values packed as PLAIN stores them; byte arrays as data plus
 * {@code valueCount + 1} end offsets; or, for a chunk kept in dictionary form, one dictionary id per value.
 */
public final class ColumnBuffers implements AutoCloseable {

    /** What {@link #presize} may reserve per buffer whatever the source's size. */
    private static final long PRESIZE_FLOOR_BYTES = 1 << 16;
    private static final long INITIAL_BYTES = 1024;
    /** How many times the room already proven by decoded entries a buffer may grow to in one step. */
    private static final long PROVEN_GROWTH = 8;

    private final ColumnDescriptor column;
    private final int width;
    private final boolean byteArrays;
    private final long maxColumnBytes;
    private final GrowableOutput data = this::growData;

    // each buffer is allocated when first asked for, sized from that request (ensure): most chunks then take one lease
    // per buffer, and a chunk kept in ids never takes the values and offsets its dictionary stands in for
    private OffHeapBuffer definitionLevels;
    private OffHeapBuffer repetitionLevels;
    private OffHeapBuffer values;
    private OffHeapBuffer offsets;
    private OffHeapBuffer ids;
    private boolean keepingIds;

    /** The chunk's declared entry count ({@link #presize}), or 0 when unknown. */
    private long declaredEntries;
    private int size;
    private int valueCount;
    private long dataUsed;

    /** @param keepIds whether dictionary-encoded values are kept as ids, until {@link #materializeIds} */
    public ColumnBuffers(ColumnDescriptor column, long maxColumnBytes, boolean keepIds) {
        this.column = column;
        this.width = column.valueWidth();
        this.byteArrays = column.physicalType() == PhysicalType.BYTE_ARRAY;
        this.maxColumnBytes = maxColumnBytes;
        this.keepingIds = keepIds;
    }

    /** A vector of {@code column} with no entries. */
    public static ColumnVector emptyVector(ColumnDescriptor column) {
        try (ColumnBuffers buffers = new ColumnBuffers(column, Long.MAX_VALUE, false)) {
            return buffers.build(null);
        }
    }

    /**
     * Reserves room for the declared entries up front, so most chunks never grow and copy. The declaration is
     * the file's word, so each buffer's reservation is capped by the compressed bytes (eight bytes of memory
     * per byte of source, plus a floor) and by the column limit; chunks that decode to more grow their buffers
     * as pages arrive. A chunk kept in dictionary form reserves its ids, the buffer its values go to.
     */
    public void presize(long declaredEntries, long sourceBytes) {
        long entries = Math.max(declaredEntries, 0);
        this.declaredEntries = entries;
        long cap = Math.min(PRESIZE_FLOOR_BYTES + 8 * sourceBytes, maxColumnBytes);
        if (column.maxDefinitionLevel() > 0) definitionLevels = reserved(definitionLevels, Math.min(entries, cap), 0);
        if (column.maxRepetitionLevel() > 0) repetitionLevels = reserved(repetitionLevels, Math.min(entries, cap), 0);
        if (keepingIds) ids = reserved(ids, Math.min(entries, cap / Integer.BYTES) * Integer.BYTES, 0);
        else if (!byteArrays) values = reserved(values, Math.min(entries, cap / Math.max(width, 1)) * width, 0);
        else offsets = startingAtZero(reserved(offsets, Math.min((entries + 1) * 8, cap), 8));
    }

    /** Entries appended: one per level, nulls included. */
    public int size() {
        return size;
    }

    /** Values appended (or ids, in dictionary form). */
    public int valueCount() {
        return valueCount;
    }

    public boolean keepingIds() {
        return keepingIds;
    }

    /** Room for {@code count} more definition levels; they go from {@link #size()} on. */
    public MemorySegment reserveDefinitionLevels(int count) {
        definitionLevels = ensure(definitionLevels, (long) size + count, size, declaredEntries);
        return definitionLevels.segment();
    }

    /** Room for {@code count} more repetition levels; they go from {@link #size()} on. */
    public MemorySegment reserveRepetitionLevels(int count) {
        repetitionLevels = ensure(repetitionLevels, (long) size + count, size, declaredEntries);
        return repetitionLevels.segment();
    }

    public void entriesWritten(int count) {
        size += count;
    }

    /** Room for {@code count} more fixed-width values; they go from byte {@link #valuesEnd()} on. */
    public MemorySegment reserveValues(int count) {
        values = ensure(values, ((long) valueCount + count) * width, valuesEnd(), declaredEntries * width);
        return values.segment();
    }

    public long valuesEnd() {
        return (long) valueCount * width;
    }

    /** Fixed-width values, or ids in dictionary form, written at the end. */
    public void valuesWritten(int count) {
        valueCount += count;
    }

    /** Room for the end offsets of {@code count} more byte arrays, at indexes {@code valueCount() + 1} on. */
    public MemorySegment reserveOffsets(int count) {
        offsets = startingAtZero(ensure(offsets, ((long) valueCount + count + 1) * 8, ((long) valueCount + 1) * 8,
                (declaredEntries + 1) * 8));
        return offsets.segment();
    }

    /** Room for {@code bytes} more bytes of byte-array data, from {@link #dataUsed()} on. */
    public MemorySegment reserveData(long bytes) {
        return growData(dataUsed + bytes, dataUsed);
    }

    public long dataUsed() {
        return dataUsed;
    }

    /** The byte-array data as memory that grows on demand, for decoders that learn value sizes as they write. */
    public GrowableOutput data() {
        return data;
    }

    /** Byte arrays written: their offsets after {@code valueCount()}, their bytes after {@code dataUsed()}. */
    public void byteArraysWritten(int count) {
        valueCount += count;
        dataUsed = offsets.segment().getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, valueCount);
    }

    /** Room for {@code count} more dictionary ids, from byte {@code valueCount() * 4} on (dictionary form only). */
    public MemorySegment reserveIds(int count) {
        ids = ensure(ids, ((long) valueCount + count) * Integer.BYTES, (long) valueCount * Integer.BYTES,
                declaredEntries * Integer.BYTES);
        return ids.segment();
    }

    /** The last value appended, as a view valid until the next append; empty when there is none. */
    public MemorySegment lastValue() {
        if (valueCount == 0 || keepingIds) return MemorySegment.NULL;
        if (!byteArrays) return values.segment().asSlice(valuesEnd() - width, width);
        if (values == null) return MemorySegment.NULL; // no byte of data yet: every value so far is empty
        long start = offsets.segment().getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, valueCount - 1);
        return values.segment().asSlice(start, dataUsed - start);
    }

    /**
     * Leaves dictionary form: the ids kept so far are replaced by the values they select, and later values are
     * appended as values. A chunk that falls back from dictionary to plain values mid-way cannot stay in ids form.
     */
    public void materializeIds(Dictionary dictionary, LevelKernels kernels) {
        if (!keepingIds) return;
        keepingIds = false;
        if (valueCount == 0) return;
        int kept = valueCount;
        valueCount = 0;
        dictionary.gather(kernels, ids.segment(), 0, kept, this);
    }

    /**
     * Hands the buffers to a new vector; this object holds nothing afterwards. In dictionary form the vector gets
     * {@code dictionary}'s entries as its value store.
     */
    public ColumnVector build(Dictionary dictionary) {
        OffHeapBuffer keptIds = null;
        int keptSize = 0;
        if (keepingIds && dictionary != null) {
            // values/offsets hold nothing; the dictionary becomes the vector's value store
            if (values != null) values.close();
            if (offsets != null) offsets.close();
            values = dictionary.takeValues();
            offsets = dictionary.takeOffsets();
            keptIds = ids;
            ids = null;
            keptSize = dictionary.size();
        }
        // a vector has every buffer its column's shape calls for, even those no entry needed
        if (column.maxDefinitionLevel() > 0 && definitionLevels == null) definitionLevels = reserved(null, 0, 0);
        if (column.maxRepetitionLevel() > 0 && repetitionLevels == null) repetitionLevels = reserved(null, 0, 0);
        if (values == null) values = reserved(null, 0, 0);
        if (byteArrays && offsets == null) offsets = startingAtZero(reserved(null, 8, 0));
        ColumnVector vector = ColumnVectors.create(column, size, valueCount, definitionLevels, repetitionLevels, values,
                offsets, keptIds, keptSize);
        definitionLevels = repetitionLevels = values = offsets = null;
        return vector;
    }

    private MemorySegment growData(long required, long used) {
        values = ensure(values, required, used, 0);
        return values.segment();
    }

    /**
     * {@code buffer} with room for {@code required} bytes, or a new buffer (at least {@value #INITIAL_BYTES} bytes) when
     * there is none yet, sized as a growth would be. A buffer that outgrows its presize grows towards what the
     * whole chunk declares ({@code declaredBytes}, 0 for buffers with no declared size), by at most
     * {@value #PROVEN_GROWTH} times the room decoded entries already need: dictionary ids and RLE runs expand far
     * beyond the presize's cap of eight bytes per source byte, and doubling from there copied and zeroed each large
     * chunk's values several times (a fifth of a flat scan). The declaration alone still reserves nothing beyond the
     * presize.
     */
    private OffHeapBuffer ensure(OffHeapBuffer buffer, long required, long used, long declaredBytes) {
        if (required > maxColumnBytes) {
            throw new ResourceLimitException("column chunk needs " + required + " bytes of memory, above the limit of "
                    + maxColumnBytes + " (ReadOptions.withLimits)");
        }
        if (buffer != null && required <= buffer.capacity()) return buffer;
        long step = Math.min(Math.min(declaredBytes, maxColumnBytes), PROVEN_GROWTH * required);
        return reserved(buffer, Math.max(required, step), used);
    }

    /** {@code buffer} grown to {@code capacity} bytes keeping its first {@code used}, or a new one when it is null. */
    private static OffHeapBuffer reserved(OffHeapBuffer buffer, long capacity, long used) {
        if (buffer == null) return new OffHeapBuffer(Math.max(capacity, INITIAL_BYTES));
        buffer.ensureCapacity(capacity, used);
        return buffer;
    }

    /**
     * {@code offsets} with the first byte array's start offset, 0, in place: always 0, so writing it again on every
     * reservation is right, and covers offsets just created.
     */
    private static OffHeapBuffer startingAtZero(OffHeapBuffer offsets) {
        offsets.segment().set(ValueLayout.JAVA_LONG_UNALIGNED, 0, 0L);
        return offsets;
    }

    @Override
    public void close() {
        for (OffHeapBuffer b : new OffHeapBuffer[] {definitionLevels, repetitionLevels, values, offsets, ids}) {
            if (b != null) b.close();
        }
        definitionLevels = repetitionLevels = values = offsets = ids = null;
    }
}
