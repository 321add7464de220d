package io.pqflux.bench;

import io.pqflux.internal.memory.OffHeapBuffer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The off-heap memory layer's cost per buffer, as a reader pays it for every vector and page buffer (a tenant search
 * opens about 20,000 per search, 100 per block): open a pooled buffer of 4 to 32 KiB, write it, grow one in eight to
 * 64 KiB keeping what was written, close it. {@code oneThread} against {@code twoThreads} (each thread its own
 * buffers, as search lanes do) is what the layer's shared state costs a second core: the pool's free lists, its
 * byte counts and the leak safety net's cleaners.
 *
 * <p>Checksum gate: every op reads back, after any growth, the value it wrote, and answers it; after every
 * iteration no buffer may be left open (process-wide live-buffer count back to where the trial started).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class BufferChurnBenchmark {

    private final long liveAtStart = OffHeapBuffer.liveBuffers();

    /** Each thread's op count, which picks the size and whether the op grows. */
    @State(Scope.Thread)
    public static class Ops {
        long op;
    }

    @Benchmark
    @Threads(1)
    public long oneThread(Ops ops) {
        return churn(ops);
    }

    @Benchmark
    @Threads(2)
    public long twoThreads(Ops ops) {
        return churn(ops);
    }

    private static long churn(Ops ops) {
        long op = ops.op++;
        try (OffHeapBuffer buffer = new OffHeapBuffer(4096L << (op & 3))) {
            MemorySegment segment = buffer.segment();
            segment.set(ValueLayout.JAVA_LONG, 8, op);
            if ((op & 7) == 0) segment = buffer.ensureCapacity(1 << 16, 16);
            long read = segment.get(ValueLayout.JAVA_LONG, 8);
            if (read != op) throw new IllegalStateException("buffer " + op + " read back " + read);
            return read;
        }
    }

    @TearDown(Level.Iteration)
    public void nothingLeftOpen() {
        long live = OffHeapBuffer.liveBuffers();
        if (live != liveAtStart) {
            throw new IllegalStateException(live + " buffers open after the iteration, " + liveAtStart + " before it");
        }
    }
}
