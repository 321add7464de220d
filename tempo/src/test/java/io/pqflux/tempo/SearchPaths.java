package io.pqflux.tempo;

/**
 * The two ways a block is searched, for tests in any package: a small block is searched whole on one thread, a large
 * one through the scan pipeline. Every test block is small, so the pipeline's path is chosen here by setting the
 * largest block searched whole to nothing.
 */
public final class SearchPaths {

    private SearchPaths() {
    }

    /** {@code block} searched through the scan pipeline whatever its size. */
    public static TempoBlock pipelined(TempoBlock block) {
        return block.withWholeSearchBytes(0);
    }

    /** {@code tenant}'s blocks searched through the scan pipeline whatever their size. */
    public static TempoTenant pipelined(TempoTenant tenant) {
        return tenant.withWholeSearchBytes(0);
    }
}
