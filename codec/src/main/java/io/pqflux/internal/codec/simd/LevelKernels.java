package io.pqflux.internal.codec.simd;

import java.lang.foreign.MemorySegment;

/**
 * The inner loops of level and dictionary-id decoding, in a scalar reference form ({@link ScalarKernels})
 * and a Vector API form ({@code VectorKernels}); {@link Kernels} picks one at start-up. Values are packed
 * LSB-first in groups of 8, the bit-packed half of Parquet's RLE/bit-packed hybrid. Ints are written in
 * native byte order. Every method reads and writes only inside the segments it is given; the unpack
 * methods may read (never use) bytes after the packed data up to the end of {@code src}, so callers bound
 * what may be read by slicing {@code src}.
 */
public interface LevelKernels {

    /**
     * Unpacks {@code groups} groups of 8 values of {@code bitWidth} (1..8) bits, {@code groups * bitWidth}
     * bytes from {@code srcOffset}, into one byte per value at {@code dstOffset}.
     */
    void unpackBytes(MemorySegment src, long srcOffset, int bitWidth, int groups, MemorySegment dst, long dstOffset);

    /** As {@link #unpackBytes} for bit widths 1..32, one native-order int per value. */
    void unpackInts(MemorySegment src, long srcOffset, int bitWidth, int groups, MemorySegment dst, long dstOffset);

    /** Writes {@code count} native-order copies of {@code value} from {@code dstOffset}: an RLE run of ints. */
    void fillInts(MemorySegment dst, long dstOffset, int count, int value);

    /**
     * The number of the {@code count} byte levels from {@code offset} equal to {@code maxLevel}, or -1 when
     * any level (read unsigned) exceeds it; the caller then looks for the offender itself (see
     * {@link DefinitionLevels#countNonNull}).
     */
    int countEqualUnlessAbove(MemorySegment levels, long offset, int count, int maxLevel);

    /** Number of the {@code count} byte levels from {@code offset} equal to {@code level} (0..255): e.g. record starts. */
    int countEqual(MemorySegment levels, long offset, int count, int level);

    /**
     * Sets bit {@code i} of {@code words} (bit {@code i & 63} of word {@code i >>> 6}) where level {@code i}
     * of the {@code count} from {@code offset} is at least {@code threshold}, and clears it elsewhere;
     * writes words {@code 0 .. ceil(count / 64) - 1}, bits from {@code count} on zero.
     */
    void atLeast(MemorySegment levels, long offset, int count, int threshold, long[] words);

    /**
     * Index (0-based, from {@code offset}) of the first of {@code count} native-order ints outside
     * {@code [0, size)}, or -1 when all are inside: one check before a gather loop that then needs none.
     */
    int firstOutOfRange(MemorySegment ints, long offset, int count, int size);

}
