package io.pqflux.internal.codec.encoding;

import io.pqflux.error.CorruptFileException;
import io.pqflux.internal.codec.compress.GrowableOutput;
import io.pqflux.internal.codec.simd.LevelKernels;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * DELTA_BYTE_ARRAY (incremental encoding): a DELTA_BINARY_PACKED stream of prefix lengths, then the suffixes
 * as DELTA_LENGTH_BYTE_ARRAY; value i is the first {@code prefix[i]} bytes of value i-1 followed by suffix i.
 *
 * <p>{@link #open} reads the streams' headers and walks their miniblocks (no value decoded) to find where the
 * suffixes start. Reads and skips then decode each batch's lengths once and check them before any of the batch's
 * bytes are written: a prefix longer than the value before, a value of the wrong fixed width or longer than a byte
 * array holds, suffixes running past the page. A hostile page thus fails at the first batch holding a bad length,
 * in calls that can split the values anywhere. (Checking every length in {@code open} and decoding them again to
 * read took two passes over both streams: two thirds of the decoder's samples on span names.) Every value builds
 * on the one before, so a skip still rebuilds the last value it passes, in a scratch copy of the last one
 * rather than in the output. No buffer grows with the count a page declares.
 *
 * <p>The first value may take its prefix from the value before the page: parquet-mr before 1.8 wrote pages
 * that way (PARQUET-246) and parquet-java reads them so; every other writer starts each page with prefix 0,
 * which reads the same either way. Not thread-safe.
 */
public final class DeltaByteArrayDecoder {

    private static final String ENCODING = "DELTA_BYTE_ARRAY";
    /** Lengths gathered before their values are written, so the output is asked for room once per batch. */
    private static final int BATCH = 256;
    /**
     * A batch whose values take at most this many bytes and share prefixes is built in heap arrays and copied out
     * at once: {@code System.arraycopy} moves a short prefix or suffix at a fraction of a segment copy's cost (two
     * segment copies per value were most of the decoding time of span names). Longer batches are written in place.
     */
    private static final int STAGED_BATCH_BYTES = 1 << 14;
    /** The longest value a byte array can hold (the JDK's array size limit), far above any a writer emits. */
    private static final long MAX_VALUE_LENGTH = Integer.MAX_VALUE - 8;

    private final MemorySegment src;
    private final long limit;
    private final int count;
    private final int fixedWidth;
    private final LengthStream prefixes;
    private final LengthStream suffixes;
    private long suffixAt;
    /** Where the suffixes of the values whose lengths were checked end; within the page. */
    private long checkedSuffixesEnd;
    /** The length of the last value whose lengths were checked, or of the value before the page. */
    private long checkedLength;
    private int consumed;
    /** The value the next one takes its prefix from: the last one read or skipped, or the one before the page. */
    private byte[] last;
    private int lastLength;
    private int[] batchPrefixes;
    private int[] batchSuffixes;
    /** A staged batch's suffixes as the page holds them, and its values as built; grown as staged batches need. */
    private byte[] stagedSuffixes;
    private byte[] stagedValues;

    private DeltaByteArrayDecoder(MemorySegment src, long limit, int count, int fixedWidth, LengthStream prefixes,
            LengthStream suffixes, long suffixesAt, MemorySegment previousValue) {
        this.src = src;
        this.limit = limit;
        this.count = count;
        this.fixedWidth = fixedWidth;
        this.prefixes = prefixes;
        this.suffixes = suffixes;
        this.suffixAt = suffixesAt;
        this.checkedSuffixesEnd = suffixesAt;
        this.last = previousValue.toArray(ValueLayout.JAVA_BYTE);
        this.lastLength = last.length;
        this.checkedLength = lastLength;
    }

    /**
     * Opens the length streams of {@code count} values starting at {@code offset}, checking their headers; the lengths
     * themselves are checked as they are read.
     *
     * @param previousValue the value before the first one (empty when there is none), whose bytes the first value
     *                      may take as its prefix; copied
     * @param fixedWidth    the width every value must have (FIXED_LEN_BYTE_ARRAY), or -1 for BYTE_ARRAY
     */
    public static DeltaByteArrayDecoder open(MemorySegment src, long offset, long limit, int count,
            MemorySegment previousValue, int fixedWidth, LevelKernels kernels) {
        InputBounds.checkRange(src.byteSize(), offset, limit);
        LengthStream prefixes = LengthStream.open(ENCODING, "prefix length", src, offset, limit, count, kernels);
        long suffixLengthsAt = LengthStream.open(ENCODING, "prefix length", src, offset, limit, count, kernels).skipRest();
        LengthStream suffixes = LengthStream.open(ENCODING, "suffix length", src, suffixLengthsAt, limit, count, kernels);
        long suffixesAt = LengthStream.open(ENCODING, "suffix length", src, suffixLengthsAt, limit, count, kernels)
                .skipRest();
        return new DeltaByteArrayDecoder(src, limit, count, fixedWidth, prefixes, suffixes, suffixesAt, previousValue);
    }

    /** The value the next one would build on; valid until the next call. */
    public MemorySegment lastValue() {
        return MemorySegment.ofArray(last).asSlice(0, lastLength);
    }

    /**
     * Writes the next {@code n} values into {@code data} from {@code dataStart} on and their end offsets into the
     * native-order longs {@code offsets[firstIndex+1 ..]}, the layout of {@link PlainDecoder#decodeByteArrays};
     * {@code offsets[firstIndex]} must hold {@code dataStart}. Room in {@code data} is asked for per batch of
     * values, once their lengths are known.
     */
    public void read(int n, MemorySegment offsets, long firstIndex, GrowableOutput data, long dataStart) {
        requireRemaining(n);
        MemorySegment before = lastValue();
        MemorySegment out = null;
        long start = dataStart;
        // the previous value lies in the output once this call has written one; before that it is in `last`
        long previousStart = -1;
        for (int done = 0; done < n; ) {
            int batch = Math.min(BATCH, n - done);
            long suffixBytes = nextLengths(batch, consumed + done);
            long bytes = 0;
            for (int j = 0; j < batch; j++) bytes += batchPrefixes[j];
            boolean prefixed = bytes > 0;
            bytes += suffixBytes;
            out = data.ensureCapacity(start + bytes, start);
            if (prefixed && bytes <= STAGED_BATCH_BYTES) {
                previousStart = stageBatch(batch, offsets, firstIndex + done + 1, out, start, (int) bytes, (int) suffixBytes,
                        previousStart < 0 ? before : out, previousStart < 0 ? 0 : previousStart);
                start += bytes;
                done += batch;
                continue;
            }
            for (int j = 0; j < batch; ) {
                if (batchPrefixes[j] == 0) {
                    // values sharing no prefix with the one before (IDs, hashes) are their suffixes, which lie back
                    // to back in the page as the values do in the output: one copy for the run
                    long run = 0;
                    for (; j < batch && batchPrefixes[j] == 0; j++) {
                        previousStart = start + run;
                        run += batchSuffixes[j];
                        offsets.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, firstIndex + done + j + 1, start + run);
                    }
                    MemorySegment.copy(src, suffixAt, out, start, run);
                    suffixAt += run;
                    start += run;
                    continue;
                }
                int prefix = batchPrefixes[j];
                int suffix = batchSuffixes[j];
                if (previousStart < 0) MemorySegment.copy(before, 0, out, start, prefix);
                else MemorySegment.copy(out, previousStart, out, start, prefix);
                MemorySegment.copy(src, suffixAt, out, start + prefix, suffix);
                suffixAt += suffix;
                previousStart = start;
                start += prefix + suffix;
                offsets.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, firstIndex + done + j + 1, start);
                j++;
            }
            done += batch;
        }
        if (n > 0) remember(out, previousStart, start - previousStart);
        consumed += n;
    }

    /**
     * Writes the next {@code n} values of a FIXED_LEN_BYTE_ARRAY column, {@code fixedWidth} bytes each, back to
     * back from {@code dstOffset} on.
     */
    public void readFixed(int n, MemorySegment dst, long dstOffset) {
        requireRemaining(n);
        if (fixedWidth < 0) throw new IllegalStateException("readFixed on a BYTE_ARRAY stream");
        MemorySegment before = lastValue();
        // a run of values sharing no prefix with the one before is copied at once, as in read()
        long runAt = dstOffset;
        long run = 0;
        for (int done = 0; done < n; ) {
            int batch = Math.min(BATCH, n - done);
            nextLengths(batch, consumed + done);
            for (int j = 0; j < batch; j++) {
                int i = done + j;
                long at = dstOffset + (long) i * fixedWidth;
                int prefix = batchPrefixes[j];
                int suffix = batchSuffixes[j];
                if (prefix == 0) {
                    if (run == 0) runAt = at;
                    run += suffix;
                    continue;
                }
                MemorySegment.copy(src, suffixAt, dst, runAt, run);
                suffixAt += run;
                run = 0;
                if (i == 0) MemorySegment.copy(before, 0, dst, at, prefix);
                else MemorySegment.copy(dst, at - fixedWidth, dst, at, prefix);
                MemorySegment.copy(src, suffixAt, dst, at + prefix, suffix);
                suffixAt += suffix;
            }
            done += batch;
        }
        MemorySegment.copy(src, suffixAt, dst, runAt, run);
        suffixAt += run;
        if (n > 0) remember(dst, dstOffset + (long) (n - 1) * fixedWidth, fixedWidth);
        consumed += n;
    }

    /**
     * Moves past the next {@code n} values, batch by batch. Only a batch's last value is rebuilt (the next value
     * builds on it alone), from its end back: each byte of it comes from the latest suffix that covers it, so a
     * suffix is copied only for the bytes no later value took from its own, and the bytes no value of the batch
     * replaced stay where the last value before the batch left them. Values sharing no prefix (IDs, hashes) cost one
     * copy per batch instead of one per value.
     */
    public void skip(int n) {
        requireRemaining(n);
        for (int done = 0; done < n; ) {
            int batch = Math.min(BATCH, n - done);
            long batchSuffixBytes = nextLengths(batch, consumed + done);
            int length = batchPrefixes[batch - 1] + batchSuffixes[batch - 1];
            if (length > last.length) last = Arrays.copyOf(last, Math.max(length, 2 * last.length));
            // bytes [0, needed) of the last value are still to be found, in the values before the one at j
            long needed = length;
            long suffixEnd = suffixAt + batchSuffixBytes;
            for (int j = batch - 1; j >= 0 && needed > 0; j--) {
                int prefix = batchPrefixes[j];
                long suffixStart = suffixEnd - batchSuffixes[j];
                long covered = Math.min(prefix + (long) batchSuffixes[j], needed) - prefix;
                if (covered > 0) MemorySegment.copy(src, ValueLayout.JAVA_BYTE, suffixStart, last, prefix, (int) covered);
                needed = Math.min(needed, prefix);
                suffixEnd = suffixStart;
            }
            suffixAt += batchSuffixBytes;
            lastLength = length;
            done += batch;
        }
        consumed += n;
    }

    /** A staging array's length for {@code needed} bytes: a power of two, at least 256, at most the staged batch bound. */
    private static int stagedLength(int needed) {
        return Math.min(STAGED_BATCH_BYTES, Math.max(256, Integer.highestOneBit(Math.max(1, needed - 1)) << 1));
    }

    /**
     * Builds the batch whose lengths are gathered in {@link #batchPrefixes} and {@link #batchSuffixes} in
     * {@link #stagedValues}, its suffixes taken from the page at once, copies it to {@code out} at {@code start} and
     * writes its end offsets from {@code offsets[firstOffset]} on; the value before the batch is at {@code previousAt}
     * in {@code previous}. Returns where the batch's last value starts in {@code out}.
     */
    private long stageBatch(int batch, MemorySegment offsets, long firstOffset, MemorySegment out, long start,
            int bytes, int suffixBytes, MemorySegment previous, long previousAt) {
        // as large as the batches so far need: made at the bound (16 KB each) whatever the page held, they were a fifth
        // of a tenant search's heap allocation, its blocks' pages being small
        if (stagedValues == null || stagedValues.length < bytes) stagedValues = new byte[stagedLength(bytes)];
        if (stagedSuffixes == null || stagedSuffixes.length < suffixBytes) stagedSuffixes = new byte[stagedLength(suffixBytes)];
        MemorySegment.copy(src, ValueLayout.JAVA_BYTE, suffixAt, stagedSuffixes, 0, suffixBytes);
        int at = 0;
        int suffixFrom = 0;
        int lastAt = -1;
        for (int j = 0; j < batch; j++) {
            int prefix = batchPrefixes[j];
            int suffix = batchSuffixes[j];
            if (lastAt >= 0) System.arraycopy(stagedValues, lastAt, stagedValues, at, prefix);
            else MemorySegment.copy(previous, ValueLayout.JAVA_BYTE, previousAt, stagedValues, at, prefix);
            System.arraycopy(stagedSuffixes, suffixFrom, stagedValues, at + prefix, suffix);
            suffixFrom += suffix;
            lastAt = at;
            at += prefix + suffix;
            offsets.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, firstOffset + j, start + at);
        }
        MemorySegment.copy(stagedValues, 0, out, ValueLayout.JAVA_BYTE, start, at);
        suffixAt += suffixBytes;
        return start + lastAt;
    }

    /**
     * Reads the lengths of the next {@code batch} values, value {@code first} of the page the first of them, into
     * {@link #batchPrefixes} and {@link #batchSuffixes}, checking each against the value before it and their
     * suffixes against the page's end; returns the batch's suffix bytes.
     */
    private long nextLengths(int batch, int first) {
        if (batchPrefixes == null) {
            batchPrefixes = new int[BATCH];
            batchSuffixes = new int[BATCH];
        }
        long suffixBytes = 0;
        long previous = checkedLength;
        for (int j = 0; j < batch; j++) {
            int prefix = prefixes.next();
            int suffix = suffixes.next();
            if (prefix > previous) {
                throw new CorruptFileException(ENCODING + ": value " + (first + j) + " takes a prefix of " + prefix
                        + " bytes from a previous value of " + previous + " bytes");
            }
            long length = (long) prefix + suffix;
            if (fixedWidth >= 0 && length != fixedWidth) {
                throw new CorruptFileException(ENCODING + ": value " + (first + j) + " has " + length
                        + " bytes but the column's fixed length is " + fixedWidth);
            }
            if (length > MAX_VALUE_LENGTH) {
                throw new CorruptFileException(ENCODING + ": value " + (first + j) + " has " + length
                        + " bytes, more than a byte array holds");
            }
            batchPrefixes[j] = prefix;
            batchSuffixes[j] = suffix;
            suffixBytes += suffix;
            previous = length;
        }
        if (suffixBytes > limit - checkedSuffixesEnd) {
            throw new CorruptFileException(ENCODING + ": the suffixes of values " + first + " to " + (first + batch - 1)
                    + " add up to " + suffixBytes + " bytes but only " + (limit - checkedSuffixesEnd)
                    + " follow at offset " + checkedSuffixesEnd);
        }
        checkedSuffixesEnd += suffixBytes;
        checkedLength = previous;
        return suffixBytes;
    }

    private void remember(MemorySegment segment, long at, long length) {
        if (length > last.length) last = new byte[(int) length];
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, at, last, 0, (int) length);
        lastLength = (int) length;
    }

    private void requireRemaining(int n) {
        InputBounds.requireCount(ENCODING, n);
        if (n > count - consumed) {
            throw new IllegalArgumentException(n + " values asked for but " + (count - consumed) + " remain");
        }
    }
}
