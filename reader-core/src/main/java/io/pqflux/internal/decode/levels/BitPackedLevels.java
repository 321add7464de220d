package io.pqflux.internal.decode.levels;

import io.pqflux.internal.codec.encoding.LegacyBitPackedDecoder;
import io.pqflux.internal.codec.simd.LevelKernels;
import java.lang.foreign.MemorySegment;

/** Levels in the deprecated BIT_PACKED encoding of V1 pages: no header, {@code count} levels packed MSB-first. */
public final class BitPackedLevels extends LevelDecoder {

    private final MemorySegment data;
    private final long offset;
    private final long limit;
    private final int bitWidth;
    private final long end;
    private long next;

    /**
     * The {@code count} levels of a page at {@code offset}, checked to lie before {@code limit}, so the section
     * after them starts within the page.
     */
    public BitPackedLevels(MemorySegment data, long offset, long limit, int maxLevel, int count, LevelKernels kernels) {
        super(maxLevel, kernels);
        this.data = data;
        this.offset = offset;
        this.limit = limit;
        this.bitWidth = bitWidth(maxLevel);
        this.end = offset + LegacyBitPackedDecoder.requireBytes(data, offset, limit, bitWidth, count);
    }

    @Override
    public void read(int count, MemorySegment dst, long dstOffset) {
        LegacyBitPackedDecoder.decodeBytes(data, offset, limit, bitWidth, next, count, dst, dstOffset);
        next += count;
    }

    @Override
    public long end() {
        return end;
    }
}
