package io.pqflux.bench.data;

import io.pqflux.tempo.generator.TempoBlockWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A generated Grafana Tempo block, released-layout vParquet4, written by tempo's test-scope {@link TempoBlockWriter}
 * with Tempo's defaults ({@code Settings.defaults}: 100 MB row groups, 256 KiB pages, per-column codecs and
 * dictionaries, bloom shards, {@code meta.json}): about 100 MB of {@code data.parquet}. Cached as a backend root
 * ({@code <root>/generated/<blockID>/}) under the bench data directory.
 */
public final class TempoBlockFile {

    /**
     * The size asked of {@code TempoBlockWriter.generateAbout}: its estimate of 1,800 bytes per trace is ~20 % high
     * for Tempo's page size (this target gave 83.8 MB for 100 MB), so 120 MB asks for the 66,666 traces of ~100 MB.
     */
    public static final long DEFAULT_BYTES = 120_000_000L;
    public static final long SEED = 11L;
    /** Bump when the generator's output changes: it is part of the cached directory's name. */
    static final int GENERATOR_VERSION = 1;

    private TempoBlockFile() {
    }

    /** The block directory (holding {@code meta.json}, {@code data.parquet}, {@code bloom-N}). */
    public static Path get(long targetBytes) {
        String name = "tempo-block-vp4-g" + GENERATOR_VERSION + "-" + targetBytes / 1_000_000 + "mb-s" + SEED;
        Path root = DataDirectory.cachedDirectory(DataDirectory.root(), name, directory ->
                TempoBlockWriter.generateAbout(directory, TempoBlockWriter.Settings.defaults(SEED), SEED, targetBytes));
        return blockDirectory(root);
    }

    /** The one block below a cached root. */
    private static Path blockDirectory(Path root) {
        try (Stream<Path> blocks = Files.list(root.resolve(TempoBlockWriter.Settings.defaults(SEED).tenant()))) {
            List<Path> found = blocks.filter(Files::isDirectory).toList();
            if (found.size() != 1) throw new IllegalStateException(root + " should hold one block, holds " + found);
            return found.getFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + root, e);
        }
    }
}
