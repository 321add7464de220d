package io.pqflux.internal.codec.encoding;

import io.pqflux.internal.codec.simd.LevelKernels;
import io.pqflux.internal.codec.simd.ScalarKernels;
import io.pqflux.error.CorruptFileException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Parquet's RLE/bit-packed hybrid encoding: a sequence of runs, each a varint header {@code count << 1}
 * followed by one repeated value of {@code ceil(bitWidth/8)} little-endian bytes, or {@code groups << 1 | 1}
 * followed by {@code groups * 8} values bit-packed LSB-first. Reads can be split across calls at any
 * value; a run carries over. Not thread-safe.
 */
public final class RleBitPackedHybridDecoder {
    private static final int MAX_HEADER_BYTES = 5;
    private static final int SHORT_RUN = 64;

    /** Ends at the limit, so kernels that read ahead for speed never read past the caller's range. */
    private final MemorySegment src;
    private final long origin;
    private final long limit;
    private final int bitWidth;
    /** Start of the next run header; once a run is open, just past that run's bytes. */
    private long pos;

    private long runRemaining;
    private boolean runPacked;
    private int runValue;
    private long packedStart;
    private long packedIndex;
    /** Bytes of the open bit-packed run that exist; less than the header promises if a writer trimmed padding. */
    private long packedAvailable;
    private final LevelKernels kernels;

    /**
     * Decodes runs from {@code offset} up to {@code limit} (exclusive); {@code bitWidth} is 0..32. Bit-packed
     * groups and runs of ints go through {@code kernels}.
     */
    public RleBitPackedHybridDecoder(MemorySegment src, long offset, long limit, int bitWidth, LevelKernels kernels) {
        this(src, offset, offset, limit, bitWidth, kernels);
    }

    private RleBitPackedHybridDecoder(MemorySegment src, long origin, long offset, long limit, int bitWidth,
                                      LevelKernels kernels) {
        InputBounds.checkRange(src.byteSize(), offset, limit);
        if (bitWidth < 0 || bitWidth > 32) throw new IllegalArgumentException("bit width " + bitWidth + " outside 0..32");
        this.src = src.asSlice(0, limit);
        this.origin = origin;
        this.pos = offset;
        this.limit = limit;
        this.bitWidth = bitWidth;
        this.kernels = kernels;
    }

    /** The form with a 4-byte little-endian length before the runs: V1 page levels and RLE booleans. */
    public static RleBitPackedHybridDecoder withLengthPrefix(MemorySegment src, long offset, long limit, int bitWidth,
                                                             LevelKernels kernels) {
        InputBounds.checkRange(src.byteSize(), offset, limit);
        InputBounds.require("RLE/bit-packed length prefix", offset, limit, 4);
        int length = src.get(LittleEndian.INT, offset);
        if (length < 0 || length > limit - offset - 4) {
            throw new CorruptFileException("RLE/bit-packed: length prefix " + Integer.toUnsignedString(length)
                    + " at offset " + offset + " exceeds the " + (limit - offset - 4) + " bytes that follow it");
        }
        return new RleBitPackedHybridDecoder(src, offset, offset + 4, offset + 4 + length, bitWidth, kernels);
    }

    /** The form with a 1-byte bit width before the runs: dictionary ids of data pages. */
    public static RleBitPackedHybridDecoder withBitWidthPrefix(MemorySegment src, long offset, long limit,
                                                               LevelKernels kernels) {
        InputBounds.checkRange(src.byteSize(), offset, limit);
        InputBounds.require("RLE/bit-packed bit width prefix", offset, limit, 1);
        int bitWidth = src.get(ValueLayout.JAVA_BYTE, offset) & 0xFF;
        if (bitWidth > 32) {
            throw new CorruptFileException("RLE/bit-packed: bit width " + bitWidth + " at offset " + offset
                    + " exceeds 32");
        }
        return new RleBitPackedHybridDecoder(src, offset, offset + 1, limit, bitWidth, kernels);
    }

    /** Decodes the next {@code count} values as one byte each; only for bit widths up to 8 (levels, booleans). */
    public void readBytes(MemorySegment dst, long dstOffset, int count) {
        if (bitWidth > 8) throw new IllegalStateException("readBytes needs bit width <= 8, have " + bitWidth);
        read(dst, dstOffset, count, 1);
    }

    /** Decodes the next {@code count} values as native-order ints (dictionary ids). */
    public void readInts(MemorySegment dst, long dstOffset, int count) {
        read(dst, dstOffset, count, 4);
    }

    /**
     * Bytes consumed so far, counted from the offset given at creation (so including any prefix). A run
     * counts as consumed once its header is read. With bit width 0 nothing is ever read.
     */
    public long position() {
        return pos - origin;
    }

    private void read(MemorySegment dst, long dstOffset, int count, int valueSize) {
        InputBounds.requireCount("RLE/bit-packed", count);
        // Width 0 means a single possible value; writers disagree on what they store for it (arrow
        // GH-43605 writes dictionary ids of width 0), so nothing is read.
        if (bitWidth == 0) {
            dst.asSlice(dstOffset, (long) count * valueSize).fill((byte) 0);
            return;
        }
        int done = 0;
        while (done < count) {
            if (runRemaining == 0) openRun(count - done);
            int n = (int) Math.min(runRemaining, count - done);
            long at = dstOffset + (long) done * valueSize;
            if (runPacked) {
                requirePacked(n);
                unpack(n, dst, at, valueSize);
                packedIndex += n;
            } else if (valueSize == 1) {
                fillBytes(dst, at, n, (byte) runValue);
            } else {
                kernels.fillInts(dst, at, n, runValue);
            }
            runRemaining -= n;
            done += n;
        }
    }

