package io.pqflux.internal.codec.encoding;

import io.pqflux.error.CorruptFileException;
import io.pqflux.internal.codec.simd.LevelKernels;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * DELTA_BYTE_ARRAY (incremental encoding): a DELTA_BINARY_PACKED stream of prefix lengths, then the suffixes
 * as DELTA_LENGTH_BYTE_ARRAY; value i is the first {@code prefix[i]} bytes of value i-1 followed by suffix i.
 *
 * <p>Decoding takes two steps so the caller can size its output in between: {@link #open} reads and checks
 * both length streams and tells the decoded size, which may be far more than the page's bytes since
 * prefixes repeat; {@code decode...} then writes the values. The length streams are read again rather
 * than kept, so no buffer grows with the count a page declares.
 *
 * <p>The first value may take its prefix from the value before the page: parquet-mr before 1.8 wrote pages
 * that way (PARQUET-246) and parquet-java reads them so; every other writer starts each page with prefix 0,
 * which reads the same either way.
 */
public final class DeltaByteArrayDecoder {

    private static final String ENCODING = "DELTA_BYTE_ARRAY";

    private final MemorySegment src;
    private final long prefixesAt;
    private final long suffixLengthsAt;
    private final long limit;
    private final int count;
    private final long suffixesAt;
    private final long decodedSize;
    private final long end;
    private final LevelKernels kernels;

    private DeltaByteArrayDecoder(MemorySegment src, long prefixesAt, long suffixLengthsAt, long limit, int count,
            long suffixesAt, long decodedSize, long end, LevelKernels kernels) {
        this.src = src;
        this.prefixesAt = prefixesAt;
        this.suffixLengthsAt = suffixLengthsAt;
        this.limit = limit;
        this.count = count;
        this.suffixesAt = suffixesAt;
        this.decodedSize = decodedSize;
        this.end = end;
        this.kernels = kernels;
    }

    /**
     * Reads and checks the length streams of {@code count} values starting at {@code offset}.
     *
     * @param previousLength length of the value before the first one (0 when there is none), the longest
     *                       prefix the first value may take
     * @param fixedWidth     the width every value must have (FIXED_LEN_BYTE_ARRAY), or -1 for BYTE_ARRAY
     */
    public static DeltaByteArrayDecoder open(MemorySegment src, long offset, long limit, int count, long previousLength,
            int fixedWidth, LevelKernels kernels) {
        InputBounds.checkRange(src.byteSize(), offset, limit);
        long suffixLengthsAt = LengthStream.open(ENCODING, "prefix length", src, offset, limit, count, kernels).skipRest();
        LengthStream prefixes = LengthStream.open(ENCODING, "prefix length", src, offset, limit, count, kernels);
        LengthStream suffixes = LengthStream.open(ENCODING, "suffix length", src, suffixLengthsAt, limit, count, kernels);
        long previous = previousLength;
        long total = 0;
        long suffixBytes = 0;
        for (int i = 0; i < count; i++) {
            long prefix = prefixes.next();
            long suffix = suffixes.next();
            if (prefix > previous) {
                throw new CorruptFileException(ENCODING + ": value " + i + " takes a prefix of " + prefix
                        + " bytes from a previous value of " + previous + " bytes");
            }
            long length = prefix + suffix;
            if (fixedWidth >= 0 && length != fixedWidth) {
                throw new CorruptFileException(ENCODING + ": value " + i + " has " + length
                        + " bytes but the column's fixed length is " + fixedWidth);
            }
            total += length;
            suffixBytes += suffix;
            previous = length;
        }
        long suffixesAt = suffixes.end();
        if (suffixBytes > limit - suffixesAt) {
            throw new CorruptFileException(ENCODING + ": lengths add up to " + suffixBytes + " bytes but only "
                    + (limit - suffixesAt) + " follow them at offset " + suffixesAt);
        }
        return new DeltaByteArrayDecoder(src, offset, suffixLengthsAt, limit, count, suffixesAt, total, suffixesAt + suffixBytes,
                kernels);
    }

    /** Bytes the values take once decoded. */
    public long decodedSize() {
        return decodedSize;
    }

    /** The offset just past the encoded values. */
    public long end() {
        return end;
    }

    /**
     * Writes the values into {@code data} from {@code dataStart} on and their end offsets into the native-order
     * longs {@code offsets[firstIndex+1 ..]}, the layout of {@link PlainDecoder#decodeByteArrays};
     * {@code offsets[firstIndex]} must hold {@code dataStart}, and when {@code open} was given a previous length,
     * {@code offsets[firstIndex-1]} the start of that previous value. {@code data} needs {@link #decodedSize()}
     * bytes of room.
     */
    public void decodeByteArrays(MemorySegment offsets, long firstIndex, MemorySegment data, long dataStart) {
        LengthStream prefixes = prefixes();
        LengthStream suffixes = suffixLengths();
        long previousStart = firstIndex > 0 ? offsets.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, firstIndex - 1) : dataStart;
        long start = dataStart;
        long suffixAt = suffixesAt;
        for (int i = 0; i < count; i++) {
            int prefix = prefixes.next();
            int suffix = suffixes.next();
            MemorySegment.copy(data, previousStart, data, start, prefix);
            MemorySegment.copy(src, suffixAt, data, start + prefix, suffix);
            suffixAt += suffix;
            previousStart = start;
            start += prefix + suffix;
            offsets.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, firstIndex + i + 1, start);
        }
    }

    /**
     * Writes the values of a FIXED_LEN_BYTE_ARRAY column, {@code width} bytes each, back to back from
     * {@code dstOffset} on; when {@code open} was given a previous length, that value sits just before.
     */
    public void decodeFixed(int width, MemorySegment dst, long dstOffset) {
        LengthStream prefixes = prefixes();
        LengthStream suffixes = suffixLengths();
        long suffixAt = suffixesAt;
        for (int i = 0; i < count; i++) {
            long at = dstOffset + (long) i * width;
            int prefix = prefixes.next();
            int suffix = suffixes.next();
            if (prefix > 0) MemorySegment.copy(dst, at - width, dst, at, prefix);
            MemorySegment.copy(src, suffixAt, dst, at + prefix, suffix);
            suffixAt += suffix;
        }
    }

    // open() checked both streams; reading them again yields the same lengths
    private LengthStream prefixes() {
        return LengthStream.open(ENCODING, "prefix length", src, prefixesAt, limit, count, kernels);
    }

    private LengthStream suffixLengths() {
        return LengthStream.open(ENCODING, "suffix length", src, suffixLengthsAt, limit, count, kernels);
    }
}
