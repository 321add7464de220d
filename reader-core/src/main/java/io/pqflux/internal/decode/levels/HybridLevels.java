package io.pqflux.internal.decode.levels;

import io.pqflux.internal.codec.encoding.LittleEndian;
import io.pqflux.internal.codec.encoding.RleBitPackedHybridDecoder;
import io.pqflux.internal.codec.simd.LevelKernels;
import java.lang.foreign.MemorySegment;

/** Levels in the RLE/bit-packed hybrid encoding: V1 pages prefix them with their length, V2 pages give it in the header. */
public final class HybridLevels extends LevelDecoder {

    private final RleBitPackedHybridDecoder decoder;
    private final long end;

    private HybridLevels(RleBitPackedHybridDecoder decoder, long end, int maxLevel, LevelKernels kernels) {
        super(maxLevel, kernels);
        this.decoder = decoder;
        this.end = end;
    }

    /** The levels of a V1 page at {@code offset}, behind their 4-byte length. */
    public static HybridLevels withLengthPrefix(MemorySegment data, long offset, long limit, int maxLevel,
                                               LevelKernels kernels) {
        RleBitPackedHybridDecoder decoder = RleBitPackedHybridDecoder.withLengthPrefix(data, offset, limit,
                bitWidth(maxLevel), kernels);
        // the prefix was checked to fit before the limit
        long end = offset + 4 + Integer.toUnsignedLong(data.get(LittleEndian.INT, offset));
        return new HybridLevels(decoder, end, maxLevel, kernels);
    }

    /** The levels of a V2 page: all of {@code levels}. */
    public static HybridLevels of(MemorySegment levels, int maxLevel, LevelKernels kernels) {
        return new HybridLevels(new RleBitPackedHybridDecoder(levels, 0, levels.byteSize(), bitWidth(maxLevel), kernels),
                levels.byteSize(), maxLevel, kernels);
    }

    @Override
    public void read(int count, MemorySegment dst, long offset) {
        decoder.readBytes(dst, offset, count);
    }

    @Override
    public long end() {
        return end;
    }
}
