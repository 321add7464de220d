package io.pqflux.internal.codec.encoding;

import io.pqflux.internal.codec.simd.LevelKernels;
import io.pqflux.internal.codec.simd.ScalarKernels;
import io.pqflux.error.CorruptFileException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * DELTA_BINARY_PACKED: a header {@code <block size> <miniblocks per block> <total count> <first value>}, then
 * blocks of {@code <zigzag min delta> <one bit width byte per miniblock> <miniblocks>}, each miniblock holding
 * its deltas minus the min delta bit-packed LSB-first. Values are rebuilt with wrapping two's complement
 * additions, as the spec requires: an INT32 stream is exact modulo 2^32, an INT64 stream modulo 2^64.
 * Reads can be split across calls. Not thread-safe.
 */
public final class DeltaBinaryPackedDecoder {
    private static final int MAX_VARINT_BYTES = 10;
    private static final int MAX_UNPACKED_MINIBLOCK = 1 << 12;
    /** Values rebuilt at once by {@link #read} before they are copied out: a bound, whatever the miniblock size. */
    private static final int MAX_RUN = 512;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Cut at the stream's end: the kernels may read ahead to the end of their source, never past it. */
    private final MemorySegment src;
    private final long limit;
    private final int valueBits;
    private final int miniblocks;
    private final int miniblockSize;
    private final int totalCount;
    private final LevelKernels kernels;

    /** Next unread byte: past the header, then past each miniblock as it opens. */
    private long pos;
    private int produced;
    private long previous;
    private long minDelta;
    private long bitWidthsAt;
    /** The open miniblock's index in its block; {@code miniblocks} when the next value needs a new block. */
    private int miniblock;
    /** Where the open miniblock starts: an outsized one (over {@link #MAX_UNPACKED_MINIBLOCK} values) is read there. */
    private long miniblockStart;
    private int bitWidth;
    private int indexInMiniblock;
    /**
     * The open miniblock's values, unpacked at once by the kernels when its bit width is at most 32 (null until the
     * first such miniblock). Read as plain array elements: through a heap segment, each value's access checks cost
     * more than its addition (a tenant search's second pass skips most values of its pages).
     */
    private int[] unpacked;
    /** {@link #unpacked} as the kernels write it: native-order ints, which read back from the array as they are. */
    private MemorySegment unpackedSegment;
    private boolean miniblockUnpacked;
    /**
     * A wider miniblock's packed bytes, copied at once and padded so that a value's 8-byte window never runs past the
     * array: its values are read from the array, not each through the segment's access checks.
     */
    private byte[] packed;
    private boolean miniblockCopied;
    /** A run of values rebuilt by {@link #read}, then copied out at once (through the ints for an INT32 stream). */
    private int[] runInts;
    private long[] runLongs;

    private DeltaBinaryPackedDecoder(MemorySegment src, long offset, long limit, int valueBits, LevelKernels kernels) {
        this.src = src.asSlice(0, limit);
        this.limit = limit;
        this.valueBits = valueBits;
        this.kernels = kernels;
        this.pos = offset;
        long blockSize = readUnsigned("block size");
        long miniblockCount = readUnsigned("miniblock count");
        long count = readUnsigned("total value count");
        previous = readZigZag("first value");
        // the header fields are unsigned 64-bit: compare them as such, or 2^64 - 128 passes as -128
        if (Long.compareUnsigned(blockSize, Integer.MAX_VALUE) > 0 || blockSize == 0 || blockSize % 128 != 0) {
            throw corrupt("block size " + Long.toUnsignedString(blockSize) + " is not a positive multiple of 128");
        }
        if (miniblockCount == 0 || Long.compareUnsigned(miniblockCount, blockSize / 32) > 0
                || blockSize % miniblockCount != 0 || (blockSize / miniblockCount) % 32 != 0) {
            throw corrupt("miniblock count " + Long.toUnsignedString(miniblockCount) + " does not split the block of "
                    + blockSize + " values into miniblocks of a multiple of 32 values");
        }
        if (count > Integer.MAX_VALUE) throw corrupt("total value count " + Long.toUnsignedString(count) + " exceeds 2^31 - 1");
        this.miniblocks = (int) miniblockCount;
        this.miniblockSize = (int) (blockSize / miniblockCount);
        this.totalCount = (int) count;
        // Each block takes at least its min delta byte and its bit width bytes: a count the input cannot
        // hold is refused before any caller sizes buffers from it.
        long blocks = count <= 1 ? 0 : Math.ceilDiv(count - 1, blockSize);
        if (blocks > (limit - pos) / (1 + miniblockCount)) {
            throw corrupt("header declares " + count + " values in " + blocks + " blocks of at least " + (1 + miniblockCount)
                    + " bytes each but only " + (limit - pos) + " bytes follow it");
        }
        this.miniblock = miniblocks;
        this.indexInMiniblock = miniblockSize;
    }

