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
        // one small method per type and form: C2 compiles each loop on its own profile (one method holding every
        // loop was compiled with its segment accesses left as calls in some forks: a fifth of a scan)
        switch (vector.column().physicalType()) {
            case BOOLEAN -> into.addExact(sumBooleans(values, ids, n));
            case INT32 -> into.addExact(ids == null ? sumInts(values, n) : sumInts(values, ids, n));
            case INT64 -> sumLongs(values, ids, n, into);
            case FLOAT -> into.addFloating(sumFloats(values, ids, n));
            case DOUBLE -> into.addFloating(ids == null ? sumDoubles(values, n) : sumDoubles(values, ids, n));
            case BYTE_ARRAY -> into.addExact(ids == null ? sumLengths(vector.offsetStore(), n)
                    : sumLengths(vector.offsetStore(), ids, n));
            case FIXED_LEN_BYTE_ARRAY, INT96 -> throw unsupported(vector.column());
        }
    }

    private static long sumBooleans(MemorySegment values, MemorySegment ids, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) sum += values.get(ValueLayout.JAVA_BYTE, slot(ids, i)) != 0 ? 1 : 0;
        return sum;
    }

    private static long sumInts(MemorySegment values, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) sum += values.get(LittleEndian.INT, 4L * i);
        return sum;
    }

    private static long sumInts(MemorySegment values, MemorySegment ids, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) sum += values.get(LittleEndian.INT, 4L * id(ids, i));
        return sum;
    }

    private static void sumLongs(MemorySegment values, MemorySegment ids, int n, Accumulator into) {
        // the high and low 32-bit halves summed apart: neither sum overflows a long below 2^31 values
        for (int start = 0; start < n; start += EXACT_BLOCK) {
            int end = Math.min(n, start + EXACT_BLOCK);
            long highs = 0;
            long lows = 0;
            for (int i = start; i < end; i++) {
                long value = values.get(LittleEndian.LONG, 8L * slot(ids, i));
                highs += value >> 32;
                lows += value & 0xFFFF_FFFFL;
            }
            into.addExact(highs >> 32, highs << 32);
            into.addExact(0, lows);
        }
    }

    private static double sumFloats(MemorySegment values, MemorySegment ids, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) sum += values.get(LittleEndian.FLOAT, 4L * slot(ids, i));
        return sum;
    }

    private static double sumDoubles(MemorySegment values, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) sum += values.get(LittleEndian.DOUBLE, 8L * i);
        return sum;
    }

    private static double sumDoubles(MemorySegment values, MemorySegment ids, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) sum += values.get(LittleEndian.DOUBLE, 8L * id(ids, i));
        return sum;
    }

    private static long sumLengths(MemorySegment offsets, int n) {
        // value by value, as DuckDB's sum(strlen(c)) reads each length (the offsets would telescope to one subtraction)
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += offsets.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i + 1L)
                    - offsets.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i);
        }
        return sum;
    }

    private static long sumLengths(MemorySegment offsets, MemorySegment ids, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            long slot = id(ids, i);
            sum += offsets.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, slot + 1)
                    - offsets.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, slot);
        }
        return sum;
    }

    private static IllegalArgumentException unsupported(ColumnDescriptor column) {
        return new IllegalArgumentException("PqfluxAggregates does not aggregate " + column.dottedPath() + " ("
                + column.physicalType() + ")");
    }

    private static long slot(MemorySegment ids, int valueIndex) {
        return ids == null ? valueIndex : id(ids, valueIndex);
    }

    private static long id(MemorySegment ids, int valueIndex) {
        return ids.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, valueIndex);
    }
}