    /** Moves past the next {@code count} values without decoding them: runs are stepped over, not unpacked. */
    public void skip(int count) {
        InputBounds.requireCount("RLE/bit-packed", count);
        if (bitWidth == 0) return;
        int done = 0;
        while (done < count) {
            if (runRemaining == 0) openRun(count - done);
            int n = (int) Math.min(runRemaining, count - done);
            if (runPacked) {
                requirePacked(n);
                packedIndex += n;
            }
            runRemaining -= n;
            done += n;
        }
    }

    /** The next {@code n} values of the open bit-packed run must lie within the bytes it has. */
    private void requirePacked(int n) {
        long needed = Math.ceilDiv((packedIndex + n) * bitWidth, 8);
        if (needed > packedAvailable) {
            throw new CorruptFileException("RLE/bit-packed: run at offset " + packedStart + " needs " + needed
                    + " bytes but only " + packedAvailable + " remain");
        }
    }

    /**
     * The next {@code n} values of the open bit-packed run: whole groups of 8 through the kernels, the values
     * before the first group boundary (a read split inside a group) and after the last one value by value.
     */
    private void unpack(int n, MemorySegment dst, long at, int valueSize) {
        long first = packedIndex;
        int head = (int) Math.min(n, -first & 7);
        int groups = (n - head) >>> 3;
        int tail = n - head - 8 * groups;
        unpackValues(first, head, dst, at, valueSize);
        if (groups > 0) {
            long groupStart = packedStart + (first + head) / 8 * bitWidth;
            long groupDst = at + (long) head * valueSize;
            if (valueSize == 1) kernels.unpackBytes(src, groupStart, bitWidth, groups, dst, groupDst);
            else kernels.unpackInts(src, groupStart, bitWidth, groups, dst, groupDst);
        }
        unpackValues(first + n - tail, tail, dst, at + (long) (n - tail) * valueSize, valueSize);
    }

    private void unpackValues(long first, int count, MemorySegment dst, long at, int valueSize) {
        if (count == 0) return;
        long runLimit = packedStart + packedAvailable;
        if (valueSize == 1) ScalarKernels.unpackBytes(src, packedStart, runLimit, bitWidth, first, count, dst, at);
        else ScalarKernels.unpackInts(src, packedStart, runLimit, bitWidth, first, count, dst, at);
    }

    /** Short runs (most level runs are) are filled in place; a slice to fill costs an object per run. */
    private static void fillBytes(MemorySegment dst, long at, int n, byte value) {
        if (n < SHORT_RUN) {
            for (int i = 0; i < n; i++) dst.set(ValueLayout.JAVA_BYTE, at + i, value);
        } else {
            dst.asSlice(at, n).fill(value);
        }
    }

    /** Reads run headers until one holds values; empty runs are legal and skipped. */
    private void openRun(int wanted) {
        while (true) {
            if (pos >= limit) {
                throw new CorruptFileException("RLE/bit-packed: input ends at offset " + limit + " but " + wanted
                        + " more values were requested");
            }
            long header = readHeader();
            if ((header & 1) == 0) {
                runValue = readRunValue();
                runPacked = false;
                runRemaining = header >>> 1;
            } else {
                long groups = header >>> 1;
                packedStart = pos;
                packedAvailable = Math.min(groups * bitWidth, limit - pos);
                packedIndex = 0;
                pos += packedAvailable;
                runPacked = true;
                runRemaining = groups * 8;
            }
            if (runRemaining > 0) return;
        }
    }

    /** An unsigned LEB128 varint of at most 32 bits. */
    private long readHeader() {
        long start = pos;
        long value = 0;
        for (int i = 0; i < MAX_HEADER_BYTES; i++) {
            if (pos == limit) {
                throw new CorruptFileException("RLE/bit-packed: run header at offset " + start
                        + " is truncated at offset " + limit);
            }
            int b = src.get(ValueLayout.JAVA_BYTE, pos++) & 0xFF;
            value |= (long) (b & 0x7F) << (7 * i);
            if (b < 0x80) {
                if (i == MAX_HEADER_BYTES - 1 && b > 0x0F) break;
                return value;
            }
        }
        throw new CorruptFileException("RLE/bit-packed: run header at offset " + start + " exceeds 32 bits");
    }

    private int readRunValue() {
        int size = (bitWidth + 7) >>> 3;
        InputBounds.require("RLE/bit-packed: run value", pos, limit, size);
        long value = 0;
        for (int i = 0; i < size; i++) value |= (src.get(ValueLayout.JAVA_BYTE, pos + i) & 0xFFL) << (8 * i);
        if (bitWidth < 32 && value >>> bitWidth != 0) {
            throw new CorruptFileException("RLE/bit-packed: run value " + value + " at offset " + pos
                    + " does not fit bit width " + bitWidth);
        }
        pos += size;
        return (int) value;
    }
}