    /**
     * Reads the header of an INT32 stream starting at {@code offset}; the stream may end before {@code limit}.
     * Miniblocks are unpacked by {@code kernels}.
     */
    public static DeltaBinaryPackedDecoder forInts(MemorySegment src, long offset, long limit, LevelKernels kernels) {
        InputBounds.checkRange(src.byteSize(), offset, limit);
        return new DeltaBinaryPackedDecoder(src, offset, limit, 32, kernels);
    }

    /** As {@link #forInts}, for an INT64 stream. */
    public static DeltaBinaryPackedDecoder forLongs(MemorySegment src, long offset, long limit, LevelKernels kernels) {
        InputBounds.checkRange(src.byteSize(), offset, limit);
        return new DeltaBinaryPackedDecoder(src, offset, limit, 64, kernels);
    }

    /** The value count the header declares. */
    public int totalCount() {
        return totalCount;
    }

    /**
     * The offset just past what has been decoded; once all {@link #totalCount()} values are read, the end of
     * the stream (a last miniblock counts whole, padding included, as writers store it).
     */
    public long position() {
        return pos;
    }

    /** Decodes the next {@code count} values as little-endian int32s (INT32 streams only). */
    public void readInts(int count, MemorySegment dst, long dstOffset) {
        if (valueBits != 32) throw new IllegalStateException("readInts on an INT64 stream");
        read(count, dst, dstOffset, 4);
    }

    /** Decodes the next {@code count} values as little-endian int64s (INT64 streams only). */
    public void readLongs(int count, MemorySegment dst, long dstOffset) {
        if (valueBits != 64) throw new IllegalStateException("readLongs on an INT32 stream");
        read(count, dst, dstOffset, 8);
    }

    private void read(int count, MemorySegment dst, long dstOffset, int valueSize) {
        requireRemaining(count);
        int done = 0;
        if (count > 0 && produced == 0) {
            if (valueSize == 4) dst.set(LittleEndian.INT, dstOffset, (int) previous);
            else dst.set(LittleEndian.LONG, dstOffset, previous);
            done = 1;
        }
        if (runLongs == null && done < count) runLongs = new long[Math.min(miniblockSize, MAX_RUN)];
        while (done < count) {
            if (indexInMiniblock == miniblockSize) openMiniblock(true);
            int run = Math.min(Math.min(count - done, miniblockSize - indexInMiniblock), runLongs.length);
            long[] values = runLongs;
            deltas(values, run);
            // long additions wrap modulo 2^64, and truncating to int afterwards gives the modulo 2^32 result
            long value = previous;
            for (int i = 0; i < run; i++) values[i] = value += minDelta + values[i];
            previous = value;
            long at = dstOffset + (long) done * valueSize;
            if (valueSize == 8) {
                MemorySegment.copy(values, 0, dst, LittleEndian.LONG, at, run);
            } else {
                if (runInts == null) runInts = new int[runLongs.length];
                for (int i = 0; i < run; i++) runInts[i] = (int) values[i];
                MemorySegment.copy(runInts, 0, dst, LittleEndian.INT, at, run);
            }
            indexInMiniblock += run;
            done += run;
        }
        produced += count;
    }

    /**
     * Moves past the next {@code count} values. Each value builds on the one before, so their deltas are still
     * summed, but nothing is written.
     */
    public void skip(int count) {
        requireRemaining(count);
        // the first value lives in the header and is already in previous
        int done = count > 0 && produced == 0 ? 1 : 0;
        while (done < count) {
            if (indexInMiniblock == miniblockSize) openMiniblock(true);
            int run = Math.min(count - done, miniblockSize - indexInMiniblock);
            long deltas = (long) run * minDelta;
            int from = indexInMiniblock;
            int to = from + run;
            if (miniblockUnpacked) {
                for (int i = from; i < to; i++) deltas += unpacked[i] & 0xFFFFFFFFL;
            } else if (miniblockCopied) {
                long mask = mask();
                for (int i = from; i < to; i++) deltas += copied(i) & mask;
            } else if (bitWidth > 0) {
                long mask = mask();
                for (int i = from; i < to; i++) deltas += inSegment(i) & mask;
            }
            // sums wrap modulo 2^64 like the additions of read, so the order of adding makes no difference
            previous += deltas;
            indexInMiniblock += run;
            done += run;
        }
        produced += count;
    }

    private void requireRemaining(int count) {
        InputBounds.requireCount("DELTA_BINARY_PACKED", count);
        if (count > totalCount - produced) {
            throw corrupt(count + " values requested but the stream holds " + (totalCount - produced) + " more");
        }
    }

    /**
     * Moves past the values not read yet without rebuilding them, checking that their miniblocks are all
     * there, and returns the end of the stream. The decoder is spent afterwards.
     */
    public long skipRest() {
        int remaining = totalCount - produced;
        // the first value lives in the header
        if (produced == 0 && remaining > 0) remaining--;
        while (remaining > 0) {
            // its values are not needed: the miniblock is only checked to be there
            if (indexInMiniblock == miniblockSize) openMiniblock(false);
            int run = Math.min(remaining, miniblockSize - indexInMiniblock);
            indexInMiniblock += run;
            remaining -= run;
        }
        produced = totalCount;
        return pos;
    }

