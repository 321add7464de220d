package io.pqflux.testkit.fuzz;

import io.pqflux.internal.memory.OffHeapBuffer;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * What every fuzz target requires of one input, beyond not crashing the JVM: the code under test returns or throws
 * one of the product's typed exceptions, allocates heap and off-heap memory within a bound that grows with the
 * input's size only, and closes every off-heap buffer it opened. Time is bounded by the targets themselves: each
 * carries a JUnit {@code @Timeout}: JUnit applies it to each seed in a regression run, and Jazzer turns it into its
 * per-input {@code -timeout} when fuzzing (a campaign switches JUnit's own timeouts off, which would otherwise bound the
 * whole campaign: {@code -Djunit.jupiter.execution.timeout.mode=disabled}).
 *
 * <p>A broken invariant is reported by throwing: an untyped exception or error is rethrown as it is (Jazzer then
 * deduplicates findings by its stack trace), the others as an {@link AssertionError} saying which bound was crossed.
 */
public final class FuzzInvariants {

    /** What any input may allocate on the heap regardless of its size: lazily built tables, first-use caches. */
    private static final long BASE_HEAP_BYTES = 64L << 20;
    /** What any input may hold off-heap at once regardless of its size: a reader's first pooled scratch buffers. */
    private static final long BASE_OFF_HEAP_BYTES = 16L << 20;
    /** How long buffers released on another thread (a pipeline cancelled or failed) get to come back. */
    private static final long SETTLE_NANOS = 5_000_000_000L;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final ClassLoadingMXBean CLASSES = ManagementFactory.getClassLoadingMXBean();

    /** The code run on one input. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    private final List<Class<?>> typedErrors;
    private final long bytesPerInputByte;

    private FuzzInvariants(List<Class<?>> typedErrors, long bytesPerInputByte) {
        this.typedErrors = typedErrors;
        this.bytesPerInputByte = bytesPerInputByte;
    }

    /**
     * Invariants under which only {@code typedErrors} (and their subclasses) may escape, and an input of {@code n}
     * bytes may allocate 64 MiB plus {@code bytesPerInputByte * n} heap bytes (across all threads, as pipelines hop
     * threads) and hold 16 MiB plus as many off-heap bytes at once.
     */
    public static FuzzInvariants allowing(long bytesPerInputByte, Class<?>... typedErrors) {
        return new FuzzInvariants(List.of(typedErrors), bytesPerInputByte);
    }

    /**
     * Runs {@code action} on an input of {@code inputBytes} bytes (or characters) and checks the invariants; returns
     * the typed error it threw, or null when it returned.
     */
    public Throwable check(long inputBytes, Action action) {
        long liveBefore = OffHeapBuffer.liveBuffers();
        OffHeapBuffer.resetPeakBytes();
        long offHeapBefore = OffHeapBuffer.liveBytes();
        long classesBefore = CLASSES.getTotalLoadedClassCount();
        long allocatedBefore = THREADS.getTotalThreadAllocatedBytes();
        Throwable typed = null;
        try {
            action.run();
        } catch (Throwable t) {
            if (!isTyped(t)) throw sneaky(t);
            typed = t;
        }
        long allocated = THREADS.getTotalThreadAllocatedBytes() - allocatedBefore;
        long heapBound = BASE_HEAP_BYTES + bytesPerInputByte * inputBytes;
        // Loading a class allocates for its own sake, and far more while Jazzer instruments it: an input that loaded
        // any (the first inputs of a run, mostly) is not measured. Off-heap memory has no such noise.
        boolean measurable = CLASSES.getTotalLoadedClassCount() == classesBefore;
        if (measurable && allocated > heapBound) {
            throw new AssertionError("an input of " + inputBytes + " bytes allocated " + allocated
                    + " heap bytes, over its bound of " + heapBound + outcome(typed));
        }
        long offHeapPeak = OffHeapBuffer.peakBytes() - offHeapBefore;
        long offHeapBound = BASE_OFF_HEAP_BYTES + bytesPerInputByte * inputBytes;
        if (offHeapPeak > offHeapBound) {
            throw new AssertionError("an input of " + inputBytes + " bytes held " + offHeapPeak
                    + " off-heap bytes at once, over its bound of " + offHeapBound + outcome(typed));
        }
        requireReleased(liveBefore, typed);
        return typed;
    }

    private boolean isTyped(Throwable t) {
        for (Class<?> type : typedErrors) {
            if (type.isInstance(t)) return true;
        }
        return false;
    }

    private static void requireReleased(long liveBefore, Throwable typed) {
        long deadline = System.nanoTime() + SETTLE_NANOS;
        while (OffHeapBuffer.liveBuffers() > liveBefore && System.nanoTime() - deadline < 0) {
            Thread.onSpinWait();
            Thread.yield();
        }
        long leaked = OffHeapBuffer.liveBuffers() - liveBefore;
        if (leaked > 0) throw new AssertionError(leaked + " off-heap buffers left open" + outcome(typed));
    }

    private static String outcome(Throwable typed) {
        return typed == null ? " (read to the end)" : " (failed with " + typed + ")";
    }

    /** Rethrows {@code t} unchanged, checked or not, so the finding keeps its own type and stack. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
