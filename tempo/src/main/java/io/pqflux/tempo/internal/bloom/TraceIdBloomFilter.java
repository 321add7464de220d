package io.pqflux.tempo.internal.bloom;

import io.pqflux.tempo.TempoException;
import java.nio.ByteBuffer;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * One {@code bloom-N} shard of a Tempo block: a filter of the Go library {@code bits-and-blooms/bloom/v3} in its
 * binary serialization (big-endian {@code m}, {@code k}, bitset length in bits, then the bitset's uint64 words). These
 * are not Parquet split-block filters, so neither the layout nor the hashing of reader-core's filter applies.
 * <p>
 * Membership is tested with the library's double hashing: two MurmurHash3 x64 128 hashes give four 64-bit values
 * {@code h1..h4} (the second over the ID followed by one {@code 0x01} byte), and bit {@code i} of {@code k} is
 * {@code (h[i % 2] + i * h[2 + ((i + i % 2) % 4) / 2]) mod m}, all unsigned 64-bit.
 */
public final class TraceIdBloomFilter {

    private static final int HEADER_BYTES = 24;
    /**
     * The writer derives {@code k = ceil(log2(1/p))} from the false-positive rate, so {@code k > 64} would mean
     * {@code p < 2^-64}; a larger value is a corrupt file, not a configuration.
     */
    private static final long MAX_HASHES = 64;
    private static final int ID_LENGTH = 16;

    private final long bits;
    private final int hashes;
    private final long[] words;

    private TraceIdBloomFilter(long bits, int hashes, long[] words) {
        this.bits = bits;
        this.hashes = hashes;
        this.words = words;
    }

    /**
     * Parses a shard file. The declared sizes are checked against the actual byte length before anything is
     * allocated, so a corrupt header cannot ask for a huge bitset.
     *
     * @param source the file, named in errors
     * @throws TempoException {@link TempoException.Reason#BAD_BLOOM} naming what is wrong
     */
    public static TraceIdBloomFilter parse(byte[] bytes, String source) {
        if (bytes.length < HEADER_BYTES) {
            throw bad(source, "truncated: " + bytes.length + " bytes, the header alone has " + HEADER_BYTES);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes); // big-endian, as Go's binary.Write wrote it
        long m = in.getLong();
        long k = in.getLong();
        long lengthBits = in.getLong();
        // signed comparisons: a uint64 above 2^63 reads as negative and is refused as well
        if (m <= 0) throw bad(source, "m = " + Long.toUnsignedString(m) + " bits is not a usable filter size");
        if (k < 1 || k > MAX_HASHES) {
            throw bad(source, "k = " + Long.toUnsignedString(k) + " hash functions is outside 1.." + MAX_HASHES);
        }
        if (lengthBits != m) {
            throw bad(source, "bitset length " + Long.toUnsignedString(lengthBits) + " bits differs from m = " + m);
        }
        long declaredWords = (m >>> 6) + ((m & 63) == 0 ? 0 : 1);
        long payload = bytes.length - HEADER_BYTES;
        if (payload % Long.BYTES != 0 || declaredWords != payload / Long.BYTES) {
            throw bad(source, "m = " + m + " bits needs " + declaredWords + " words (" + HEADER_BYTES
                    + " + 8 * " + declaredWords + " bytes) but the file has " + bytes.length + " bytes");
        }
        long[] words = new long[(int) declaredWords];
        in.asLongBuffer().get(words);
        return new TraceIdBloomFilter(m, (int) k, words);
    }

    /**
     * False means the trace is certainly not in the shard; true means it may be.
     *
     * @param id16 the padded 16-byte trace ID (a shorter key would hash differently from what the writer added)
     * @throws IllegalArgumentException for any other length
     */
    public boolean mightContain(byte[] id16) {
        for (long bit : bitPositions(id16)) {
            if ((words[(int) (bit >>> 6)] & (1L << bit)) == 0) return false;
        }
        return true;
    }

    /** The filter's {@code m}. */
    long bits() {
        return bits;
    }

    /** The filter's {@code k}. */
    int hashes() {
        return hashes;
    }

    /** The shard's size as stored: the 24-byte header and the bitset, for caches bounded in bytes. */
    public long sizeBytes() {
        return 24 + 8L * words.length;
    }

    /** The bitset words as stored (bit {@code i} is bit {@code i & 63}, LSB first, of word {@code i >> 6}). */
    long[] words() {
        return words.clone();
    }

    /** The {@code k} bit positions of an ID, in hash order. */
    long[] bitPositions(byte[] id16) {
        long[] h = hashes(id16);
        long[] positions = new long[hashes];
        for (int i = 0; i < hashes; i++) {
            long location = h[i % 2] + i * h[2 + ((i + i % 2) % 4) / 2];
            positions[i] = Long.remainderUnsigned(location, bits);
        }
        return positions;
    }

    /** {@code h1..h4}: MurmurHash3 x64 128 (seed 0) of the ID, then of the ID followed by {@code 0x01}. */
    static long[] hashes(byte[] id16) {
        if (id16.length != ID_LENGTH) {
            throw new IllegalArgumentException("bloom keys are 16-byte trace IDs, got " + id16.length + " bytes");
        }
        byte[] extended = new byte[ID_LENGTH + 1];
        System.arraycopy(id16, 0, extended, 0, ID_LENGTH);
        extended[ID_LENGTH] = 1;
        long[] first = MurmurHash3.hash128x64(id16, 0, ID_LENGTH, 0);
        long[] second = MurmurHash3.hash128x64(extended, 0, ID_LENGTH + 1, 0);
        return new long[] {first[0], first[1], second[0], second[1]};
    }

    private static TempoException bad(String source, String message) {
        return new TempoException(TempoException.Reason.BAD_BLOOM, source, message);
    }
}