    /**
     * Moves to the next miniblock, reading a block header first when the block is used up, and makes its values
     * readable by {@link #deltas} when {@code unpack}.
     */
    private void openMiniblock(boolean unpack) {
        if (++miniblock >= miniblocks) {
            minDelta = readZigZag("block min delta");
            InputBounds.require("DELTA_BINARY_PACKED: miniblock bit widths", pos, limit, miniblocks);
            bitWidthsAt = pos;
            pos += miniblocks;
            miniblock = 0;
        }
        bitWidth = src.get(ValueLayout.JAVA_BYTE, bitWidthsAt + miniblock) & 0xFF;
        if (bitWidth > valueBits) {
            throw corrupt("miniblock bit width " + bitWidth + " at offset " + (bitWidthsAt + miniblock)
                    + " exceeds the " + valueBits + " bits of the values");
        }
        // miniblockSize is a multiple of 32, so a miniblock always fills whole bytes
        long bytes = (long) miniblockSize / 8 * bitWidth;
        if (!InputBounds.fits(pos, limit, bytes)) {
            throw InputBounds.missing("DELTA_BINARY_PACKED: miniblock of " + miniblockSize + " values at " + bitWidth
                    + " bits", pos, limit, bytes);
        }
        long start = pos;
        miniblockStart = start;
        pos += bytes;
        indexInMiniblock = 0;
        // writers use miniblocks of 32 or 64 values; an outsized one is read value by value from the segment
        miniblockUnpacked = miniblockCopied = false;
        if (!unpack || bitWidth == 0) return;
        if (miniblockSize > MAX_UNPACKED_MINIBLOCK) return;
        if (bitWidth <= 32) {
            if (unpacked == null) {
                unpacked = new int[miniblockSize];
                unpackedSegment = MemorySegment.ofArray(unpacked);
            }
            kernels.unpackInts(src, start, bitWidth, miniblockSize / 8, unpackedSegment, 0);
            miniblockUnpacked = true;
        } else {
            if (packed == null || packed.length < bytes + Long.BYTES) packed = new byte[(int) bytes + Long.BYTES];
            MemorySegment.copy(src, ValueLayout.JAVA_BYTE, start, packed, 0, (int) bytes);
            miniblockCopied = true;
        }
    }

    /** The next {@code run} values of the open miniblock, less the block's min delta, into {@code out}. */
    private void deltas(long[] out, int run) {
        int from = indexInMiniblock;
        if (miniblockUnpacked) {
            for (int i = 0; i < run; i++) out[i] = unpacked[from + i] & 0xFFFFFFFFL;
        } else if (miniblockCopied) {
            long mask = mask();
            for (int i = 0; i < run; i++) out[i] = copied(from + i) & mask;
        } else if (bitWidth == 0) {
            Arrays.fill(out, 0, run, 0);
        } else {
            long mask = mask();
            for (int i = 0; i < run; i++) out[i] = inSegment(from + i) & mask;
        }
    }

    private long mask() {
        return bitWidth == 64 ? -1L : (1L << bitWidth) - 1;
    }

    /**
     * Value {@code index} of a copied miniblock, unmasked. A value starts up to 7 bits into its first byte and spans
     * up to 64 bits, so it lies in one 64-bit little-endian window plus at most one more byte.
     */
    private long copied(int index) {
        long bit = (long) index * bitWidth;
        int at = (int) (bit >>> 3);
        int shift = (int) (bit & 7);
        long value = (long) LONGS.get(packed, at) >>> shift;
        if (shift + bitWidth > 64) value |= (packed[at + 8] & 0xFFL) << (64 - shift);
        return value;
    }

    /** Value {@code index} of an outsized miniblock, unmasked, read from the segment: the window stops at its end. */
    private long inSegment(int index) {
        long bit = (long) index * bitWidth;
        long at = miniblockStart + (bit >>> 3);
        int shift = (int) (bit & 7);
        long value = ScalarKernels.window(src, at, pos) >>> shift;
        if (shift + bitWidth > 64) value |= (src.get(ValueLayout.JAVA_BYTE, at + 8) & 0xFFL) << (64 - shift);
        return value;
    }

    /** An unsigned LEB128 varint of up to 64 bits. */
    private long readUnsigned(String what) {
        long start = pos;
        long value = 0;
        for (int i = 0; i < MAX_VARINT_BYTES; i++) {
            if (pos >= limit) throw corrupt(what + " at offset " + start + " is truncated at offset " + limit);
            int b = src.get(ValueLayout.JAVA_BYTE, pos++) & 0xFF;
            value |= (long) (b & 0x7F) << (7 * i);
            if (b < 0x80) {
                if (i == MAX_VARINT_BYTES - 1 && b > 1) break;
                return value;
            }
        }
        throw corrupt(what + " at offset " + start + " exceeds 64 bits");
    }

    private long readZigZag(String what) {
        long encoded = readUnsigned(what);
        return (encoded >>> 1) ^ -(encoded & 1);
    }

    private static CorruptFileException corrupt(String reason) {
        return new CorruptFileException("DELTA_BINARY_PACKED: " + reason);
    }
}
