package io.pqflux.tempo.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqflux.tempo.internal.bloom.BloomShards;
import io.pqflux.tempo.internal.bloom.TraceIdBloomFilter;
import io.pqflux.testdata.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The setting side of the trace-ID bloom against the Go library's own output (docs/tempo-format.md §10.5) and the
 * production reader.
 */
class BloomShardWriterTest {

    /** §10.5: p = 0.01, 20-byte shards, 50 estimated objects, IDs 00…01 to 00…0a give these three files byte for byte. */
    @Test
    void writesTheGoLibrarysBytes(@TempDir Path directory) throws IOException {
        BloomShardWriter writer = new BloomShardWriter(50, 0.01, 20);
        assertEquals(3, writer.shardCount());
        assertEquals(7, writer.hashes());
        for (int j = 1; j <= 10; j++) writer.add(id(j));
        writer.writeTo(directory);
        Path vectors = Corpus.root().resolve("tempo-bloom-vectors");
        for (int shard = 0; shard < 3; shard++) {
            assertArrayEquals(Files.readAllBytes(vectors.resolve("bloom-" + shard)),
                    Files.readAllBytes(directory.resolve("bloom-" + shard)), "bloom-" + shard);
        }
    }

    /** Tempo's default sizing over many IDs: the production reader finds each in the shard the production code picks. */
    @Test
    void productionReaderFindsEveryAddedId(@TempDir Path directory) throws IOException {
        BloomShardWriter writer = new BloomShardWriter(20_000, 0.01, 1 << 10);
        byte[][] ids = new byte[20_000][];
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (int i = 0; i < ids.length; i++) {
            ids[i] = new byte[16];
            random.nextBytes(ids[i]);
            writer.add(ids[i]);
        }
        writer.writeTo(directory);
        assertTrue(writer.shardCount() > 10, "shards: " + writer.shardCount());
        TraceIdBloomFilter[] shards = new TraceIdBloomFilter[writer.shardCount()];
        for (int s = 0; s < shards.length; s++) {
            Path file = directory.resolve(BloomShards.fileName(s));
            shards[s] = TraceIdBloomFilter.parse(Files.readAllBytes(file), file.toString());
        }
        for (byte[] id : ids) assertTrue(shards[BloomShards.shardOf(id, shards.length)].mightContain(id));
        int falsePositives = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] absent = new byte[16];
            random.nextBytes(absent);
            if (shards[BloomShards.shardOf(absent, shards.length)].mightContain(absent)) falsePositives++;
        }
        assertTrue(falsePositives < 400, falsePositives + " false positives of 20,000 at p = 0.01");
    }

    private static byte[] id(int last) {
        byte[] id = new byte[16];
        id[15] = (byte) last;
        return id;
    }
}
