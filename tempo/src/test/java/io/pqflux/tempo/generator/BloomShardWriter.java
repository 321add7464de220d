package io.pqflux.tempo.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The setting side of Tempo's sharded trace-ID bloom filter (docs/tempo-format.md §10.1–§10.3), written from that page
 * independently of the production reader: sizing from the estimated trace count and false-positive rate, FNV-1 shard
 * selection, bits-and-blooms double hashing over two MurmurHash3 x64 128 hashes, and the big-endian serialization
 * ({@code m}, {@code k}, bitset length, words).
 */
final class BloomShardWriter {

    private static final int MAX_SHARDS = 1000;

    private final long bitsPerShard;
    private final int hashes;
    private final long[][] shards;

    /**
     * @param estimatedTraces {@code n}, the number of traces the block is sized for
     * @param falsePositive   {@code p}, Tempo's {@code bloom_filter_false_positive}
     * @param shardSizeBytes  Tempo's {@code bloom_filter_shard_size_bytes}
     */
    BloomShardWriter(long estimatedTraces, double falsePositive, int shardSizeBytes) {
        double n = Math.max(1, estimatedTraces);
        double ln2 = Math.log(2);
        long m = (long) Math.ceil(-n * Math.log(falsePositive) / (ln2 * ln2));
        this.hashes = (int) Math.ceil(ln2 * m / n);
        this.bitsPerShard = shardSizeBytes * 8L;
        int shardCount = (int) Math.min(MAX_SHARDS, Math.max(1, (m + bitsPerShard - 1) / bitsPerShard));
        this.shards = new long[shardCount][(int) ((bitsPerShard + 63) / 64)];
    }

    int shardCount() {
        return shards.length;
    }

    int hashes() {
        return hashes;
    }

    void add(byte[] id16) {
        long[] words = shards[Integer.remainderUnsigned(fnv1(id16), shards.length)];
        byte[] extended = new byte[id16.length + 1];
        System.arraycopy(id16, 0, extended, 0, id16.length);
        extended[id16.length] = 1;
        long[] a = MurmurHash3.hash128x64(id16, 0, id16.length, 0);
        long[] b = MurmurHash3.hash128x64(extended, 0, extended.length, 0);
        long[] h = {a[0], a[1], b[0], b[1]};
        for (int i = 0; i < hashes; i++) {
            // bits-and-blooms location(h, i): h[i%2] + i*h[2+(((i+(i%2))%4)/2)], then mod m, all uint64
            long location = h[i % 2] + i * h[2 + (((i + (i % 2)) % 4) / 2)];
            long bit = Long.remainderUnsigned(location, bitsPerShard);
            words[(int) (bit >>> 6)] |= 1L << (bit & 63);
        }
    }

    /** Writes {@code bloom-0} … {@code bloom-(shards-1)} into the block directory. */
    void writeTo(Path directory) {
        for (int s = 0; s < shards.length; s++) {
            ByteBuffer file = ByteBuffer.allocate(24 + 8 * shards[s].length); // big-endian
            file.putLong(bitsPerShard).putLong(hashes).putLong(bitsPerShard);
            for (long word : shards[s]) file.putLong(word);
            try {
                Files.write(directory.resolve("bloom-" + s), file.array());
            } catch (IOException e) {
                throw new UncheckedIOException("writing bloom shard " + s + " into " + directory, e);
            }
        }
    }

    /** FNV-1 32 (multiply, then XOR). */
    static int fnv1(byte[] data) {
        int h = 0x811c9dc5;
        for (byte b : data) {
            h *= 0x01000193;
            h ^= b & 0xff;
        }
        return h;
    }
}
