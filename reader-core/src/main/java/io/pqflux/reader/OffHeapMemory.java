package io.pqflux.reader;

import io.pqflux.internal.memory.OffHeapBuffer;

/**
 * The reader's off-heap memory, process-wide. Decoded vectors live in native memory leased from a pool; when a
 * vector is closed its memory goes back to the pool for the next one (at most the larger of {@code
 * pqflux.pool.maxRetainedBytes}, default 256 MiB, and the most memory in use at once in the last 15 to 30 s, so a
 * large row group's buffers serve the next read; nothing idle longer than {@code pqflux.pool.idleMillis}, default
 * 30 s, is kept). Services
 * that want memory back sooner, say after a large batch job, call {@link #trimPool()}.
 *
 * <p>System properties, read once at start-up: {@code pqflux.pool.maxRetainedBytes}, {@code pqflux.pool.idleMillis},
 * and {@code pqflux.pool.debug=true}, which turns pooling off and frees memory at every close, so that a segment
 * kept past its vector's close throws instead of showing another vector's bytes (for tests; slower).
 */
public final class OffHeapMemory {

    private OffHeapMemory() {
    }

    /** Bytes held by open vectors and readers' buffers. */
    public static long liveBytes() {
        return OffHeapBuffer.liveBytes();
    }

    /** The most bytes held at once since the last {@link #resetPeakBytes()}. */
    public static long peakBytes() {
        return OffHeapBuffer.peakBytes();
    }

    /** Starts a new peak measurement from what is held now. */
    public static void resetPeakBytes() {
        OffHeapBuffer.resetPeakBytes();
    }

    /** Free bytes the pool keeps for reuse. */
    public static long pooledBytes() {
        return OffHeapBuffer.pooledBytes();
    }

    /** Frees every byte the pool keeps for reuse; returns how many. Open vectors are not affected. */
    public static long trimPool() {
        return OffHeapBuffer.trimPool();
    }

    /**
     * Buffers that were never closed and were freed when they became unreachable (a leak in the caller's code,
     * reported once through {@link System.Logger}).
     */
    public static long reclaimedLeaks() {
        return OffHeapBuffer.reclaimedLeaks();
    }
}
