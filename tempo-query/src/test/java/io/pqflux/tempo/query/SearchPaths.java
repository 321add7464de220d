package io.pqflux.tempo.query;

import io.pqflux.tempo.TempoBlock;
import io.pqflux.tempo.TempoTenant;

/**
 * The two ways a block is searched, for tests in any package: a small block is searched whole on one thread, a large
 * one through the scan pipeline. Every test block is small, so the pipeline's path is chosen here by setting the
 * largest block searched whole to nothing.
 */
public final class SearchPaths {

    private SearchPaths() {
    }

    /** Queries over {@code block}, searched through the scan pipeline whatever its size. */
    public static TempoQuerier pipelined(TempoBlock block) {
        return TempoQuerier.of(block).withWholeSearchBytes(0);
    }

    /** Queries over {@code tenant}'s blocks, searched through the scan pipeline whatever their size. */
    public static TempoQuerier pipelined(TempoTenant tenant) {
        return TempoQuerier.of(tenant).withWholeSearchBytes(0);
    }

    /** Queries over {@code tenant}'s blocks, blocks of up to {@code bytes} searched whole. */
    public static TempoQuerier wholeUpTo(TempoTenant tenant, long bytes) {
        return TempoQuerier.of(tenant).withWholeSearchBytes(bytes);
    }
}
