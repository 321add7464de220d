package io.pqflux.bench.checksum;

import io.pqflux.internal.codec.encoding.LittleEndian;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * One 64-bit hash of a byte string, computed from a {@link MemorySegment} (pqflux) or a heap array slice
 * (parquet-java's {@code Binary}) with the same result: eight bytes at a time, little-endian, then the tail.
 */
public final class BytesHash {

    private static final long MULTIPLIER = 0xC2B2AE3D27D4EB4FL;
    private static final VarHandle ARRAY_LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private BytesHash() {
    }

    public static long of(MemorySegment bytes) {
        return of(bytes, 0, bytes.byteSize());
    }

    /** The hash of {@code length} bytes of {@code segment} from {@code offset}, without slicing it. */
    public static long of(MemorySegment segment, long offset, long length) {
        long h = length * MULTIPLIER;
        long i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) h = step(h, segment.get(LittleEndian.LONG, offset + i));
        long tail = 0;
        if (i < length && offset + i + Long.BYTES <= segment.byteSize()) {
            // the segment has room past the value: one word read, the bytes beyond the value masked off
            tail = segment.get(LittleEndian.LONG, offset + i) & (-1L >>> (8 * (Long.BYTES - (length - i))));
        } else {
            for (int shift = 0; i < length; i++, shift += 8) tail |= (segment.get(ValueLayout.JAVA_BYTE, offset + i) & 0xFFL) << shift;
        }
        return finish(h, tail);
    }

    public static long of(byte[] array, int offset, int length) {
        long h = length * MULTIPLIER;
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) h = step(h, (long) ARRAY_LONG_LE.get(array, offset + i));
        long tail = 0;
        for (int shift = 0; i < length; i++, shift += 8) tail |= (array[offset + i] & 0xFFL) << shift;
        return finish(h, tail);
    }

    private static long step(long h, long word) {
        return Long.rotateLeft(h ^ (word * MULTIPLIER), 27) * 5 + 0x52DCE729;
    }

    private static long finish(long h, long tail) {
        h = step(h, tail);
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        return h ^ (h >>> 33);
    }
}
