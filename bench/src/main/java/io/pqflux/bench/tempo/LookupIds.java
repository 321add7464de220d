package io.pqflux.bench.tempo;

import io.pqflux.bench.data.DataDirectory;
import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.DedicatedColumn;
import io.pqflux.tempo.golden.ParquetJavaGolden;
import io.pqflux.tempo.internal.bloom.BloomShards;
import io.pqflux.tempo.internal.bloom.TraceIdBloomFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * The trace IDs the lookup suite asks for, with what each lookup must return: for IDs in the block, the
 * {@link TraceChecksum#code} of the trace as parquet-java's oracle reads it (computed once and cached next to the
 * block), for absent ones nothing.
 */
public final class LookupIds {

    /** One ID to look up; {@code expectedCode} is empty when the block does not hold it. */
    public record Id(byte[] traceId, OptionalLong expectedCode) {
    }

    private static final int PRESENT = 32;
    private static final int ABSENT = 32;
    private static final int FALSE_POSITIVES = 16;
    private static final long SEED = 20261123L;
    /** Bump when the selection or the code changes: part of the cached file's name. */
    private static final int VERSION = 1;

    private LookupIds() {
    }

    /** {@value #PRESENT} IDs spread evenly over the block's rows, with parquet-java's code of each trace. */
    public static List<Id> present(Path block) {
        Path root = block.getParent().getParent();
        Path cached = DataDirectory.cached(root.getParent(), root.getFileName() + "-lookup-v" + VERSION + ".txt",
                file -> writePresent(block, file));
        List<Id> ids = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(cached, StandardCharsets.UTF_8)) {
                String[] fields = line.split(" ");
                ids.add(new Id(HexFormat.of().parseHex(fields[0]), OptionalLong.of(Long.parseUnsignedLong(fields[1], 16))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + cached, e);
        }
        return ids;
    }

    /** {@value #ABSENT} random 16-byte IDs (the block holds none of them: the lookups check it). */
    public static List<Id> absent(Path block) {
        SplittableRandom random = new SplittableRandom(SEED);
        List<Id> ids = new ArrayList<>();
        for (int i = 0; i < ABSENT; i++) ids.add(new Id(randomId(random), OptionalLong.empty()));
        return ids;
    }

    /** {@value #FALSE_POSITIVES} random IDs the block does not hold but its bloom shards admit. */
    public static List<Id> bloomFalsePositives(Path block) {
        BlockMeta meta = meta(block);
        List<TraceIdBloomFilter> shards = new ArrayList<>();
        for (int shard = 0; shard < meta.bloomShards(); shard++) {
            Path file = block.resolve(BloomShards.fileName(shard));
            shards.add(TraceIdBloomFilter.parse(read(file), file.toString()));
        }
        SplittableRandom random = new SplittableRandom(SEED + 1);
        List<Id> ids = new ArrayList<>();
        while (ids.size() < FALSE_POSITIVES) {
            byte[] id = randomId(random);
            if (shards.get(BloomShards.shardOf(id, meta.bloomShards())).mightContain(id)) ids.add(new Id(id, OptionalLong.empty()));
        }
        return ids;
    }

    private static void writePresent(Path block, Path file) {
        BlockMeta meta = meta(block);
        long rows = meta.totalObjects();
        long[] row = {0};
        int[] taken = {0};
        StringBuilder out = new StringBuilder();
        ParquetJavaGolden.forEach(block.resolve("data.parquet"), meta.dedicatedSlots(DedicatedColumn.Scope.RESOURCE),
                meta.dedicatedSlots(DedicatedColumn.Scope.SPAN), trace -> {
                    if (taken[0] < PRESENT && row[0] == taken[0] * (rows - 1) / (PRESENT - 1)) {
                        out.append(HexFormat.of().formatHex(trace.traceId())).append(' ')
                                .append(Long.toHexString(TraceChecksum.code(trace))).append('\n');
                        taken[0]++;
                    }
                    row[0]++;
                });
        if (taken[0] != PRESENT) throw new IllegalStateException(block + ": took " + taken[0] + " of " + PRESENT + " IDs");
        try {
            Files.writeString(file, out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }

    private static byte[] randomId(SplittableRandom random) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return id;
    }

    private static BlockMeta meta(Path block) {
        Path file = block.resolve("meta.json");
        return BlockMeta.parse(read(file), file.toString());
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }
}
