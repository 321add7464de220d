package io.pqflux.tempo;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pqflux.tempo.internal.bloom.TraceIdBloomFilter;
import io.pqflux.testkit.fuzz.FuzzInvariants;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Timeout;

/**
 * The metadata a Tempo block store hands the reader before any Parquet: a block's {@code meta.json}, a tenant's
 * {@code index.json.gz} and a block's bloom shards, each of arbitrary bytes. Only {@link TempoException}s may escape —
 * the index is read from memory, so an {@link UncheckedIOException} (the store failing) would be a parse error
 * misreported. Seeds: the bundled block's {@code meta.json} and {@code bloom-0}, a tenant index holding that meta.
 */
class TempoMetadataFuzzTest {

    /** A meta is a few dozen small objects; an index a meta per entry; a shard its bitset once. */
    private static final FuzzInvariants INVARIANTS = FuzzInvariants.allowing(1024, TempoException.class);

    @FuzzTest
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void metaJson(byte[] json) {
        INVARIANTS.check(json.length, () -> {
            BlockMeta meta = BlockMeta.parse(json, "fuzzed/meta.json");
            meta.tempoFormat();
        });
    }

    /** Byte 0's low bit: set, the rest is the file as stored (gzip); clear, the rest is the JSON, gzipped here. */
    @FuzzTest
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void tenantIndex(byte[] input) {
        if (input.length < 1) return;
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        byte[] stored = (input[0] & 1) != 0 ? rest : gzip(rest);
        INVARIANTS.check(input.length, () -> TenantIndex.parseGzip(new ByteArrayInputStream(stored), "fuzzed/index.json.gz"));
    }

    @FuzzTest
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void bloomShard(byte[] shard) {
        INVARIANTS.check(shard.length, () -> {
            TraceIdBloomFilter filter = TraceIdBloomFilter.parse(shard, "fuzzed/bloom-0");
            for (int i = 0; i < 16; i++) {
                byte[] id = new byte[16];
                id[15] = (byte) i;
                filter.mightContain(id);
            }
        });
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
