package io.pqflux.internal.decode;

import io.pqflux.column.ColumnVector;

import io.pqflux.internal.codec.simd.Kernels;
import io.pqflux.error.CorruptFileException;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.internal.memory.OffHeapBuffer;
import io.pqflux.schema.ColumnDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Copies chosen rows of a {@link ColumnVector} into a new vector. Vectors of different columns decoded from
 * the pages that overlap some rows hold different rows (page boundaries differ between columns); slicing
 * each to the same rows makes them line up again. Rows are found by repetition level 0, so nested columns
 * slice as whole records. A dictionary-encoded vector stays in that form, with its own copy of the
 * dictionary.
 */
public final class RowSlicer {

    private RowSlicer() {
    }

    /** A vector of {@code column} with no entries. */
    public static ColumnVector empty(ColumnDescriptor column) {
        OffHeapBuffer definition = column.maxDefinitionLevel() > 0 ? new OffHeapBuffer(8) : null;
        OffHeapBuffer repetition = column.maxRepetitionLevel() > 0 ? new OffHeapBuffer(8) : null;
        OffHeapBuffer values = new OffHeapBuffer(8);
        OffHeapBuffer offsets = null;
        if (column.physicalType() == PhysicalType.BYTE_ARRAY) {
            offsets = new OffHeapBuffer(8);
            offsets.segment().set(ValueLayout.JAVA_LONG_UNALIGNED, 0, 0L);
        }
        return ColumnVectors.create(column, 0, 0, definition, repetition, values, offsets, null, 0);
    }

    /** Rows of a vector: entries, or for nested columns the entries that start a record (repetition level 0). */
    public static long rowCount(ColumnVector vector) {
        if (vector.column().maxRepetitionLevel() == 0) return vector.size();
        return Kernels.active().countEqual(vector.repetitionLevels(), 0, vector.size(), 0);
    }

    private static boolean startsRow(ColumnVector vector, int entry) {
        return vector.column().maxRepetitionLevel() == 0 || vector.repetitionLevel(entry) == 0;
    }

