package io.pqflux.internal.bloom;

import io.pqflux.internal.codec.encoding.LittleEndian;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * XXH64, the 64-bit xxHash as specified in https://github.com/Cyan4973/xxHash/blob/dev/doc/xxhash_spec.md, with
 * little-endian input as on x86-64, which is what Parquet bloom filters use (with seed 0).
 */
public final class XxHash64 {

    private static final long PRIME_1 = 0x9E3779B185EBCA87L;
    private static final long PRIME_2 = 0xC2B2AE3D27D4EB4FL;
    private static final long PRIME_3 = 0x165667B19E3779F9L;
    private static final long PRIME_4 = 0x85EBCA77C2B2AE63L;
    private static final long PRIME_5 = 0x27D4EB2F165667C5L;

    private XxHash64() {
    }

    public static long hash(byte[] input, long seed) {
        return hash(MemorySegment.ofArray(input), seed);
    }

    public static long hash(MemorySegment input, long seed) {
        long length = input.byteSize();
        long p = 0;
        long h;
        if (length >= 32) {
            long v1 = seed + PRIME_1 + PRIME_2;
            long v2 = seed + PRIME_2;
            long v3 = seed;
            long v4 = seed - PRIME_1;
            for (long stripes = length - 32; p <= stripes; p += 32) {
                v1 = round(v1, input.get(LittleEndian.LONG, p));
                v2 = round(v2, input.get(LittleEndian.LONG, p + 8));
                v3 = round(v3, input.get(LittleEndian.LONG, p + 16));
                v4 = round(v4, input.get(LittleEndian.LONG, p + 24));
            }
            h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
            h = merge(h, v1);
            h = merge(h, v2);
            h = merge(h, v3);
            h = merge(h, v4);
        } else {
            h = seed + PRIME_5;
        }
        h += length;
        for (; p + 8 <= length; p += 8) {
            h ^= round(0, input.get(LittleEndian.LONG, p));
            h = Long.rotateLeft(h, 27) * PRIME_1 + PRIME_4;
        }
        if (p + 4 <= length) {
            h ^= Integer.toUnsignedLong(input.get(LittleEndian.INT, p)) * PRIME_1;
            h = Long.rotateLeft(h, 23) * PRIME_2 + PRIME_3;
            p += 4;
        }
        for (; p < length; p++) {
            h ^= Byte.toUnsignedLong(input.get(ValueLayout.JAVA_BYTE, p)) * PRIME_5;
            h = Long.rotateLeft(h, 11) * PRIME_1;
        }
        h ^= h >>> 33;
        h *= PRIME_2;
        h ^= h >>> 29;
        h *= PRIME_3;
        h ^= h >>> 32;
        return h;
    }

    private static long round(long accumulator, long lane) {
        accumulator += lane * PRIME_2;
        accumulator = Long.rotateLeft(accumulator, 31);
        return accumulator * PRIME_1;
    }

    private static long merge(long h, long accumulator) {
        h ^= round(0, accumulator);
        return h * PRIME_1 + PRIME_4;
    }
}
