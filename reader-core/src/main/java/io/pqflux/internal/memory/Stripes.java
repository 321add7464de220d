package io.pqflux.internal.memory;

/**
 * Which of the memory layer's per-thread-group structures (the pool's free lists, the buffers' cleaners) the current
 * thread uses. When every buffer a search lane opened and closed took the same free list's head and the same cleaner
 * lock as every other lane's, a buffer cost 0.30 µs on one thread and 1.68 µs per thread on two
 * ({@code BufferChurnBenchmark}); a thread also reuses the memory it released itself, whose cache lines
 * its core still holds. Threads spread over twice as many stripes as there are CPUs, by thread ID, so up to that many
 * threads created together (consecutive IDs, as a scheduler's workers are) never share one.
 */
final class Stripes {

    /** A power of two: twice the CPUs, at most 64. */
    static final int COUNT = Math.min(64, Integer.highestOneBit(2 * Runtime.getRuntime().availableProcessors() - 1) << 1);

    private Stripes() {
    }

    /** The current thread's stripe, in {@code [0, COUNT)}. */
    static int current() {
        return (int) Thread.currentThread().threadId() & (COUNT - 1);
    }
}
