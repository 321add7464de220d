package io.pqflux.bench.scan;

import io.pqflux.bench.checksum.BytesHash;
import io.pqflux.bench.checksum.Fold;
import io.pqflux.internal.codec.encoding.LittleEndian;
import io.pqflux.column.ColumnVector;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.schema.ColumnDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads every projected leaf with pqflux, single-threaded: {@link ParquetReader#readRowGroup} per row group, then
 * each {@link ColumnVector} folded column by column with {@link Fold} (levels from the level segments, values
 * through the vector's typed getters).
 */
public final class PqfluxScan {

    private PqfluxScan() {
    }

    public static long[] columnSums(Path file) {
        try (ParquetReader reader = ParquetReader.open(file)) {
            return columnSums(reader);
        }
    }

    /** Per projected leaf, in projection order, the sum of its entries' folds. */
    public static long[] columnSums(ParquetReader reader) {
        return columnSums(reader, batch -> { });
    }

    /** As {@link #columnSums(ParquetReader)}, handing each batch to {@code afterFold} before it is closed. */
    public static long[] columnSums(ParquetReader reader, Consumer<RowGroupBatch> afterFold) {
        int columns = reader.projectedColumns().size();
        long[] sums = new long[columns];
        long[] positions = new long[columns];
        for (int g = 0; g < reader.rowGroupCount(); g++) {
            try (RowGroupBatch batch = reader.readRowGroup(g)) {
                List<ColumnVector> vectors = batch.columns();
                for (int c = 0; c < columns; c++) {
                    ColumnVector vector = vectors.get(c);
                    sums[c] += fold(vector, positions[c]);
                    positions[c] += vector.size();
                }
                afterFold.accept(batch);
            }
        }
        return sums;
    }

    public static long checksum(Path file) {
        return Fold.combine(columnSums(file));
    }

    /** Values whose codes are computed at once by one type-specialised loop, ahead of the walk over the levels. */
    private static final int CODE_BLOCK = 4096;

    /** The sum of the folds of the vector's entries, the first at {@code firstPosition} of its column. */
    public static long fold(ColumnVector vector, long firstPosition) {
        ColumnDescriptor column = vector.column();
        MemorySegment definitions = vector.definitionLevels();
        MemorySegment repetitions = vector.repetitionLevels();
        PhysicalType type = column.physicalType();
        if (definitions == null && repetitions == null) return foldRequired(vector, type, firstPosition);
        long[] codes = new long[CODE_BLOCK];
        int maxDefinition = column.maxDefinitionLevel();
        int entries = vector.size();
        long sum = 0;
        int valueIndex = 0;
        int blockStart = 0;
        int blockEnd = 0;
        for (int e = 0; e < entries; e++) {
            long position = firstPosition + e;
            int definition = definitions == null ? maxDefinition : definitions.get(ValueLayout.JAVA_BYTE, e);
            if (repetitions != null) {
                sum += Fold.mix(Fold.levelsCode(repetitions.get(ValueLayout.JAVA_BYTE, e), definition), position);
            }
            long code;
            if (definition == maxDefinition) {
                if (valueIndex == blockEnd) {
                    blockStart = valueIndex;
                    blockEnd = blockStart + valueCodes(vector, type, blockStart, codes);
                }
                code = codes[valueIndex++ - blockStart];
            } else {
                code = Fold.nullCode(definition);
            }
            sum += Fold.mix(code, position);
        }
        return sum;
    }

    /** Without levels entry i is value i: one fused loop for the common fixed widths, code blocks otherwise. */
    private static long foldRequired(ColumnVector vector, PhysicalType type, long firstPosition) {
        int n = vector.size();
        long sum = 0;
        // dense fixed-width values are read straight from the value store, as a columnar consumer would
        MemorySegment values = vector.isDictionaryEncoded() ? null : vector.valueStore();
        switch (values == null ? PhysicalType.BYTE_ARRAY : type) {
            case INT32 -> { for (int i = 0; i < n; i++) sum += Fold.mix(values.get(LittleEndian.INT, 4L * i), firstPosition + i); }
            case INT64, DOUBLE -> {
                // a double's code is its raw bits, which is what the little-endian long read gives
                for (int i = 0; i < n; i++) sum += Fold.mix(values.get(LittleEndian.LONG, 8L * i), firstPosition + i);
            }
            default -> {
                long[] codes = new long[CODE_BLOCK];
                for (int start = 0; start < n; start += codes.length) {
                    int count = valueCodes(vector, type, start, codes);
                    for (int i = 0; i < count; i++) sum += Fold.mix(codes[i], firstPosition + start + i);
                }
            }
        }
        return sum;
    }

    /** Writes the codes of up to {@code codes.length} values from {@code first} on; returns how many. */
    private static int valueCodes(ColumnVector vector, PhysicalType type, int first, long[] codes) {
        int n = Math.min(codes.length, vector.valueCount() - first);
        MemorySegment values = vector.isDictionaryEncoded() ? null : vector.valueStore();
        switch (type) {
            case INT32 -> {
                if (values == null) for (int i = 0; i < n; i++) codes[i] = vector.getInt(first + i);
                else for (int i = 0; i < n; i++) codes[i] = values.get(LittleEndian.INT, 4L * (first + i));
            }
            case INT64, DOUBLE -> {
                if (values == null) for (int i = 0; i < n; i++) codes[i] = Double.doubleToRawLongBits(vector.getDouble(first + i));
                else for (int i = 0; i < n; i++) codes[i] = values.get(LittleEndian.LONG, 8L * (first + i));
            }
            case BYTE_ARRAY -> byteArrayCodes(vector, first, n, codes);
            default -> { for (int i = 0; i < n; i++) codes[i] = valueCode(vector, type, first + i); }
        }
        return n;
    }

    /** The fold's code of value {@code valueIndex} of the vector. */
    static long valueCode(ColumnVector vector, PhysicalType type, int valueIndex) {
        return switch (type) {
            case BOOLEAN -> vector.getBoolean(valueIndex) ? 1 : 0;
            case INT32 -> vector.getInt(valueIndex);
            case INT64 -> vector.getLong(valueIndex);
            case FLOAT -> Float.floatToRawIntBits(vector.getFloat(valueIndex));
            case DOUBLE -> Double.doubleToRawLongBits(vector.getDouble(valueIndex));
            case BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY, INT96 -> BytesHash.of(vector.getBytes(valueIndex));
        };
    }

    /**
     * Hashes byte arrays where they lie in the vector's value store, through its offsets (and, for strings kept in
     * dictionary form, their ids): what a columnar consumer does, with no segment slice per value. Every value's
     * bytes are hashed, a dictionary entry's as often as it is used.
     */
    private static void byteArrayCodes(ColumnVector vector, int first, int n, long[] codes) {
        MemorySegment offsets = vector.offsetStore();
        MemorySegment data = vector.valueStore();
        MemorySegment ids = vector.isDictionaryEncoded() ? vector.dictionaryIds() : null;
        for (int i = 0; i < n; i++) {
            long slot = ids == null ? first + i : ids.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, first + i);
            long start = offsets.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, slot);
            codes[i] = BytesHash.of(data, start, offsets.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, slot + 1) - start);
        }
    }
}
