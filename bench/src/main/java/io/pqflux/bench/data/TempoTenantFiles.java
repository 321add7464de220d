package io.pqflux.bench.data;

import io.pqflux.tempo.TempoTenant;
import io.pqflux.tempo.generator.TempoBlockWriter;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A generated Grafana Tempo tenant of many small vParquet4 blocks, each written by tempo's test-scope
 * {@link TempoBlockWriter} with Tempo's defaults and its own seed (so its own block ID and traces): the tenant-search
 * suite's data. Cached as a backend root ({@code <root>/generated/<blockID>/…}) under the bench data directory.
 */
public final class TempoTenantFiles {

    public static final int DEFAULT_BLOCKS = 200;
    /** Traces per block: about 0.6 MB of {@code data.parquet} each. */
    public static final int TRACES_PER_BLOCK = 400;
    public static final long SEED = 1_000L;
    /** Bump when the generator's output changes: it is part of the cached directory's name. */
    static final int GENERATOR_VERSION = 1;

    private TempoTenantFiles() {
    }

    /** The backend root holding the tenant {@code generated} with {@code blocks} blocks. */
    public static Path get(int blocks) {
        String name = "tempo-tenant-g" + GENERATOR_VERSION + "-" + blocks + "x" + TRACES_PER_BLOCK + "-s" + SEED;
        return DataDirectory.cachedDirectory(DataDirectory.root(), name, directory -> {
            for (int b = 0; b < blocks; b++) {
                TempoBlockWriter.generate(directory, TempoBlockWriter.Settings.defaults(SEED + b), SEED + b, TRACES_PER_BLOCK);
            }
        });
    }

    /**
     * The tenant of {@link #DEFAULT_BLOCKS} blocks, listing its blocks for every query ({@code listed}) or once per five
     * minutes ({@code polled}: {@link TempoTenant#withBlocklistPoll}, as Tempo's queriers poll their block list).
     */
    public static TempoTenant tenant(String blocklist) {
        TempoTenant listing = TempoTenant.local(get(DEFAULT_BLOCKS), "generated");
        return switch (blocklist) {
            case "listed" -> listing;
            case "polled" -> listing.withBlocklistPoll(Duration.ofMinutes(5));
            default -> throw new IllegalArgumentException("no such blocklist: " + blocklist + " (listed or polled)");
        };
    }
}
