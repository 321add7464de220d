package io.pqflux.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's own limit for an all-cores-versus-one figure, measured beside it in the same run: a plain
 * memory-bound loop (sums over a 256 MB array, front to back) on one thread, and the same array split over every
 * core. A domain path whose all-cores/one ratio comes near this one's is bounded by the memory, not by its own code.
 * Checksum gate: every sum equals the array's, computed once in setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MemoryLoopBenchmark {

    private static final int INTS = 1 << 26; // 256 MB

    private int[] values;
    private long expected;
    private int cores;
    private ExecutorService threads;

    @Setup(Level.Trial)
    public void setUp() {
        values = new int[INTS];
        for (int i = 0; i < values.length; i++) values[i] = i * 31 + 7;
        expected = sum(0, values.length);
        cores = Runtime.getRuntime().availableProcessors();
        threads = Executors.newFixedThreadPool(cores);
    }

    @Benchmark
    public long oneCore() {
        return checked(sum(0, values.length));
    }

    @Benchmark
    public long allCores() throws Exception {
        List<Future<Long>> parts = new ArrayList<>();
        int share = values.length / cores;
        for (int t = 0; t < cores; t++) {
            int from = t * share, to = t == cores - 1 ? values.length : from + share;
            parts.add(threads.submit(() -> sum(from, to)));
        }
        long total = 0;
        for (Future<Long> part : parts) total += part.get();
        return checked(total);
    }

    private long sum(int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i++) sum += values[i];
        return sum;
    }

    private long checked(long sum) {
        if (sum != expected) throw new IllegalStateException("summed " + sum + ", the array holds " + expected);
        return sum;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        threads.shutdown();
    }
}
