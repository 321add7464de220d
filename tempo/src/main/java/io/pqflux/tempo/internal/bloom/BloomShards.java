package io.pqflux.tempo.internal.bloom;

/**
 * Which {@code bloom-N} file of a block holds a trace ID. Tempo splits one block-wide bloom filter into shards so that
 * a lookup reads one small file; the shard is FNV-1 (not FNV-1a: the multiply comes before the XOR) of the 16-byte
 * ID, taken unsigned modulo the meta's shard count. Using FNV-1a picks the wrong shard for most IDs and so misses
 * traces that are there.
 */
public final class BloomShards {

    private static final int FNV1_32_OFFSET_BASIS = 0x811c9dc5;
    private static final int FNV1_32_PRIME = 0x01000193;

    private BloomShards() {
    }

    /**
     * @param id16       the padded trace ID, as stored in the {@code TraceID} column
     * @param shardCount {@code BlockMeta.bloomShards()}, at least 1
     */
    public static int shardOf(byte[] id16, int shardCount) {
        if (shardCount < 1) throw new IllegalArgumentException("shardCount must be at least 1: " + shardCount);
        return Integer.remainderUnsigned(fnv1(id16), shardCount);
    }

    /** {@code bloom-<shard>}, decimal without padding. */
    public static String fileName(int shard) {
        return "bloom-" + shard;
    }

    /** FNV-1 32-bit of the bytes. */
    static int fnv1(byte[] data) {
        int h = FNV1_32_OFFSET_BASIS;
        for (byte b : data) {
            h *= FNV1_32_PRIME;
            h ^= b & 0xff;
        }
        return h;
    }
}
