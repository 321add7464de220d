package io.pqflux.bench.scan;

import io.pqflux.bench.scan.ColumnAggregates.Accumulator;
import io.pqflux.bench.scan.ColumnAggregates.Kind;
import io.pqflux.column.ColumnVector;
import io.pqflux.internal.codec.encoding.LittleEndian;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.schema.ColumnDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ColumnAggregates} over pqflux's decoded vectors, computed as a columnar engine computes them (DuckDB's
 * {@code count(c), sum(c)}, {@code sum(strlen(c))}): straight from each vector's value store, every value read once,
 * through the dictionary ids where a chunk stayed in dictionary form. This is the work the DuckDB comparison measures
 * on both sides; {@link PqfluxScan#fold} hashes every value with its position instead, which costs more than decoding
 * some columns and is what the comparison with parquet-java measures.
 */
public final class PqfluxAggregates {

    /** Values summed per block in plain {@code long}s before they reach the 128-bit sum (no overflow below 2^31 values). */
    private static final int EXACT_BLOCK = 1 << 30;

    private PqfluxAggregates() {
    }

    /** The aggregates of every column of {@code reader}'s file, each row group read whole by {@code readRowGroup}. */
    public static ColumnAggregates ofRowGroups(Path file, ParquetReader reader) {
        List<ColumnDescriptor> columns = reader.projectedColumns();
        Accumulator[] accumulators = new Accumulator[columns.size()];
        for (int c = 0; c < accumulators.length; c++) accumulators[c] = new Accumulator();
        for (int g = 0; g < reader.rowGroupCount(); g++) {
            try (RowGroupBatch batch = reader.readRowGroup(g)) {
                List<ColumnVector> vectors = batch.columns();
                for (int c = 0; c < accumulators.length; c++) accumulate(vectors.get(c), accumulators[c]);
            }
        }
        return of(file, columns, List.of(accumulators));
    }

    /** The aggregates of the columns in {@code columns}' order, from one accumulator per column. */
    static ColumnAggregates of(Path file, List<ColumnDescriptor> columns, List<Accumulator> accumulators) {
        List<ColumnAggregates.Column> result = new ArrayList<>(columns.size());
        for (int c = 0; c < columns.size(); c++) {
            ColumnDescriptor column = columns.get(c);
            if (column.path().size() != 1) {
                throw new IllegalArgumentException("PqfluxAggregates reads flat files; " + column.dottedPath() + " is nested");
            }
            result.add(accumulators.get(c).column(column.path().getFirst(), kind(column)));
        }
        return new ColumnAggregates(file, result);
    }

    private static Kind kind(ColumnDescriptor column) {
        return switch (column.physicalType()) {
            case BOOLEAN, INT32, INT64 -> Kind.EXACT;
            case FLOAT, DOUBLE -> Kind.FLOATING;
            case BYTE_ARRAY -> Kind.BYTES;
            case FIXED_LEN_BYTE_ARRAY, INT96 -> throw unsupported(column);
        };
    }

    /** Adds the vector's non-null values to {@code into}: their count and their sum (of lengths, for byte arrays). */
    public static void accumulate(ColumnVector vector, Accumulator into) {
        int n = vector.valueCount();
        into.count += n;
        if (n == 0) return;
        MemorySegment values = vector.valueStore();
        MemorySegment ids = vector.isDictionaryEncoded() ? vector.dictionaryIds() : null;
        switch (vector.column().physicalType()) {
            case BOOLEAN -> {
                long sum = 0;
                for (int i = 0; i < n; i++) sum += values.get(ValueLayout.JAVA_BYTE, slot(ids, i)) != 0 ? 1 : 0;
                into.addExact(sum);
            }
            case INT32 -> {
                long sum = 0;
                if (ids == null) for (int i = 0; i < n; i++) sum += values.get(LittleEndian.INT, 4L * i);
                else for (int i = 0; i < n; i++) sum += values.get(LittleEndian.INT, 4L * slot(ids, i));
                into.addExact(sum);
            }
            case INT64 -> {
                // the high and low 32-bit halves summed apart: neither sum overflows a long below 2^31 values
                for (int start = 0; start < n; start += EXACT_BLOCK) {
                    int end = Math.min(n, start + EXACT_BLOCK);
                    long highs = 0;
                    long lows = 0;
                    for (int i = start; i < end; i++) {
                        long value = values.get(LittleEndian.LONG, 8L * (ids == null ? i : slot(ids, i)));
                        highs += value >> 32;
                        lows += value & 0xFFFF_FFFFL;
                    }
                    into.addExact(highs >> 32, highs << 32);
                    into.addExact(0, lows);
                }
            }
            case FLOAT -> {
                double sum = 0;
                for (int i = 0; i < n; i++) sum += values.get(LittleEndian.FLOAT, 4L * slot(ids, i));
                into.addFloating(sum);
            }
            case DOUBLE -> {
                double sum = 0;
                if (ids == null) for (int i = 0; i < n; i++) sum += values.get(LittleEndian.DOUBLE, 8L * i);
                else for (int i = 0; i < n; i++) sum += values.get(LittleEndian.DOUBLE, 8L * slot(ids, i));
                into.addFloating(sum);
            }
            case BYTE_ARRAY -> {
                MemorySegment offsets = vector.offsetStore();
                long sum = 0;
                for (int i = 0; i < n; i++) {
                    long slot = slot(ids, i);
                    sum += offsets.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, slot + 1)
                            - offsets.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, slot);
                }
                into.addExact(sum);
            }
            case FIXED_LEN_BYTE_ARRAY, INT96 -> throw unsupported(vector.column());
        }
    }

    private static IllegalArgumentException unsupported(ColumnDescriptor column) {
        return new IllegalArgumentException("PqfluxAggregates does not aggregate " + column.dottedPath() + " ("
                + column.physicalType() + ")");
    }

    private static long slot(MemorySegment ids, int valueIndex) {
        return ids == null ? valueIndex : ids.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, valueIndex);
    }
}