    /**
     * The rows {@code [intervals[2k], intervals[2k+1])} of {@code vector}, counted from the vector's first row,
     * as a new vector; intervals are sorted, disjoint and within the rows the caller was told the vector holds.
     * Levels that do not start with a record, or hold fewer rows than the intervals reach, come from a corrupt
     * file. {@code vector} stays open.
     */
    public static ColumnVector keepRows(ColumnVector vector, long[] intervals) {
        Plan plan = Plan.of(vector, intervals);
        ColumnDescriptor column = vector.column();
        OffHeapBuffer definition = null, repetition = null, values = null, offsets = null, ids = null;
        try {
            if (column.maxDefinitionLevel() > 0) definition = copyEntries(vector.definitionLevels(), plan);
            if (column.maxRepetitionLevel() > 0) repetition = copyEntries(vector.repetitionLevels(), plan);
            int dictionarySize = 0;
            if (vector.isDictionaryEncoded()) {
                dictionarySize = vector.dictionarySize();
                ids = copyValues(vector.dictionaryIds(), Integer.BYTES, plan);
                long entries = dictionarySize;
                if (vector.offsetStore() != null) {
                    long dataBytes = vector.offsetStore().getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, entries);
                    offsets = copyPrefix(vector.offsetStore(), (entries + 1) * Long.BYTES);
                    values = copyPrefix(vector.valueStore(), dataBytes);
                } else {
                    values = copyPrefix(vector.valueStore(), entries * column.valueWidth());
                }
            } else if (vector.offsetStore() != null) {
                offsets = new OffHeapBuffer((plan.valueCount + 1) * Long.BYTES);
                values = copyByteArrays(vector.offsetStore(), vector.valueStore(), plan, offsets.segment());
            } else {
                values = copyValues(vector.valueStore(), column.valueWidth(), plan);
            }
            return ColumnVectors.create(column, Math.toIntExact(plan.entryCount), Math.toIntExact(plan.valueCount),
                    definition, repetition, values, offsets, ids, dictionarySize);
        } catch (RuntimeException e) {
            for (OffHeapBuffer b : new OffHeapBuffer[] {definition, repetition, values, offsets, ids}) {
                if (b != null) b.close();
            }
            throw e;
        }
    }

    private static OffHeapBuffer copyEntries(MemorySegment levels, Plan plan) {
        OffHeapBuffer out = new OffHeapBuffer(plan.entryCount);
        long at = 0;
        for (int k = 0; k < plan.intervals(); k++) {
            long n = plan.entryEnd[k] - plan.entryStart[k];
            MemorySegment.copy(levels, plan.entryStart[k], out.segment(), at, n);
            at += n;
        }
        return out;
    }

    private static OffHeapBuffer copyValues(MemorySegment source, long width, Plan plan) {
        OffHeapBuffer out = new OffHeapBuffer(plan.valueCount * width);
        long at = 0;
        for (int k = 0; k < plan.intervals(); k++) {
            long n = (plan.valueEnd[k] - plan.valueStart[k]) * width;
            MemorySegment.copy(source, plan.valueStart[k] * width, out.segment(), at, n);
            at += n;
        }
        return out;
    }

    private static OffHeapBuffer copyPrefix(MemorySegment source, long bytes) {
        OffHeapBuffer out = new OffHeapBuffer(bytes);
        MemorySegment.copy(source, 0, out.segment(), 0, bytes);
        return out;
    }

    /** Byte arrays: the data of each run of values is contiguous; offsets are rebased onto the copy. */
    private static OffHeapBuffer copyByteArrays(MemorySegment sourceOffsets, MemorySegment sourceData, Plan plan,
                                                MemorySegment targetOffsets) {
        long dataBytes = 0;
        for (int k = 0; k < plan.intervals(); k++) {
            dataBytes += sourceOffsets.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, plan.valueEnd[k])
                    - sourceOffsets.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, plan.valueStart[k]);
        }
        OffHeapBuffer data = new OffHeapBuffer(dataBytes);
        long value = 0, at = 0;
        targetOffsets.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 0, 0L);
        for (int k = 0; k < plan.intervals(); k++) {
            long base = sourceOffsets.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, plan.valueStart[k]);
            for (long v = plan.valueStart[k]; v < plan.valueEnd[k]; v++) {
                targetOffsets.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, ++value,
                        at + sourceOffsets.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, v + 1) - base);
            }
            long n = sourceOffsets.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, plan.valueEnd[k]) - base;
            MemorySegment.copy(sourceData, base, data.segment(), at, n);
            at += n;
        }
        return data;
    }

    /** For each row interval: the entries and the values it spans, found in one pass over the levels. */
    private record Plan(long[] entryStart, long[] entryEnd, long[] valueStart, long[] valueEnd, long entryCount,
                        long valueCount) {

        int intervals() {
            return entryStart.length;
        }

        static Plan of(ColumnVector vector, long[] intervals) {
            if (intervals.length % 2 != 0) throw new IllegalArgumentException("row intervals come in start/end pairs");
            int k = intervals.length / 2;
            long[] entryStart = new long[k], entryEnd = new long[k], valueStart = new long[k], valueEnd = new long[k];
            ColumnDescriptor column = vector.column();
            int maxDef = column.maxDefinitionLevel();
            int size = vector.size();
            if (size > 0 && !startsRow(vector, 0)) {
                throw new CorruptFileException("levels start with repetition level " + vector.repetitionLevel(0)
                        + ", not with a record");
            }
            long row = -1;
            int values = 0;
            int next = 0; // index of the first interval not yet closed
            boolean open = false;
            for (int e = 0; e <= size && next < k; e++) {
                if (e == size || startsRow(vector, e)) {
                    row++;
                    if (open && row == intervals[2 * next + 1]) {
                        entryEnd[next] = e;
                        valueEnd[next] = values;
                        open = false;
                        next++;
                    }
                    if (!open && next < k && row == intervals[2 * next]) {
                        if (intervals[2 * next + 1] <= intervals[2 * next]) {
                            throw new IllegalArgumentException("empty or reversed row interval at " + row);
                        }
                        entryStart[next] = e;
                        valueStart[next] = values;
                        open = true;
                    }
                }
                if (e < size && vector.definitionLevel(e) == maxDef) values++;
            }
            if (next < k) {
                // the pass ended at the sentinel entry, which counted as one more row start
                throw new CorruptFileException("levels hold " + row + " rows but rows up to "
                        + intervals[intervals.length - 1] + " were expected");
            }
            long entryCount = 0, valueCount = 0;
            for (int i = 0; i < k; i++) {
                entryCount += entryEnd[i] - entryStart[i];
                valueCount += valueEnd[i] - valueStart[i];
            }
            return new Plan(entryStart, entryEnd, valueStart, valueEnd, entryCount, valueCount);
        }
    }
}
