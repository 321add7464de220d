package io.pqflux.internal.codec.encoding;

import io.pqflux.internal.codec.simd.LevelKernels;
import io.pqflux.error.CorruptFileException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Materialises dictionary-encoded values: looks each id up in a decoded dictionary page. Ids come from
 * the file, so every one is range-checked before it indexes anything: all ids of a call at once, with the
 * caller's kernels, so the gather loops need no check per value.
 */
public final class DictionaryGather {

    private DictionaryGather() {}

    /** Copies the {@code width}-byte dictionary entry of each of {@code count} native-order int ids to {@code dst}. */
    public static void gatherFixed(LevelKernels kernels, MemorySegment dictionary, int width, int dictionarySize,
            MemorySegment ids, long idsByteOffset, int count, MemorySegment dst, long dstOffset) {
        checkIds(kernels, ids, idsByteOffset, count, dictionarySize);
        // The common widths get a single load and store instead of a bulk copy call per value.
        switch (width) {
            case 4 -> {
                for (int i = 0; i < count; i++) {
                    dst.set(ValueLayout.JAVA_INT_UNALIGNED, dstOffset + 4L * i,
                            dictionary.get(ValueLayout.JAVA_INT_UNALIGNED, 4L * id(ids, idsByteOffset, i)));
                }
            }
            case 8 -> {
                for (int i = 0; i < count; i++) {
                    dst.set(ValueLayout.JAVA_LONG_UNALIGNED, dstOffset + 8L * i,
                            dictionary.get(ValueLayout.JAVA_LONG_UNALIGNED, 8L * id(ids, idsByteOffset, i)));
                }
            }
            default -> {
                for (int i = 0; i < count; i++) {
                    MemorySegment.copy(dictionary, (long) width * id(ids, idsByteOffset, i), dst, dstOffset + (long) width * i, width);
                }
            }
        }
    }

    /**
     * Total bytes of the byte-array values the ids select, so the caller can size {@code data} for
     * {@link #gatherByteArrays}. {@code dictOffsets} holds {@code dictionarySize + 1} native-order longs.
     */
    public static long gatheredByteArraySize(LevelKernels kernels, MemorySegment dictOffsets, int dictionarySize,
            MemorySegment ids, long idsByteOffset, int count) {
        checkIds(kernels, ids, idsByteOffset, count, dictionarySize);
        long total = 0;
        for (int i = 0; i < count; i++) {
            int id = id(ids, idsByteOffset, i);
            total += dictOffsets.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, id + 1L) - dictOffsets.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, id);
        }
        return total;
    }

    /**
     * Copies the byte-array entry of each id into {@code data} from {@code dataStart} on and writes end
     * offsets to {@code offsets[firstIndex+1 .. firstIndex+count]}, the layout {@link PlainDecoder#decodeByteArrays}
     * produces; {@code offsets[firstIndex]} must already hold {@code dataStart}. Bytes of {@code data} past the
     * last value, up to 16 of them where {@code data} has room, may be overwritten.
     */
    public static void gatherByteArrays(LevelKernels kernels, MemorySegment dictOffsets, MemorySegment dictData,
            int dictionarySize, MemorySegment ids, long idsByteOffset, int count, MemorySegment offsets, long firstIndex,
            MemorySegment data, long dataStart) {
        checkIds(kernels, ids, idsByteOffset, count, dictionarySize);
        long end = dataStart;
        long dictLimit = dictData.byteSize() - 16;
        long dataLimit = data.byteSize() - 16;
        for (int i = 0; i < count; i++) {
            int id = id(ids, idsByteOffset, i);
            long start = dictOffsets.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, id);
            long length = dictOffsets.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, id + 1L) - start;
            if (length <= 16 && start <= dictLimit && end <= dataLimit) {
                // Dictionary strings are mostly short: two word copies beat a bulk copy call, which moves
                // short lengths byte by byte.
                data.set(ValueLayout.JAVA_LONG_UNALIGNED, end, dictData.get(ValueLayout.JAVA_LONG_UNALIGNED, start));
                data.set(ValueLayout.JAVA_LONG_UNALIGNED, end + 8, dictData.get(ValueLayout.JAVA_LONG_UNALIGNED, start + 8));
            } else {
                MemorySegment.copy(dictData, start, data, end, length);
            }
            end += length;
            offsets.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, firstIndex + i + 1, end);
        }
    }

    /** Range-checks ids without gathering, for callers that keep values in dictionary-id form. */
    public static void checkIds(LevelKernels kernels, MemorySegment ids, long idsByteOffset, int count,
            int dictionarySize) {
        int bad = kernels.firstOutOfRange(ids, idsByteOffset, count, dictionarySize);
        if (bad >= 0) {
            throw new CorruptFileException("dictionary id " + id(ids, idsByteOffset, bad) + " out of range [0, "
                    + dictionarySize + ")");
        }
    }

    private static int id(MemorySegment ids, long idsByteOffset, int i) {
        return ids.get(ValueLayout.JAVA_INT_UNALIGNED, idsByteOffset + 4L * i);
    }
}
