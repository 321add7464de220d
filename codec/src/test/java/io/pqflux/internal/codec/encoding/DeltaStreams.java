package io.pqflux.internal.codec.encoding;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.function.IntUnaryOperator;

/**
 * A test-side DELTA_BINARY_PACKED writer that can produce what parquet-java never writes: any block
 * geometry, miniblock bit widths wider than needed (up to 64), random padding bits and random bit widths
 * for unused miniblocks, which the spec requires readers to accept.
 */
final class DeltaStreams {

    private DeltaStreams() {}

    /**
     * @param valueBits 32 (values are taken modulo 2^32) or 64
     * @param widen     maps a miniblock's minimal bit width to the one written (at least as wide, at most valueBits)
     * @param noise     random padding bits and unused-miniblock widths, or null for zeros
     */
    static byte[] encode(long[] values, int blockSize, int miniblocks, int valueBits, IntUnaryOperator widen, Random noise) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        unsigned(out, blockSize);
        unsigned(out, miniblocks);
        unsigned(out, values.length);
        zigzag(out, values.length == 0 ? 0 : narrow(values[0], valueBits));
        int perMiniblock = blockSize / miniblocks;
        for (int blockStart = 1; blockStart < values.length; blockStart += blockSize) {
            int n = Math.min(blockSize, values.length - blockStart);
            long[] deltas = new long[n];
            long min = Long.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                deltas[i] = narrow(values[blockStart + i] - values[blockStart + i - 1], valueBits);
                min = Math.min(min, deltas[i]);
            }
            zigzag(out, min);
            int used = Math.ceilDiv(n, perMiniblock);
            int[] widths = new int[miniblocks];
            for (int m = 0; m < miniblocks; m++) {
                if (m >= used) {
                    widths[m] = noise == null ? 0 : noise.nextInt(256);
                    continue;
                }
                long or = 0;
                for (int i = m * perMiniblock; i < Math.min(n, (m + 1) * perMiniblock); i++) or |= relative(deltas[i], min, valueBits);
                widths[m] = widen.applyAsInt(64 - Long.numberOfLeadingZeros(or));
            }
            for (int width : widths) out.write(width);
            for (int m = 0; m < used; m++) {
                long[] packed = new long[perMiniblock];
                for (int j = 0; j < perMiniblock; j++) {
                    int i = m * perMiniblock + j;
                    if (i < n) packed[j] = relative(deltas[i], min, valueBits);
                    else if (noise != null) packed[j] = noise.nextLong();
                }
                out.writeBytes(packLsbFirst(packed, widths[m]));
            }
        }
        return out.toByteArray();
    }

    /** The value as the stream's type sees it, sign-extended back to a long. */
    private static long narrow(long value, int valueBits) {
        return valueBits == 32 ? (int) value : value;
    }

    /** delta - min in the stream's modular arithmetic, as an unsigned number of valueBits bits. */
    private static long relative(long delta, long min, int valueBits) {
        long r = delta - min;
        return valueBits == 32 ? r & 0xFFFF_FFFFL : r;
    }

    /** Packs the low {@code width} bits of each value, least significant bit first. */
    static byte[] packLsbFirst(long[] values, int width) {
        byte[] bytes = new byte[(int) Math.ceilDiv((long) values.length * width, 8)];
        long bit = 0;
        for (long value : values) {
            for (int b = 0; b < width; b++, bit++) {
                if ((value >>> b & 1) != 0) bytes[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
            }
        }
        return bytes;
    }

    static void unsigned(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    static void zigzag(ByteArrayOutputStream out, long value) {
        unsigned(out, (value << 1) ^ (value >> 63));
    }
}
