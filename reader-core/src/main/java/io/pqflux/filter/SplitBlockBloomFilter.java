package io.pqflux.filter;

import io.pqflux.internal.bloom.XxHash64;
import io.pqflux.internal.codec.encoding.LittleEndian;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The split-block bloom filter of the parquet-format spec (BloomFilter.md): blocks of 256 bits, eight 32-bit
 * little-endian words each; a hash picks a block with its upper 32 bits and one bit per word with its lower
 * 32 bits times eight salts. No false negatives.
 */
public final class SplitBlockBloomFilter {

    /** Bytes per block. */
    public static final int BLOCK_BYTES = 32;

    private static final int[] SALT = {0x47b6137b, 0x44974d91, 0x8824ad5b, 0xa2b7289d, 0x705495c7, 0x2df1424b,
            0x9efc4947, 0x5c6bfb31};

    private final MemorySegment bitset;
    private final long blocks;

    /** @param bitset the filter's bytes, a positive multiple of {@link #BLOCK_BYTES}; read in place */
    public SplitBlockBloomFilter(MemorySegment bitset) {
        if (bitset.byteSize() <= 0 || bitset.byteSize() % BLOCK_BYTES != 0) {
            throw new IllegalArgumentException("bloom filter bitset of " + bitset.byteSize() + " bytes is not a positive "
                    + "multiple of " + BLOCK_BYTES);
        }
        this.bitset = bitset;
        this.blocks = bitset.byteSize() / BLOCK_BYTES;
    }

    /** An empty filter of {@code blocks} blocks on the heap, to {@linkplain #insert insert} into. */
    public static SplitBlockBloomFilter empty(int blocks) {
        if (blocks <= 0) throw new IllegalArgumentException("a bloom filter needs at least one block: " + blocks);
        return new SplitBlockBloomFilter(MemorySegment.ofArray(new byte[Math.multiplyExact(blocks, BLOCK_BYTES)]));
    }

    /** The hash of a value, as the filter was built with it: XXH64 with seed 0 of its PLAIN bytes. */
    public static long hash(MemorySegment plainBytes) {
        return XxHash64.hash(plainBytes, 0);
    }

    /** Sets the bits of {@code hash}: the spec's block insert, the mirror of {@link #mightContain}. */
    public void insert(long hash) {
        long base = block(hash) * BLOCK_BYTES;
        int key = (int) hash;
        for (int i = 0; i < SALT.length; i++) {
            int mask = 1 << ((key * SALT[i]) >>> 27);
            bitset.set(LittleEndian.INT, base + 4L * i, bitset.get(LittleEndian.INT, base + 4L * i) | mask);
        }
    }

    /** A copy of the filter's bytes (the bitset as the spec lays it out). */
    public byte[] toByteArray() {
        return bitset.toArray(ValueLayout.JAVA_BYTE);
    }

    private long block(long hash) {
        // (hash >>> 32) * blocks < 2^64, so the unsigned shift of the product is exact.
        return ((hash >>> 32) * blocks) >>> 32;
    }

    /** False when no value with this hash was inserted; true when one may have been. */
    public boolean mightContain(long hash) {
        long base = block(hash) * BLOCK_BYTES;
        int key = (int) hash;
        for (int i = 0; i < SALT.length; i++) {
            int mask = 1 << ((key * SALT[i]) >>> 27);
            if ((bitset.get(LittleEndian.INT, base + 4L * i) & mask) == 0) return false;
        }
        return true;
    }
}
