package io.pqflux.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

/**
 * How much two threads of plain loops get out of this machine's cores, the ceiling against which an all-cores-versus-one
 * figure of a query is read: each loop runs alone, then twice at once on two threads, and the scaling is twice the
 * first time over the second (2.0: the cores do not slow each other down). Not a benchmark (no checksum gate); context.
 * The first round includes compilation and the first touch of the array's pages: read the later ones.
 *
 * <ul>
 *   <li>{@code compute}: a multiply-xorshift chain in registers, no memory;
 *   <li>{@code random}: reads at pseudo-random places of a 128 MB array (cache misses);
 *   <li>{@code stream}: sums over a 128 MB array, front to back (memory bandwidth).
 * </ul>
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.pqflux.bench.MachineScaling [rounds]
 * </pre>
 */
public final class MachineScaling {

    private static final int BIG = 1 << 25; // ints: 128 MB

    private MachineScaling() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int[] big = new int[BIG];
        for (int i = 0; i < big.length; i++) big[i] = i;
        List<String> names = List.of("compute", "random 128 MB", "stream 128 MB");
        List<LongSupplier> loops = List.of(() -> compute(400_000_000L), () -> random(big, 40_000_000L),
                () -> stream(big, 100));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < loops.size(); k++) {
                    double one = millis(threads, 1, loops.get(k));
                    double two = millis(threads, 2, loops.get(k));
                    System.out.printf("%s: one thread %.0f ms, two threads (twice the work) %.0f ms, scaling %.2f%n",
                            names.get(k), one, two, 2 * one / two);
                }
            }
        } finally {
            threads.shutdown();
        }
    }

    /** Runs {@code loop} on {@code count} threads at once; the wall time until the last ends. */
    private static double millis(ExecutorService threads, int count, LongSupplier loop) throws Exception {
        long start = System.nanoTime();
        List<Future<Long>> runs = new ArrayList<>();
        for (int t = 0; t < count; t++) runs.add(threads.submit(loop::getAsLong));
        long sum = 0;
        for (Future<Long> run : runs) sum += run.get();
        double millis = (System.nanoTime() - start) / 1e6;
        if (sum == 42) System.out.println(); // keeps the loops' results alive
        return millis;
    }

    private static long compute(long steps) {
        long x = 1;
        for (long i = 0; i < steps; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            x ^= x >>> 29;
        }
        return x;
    }

    private static long random(int[] values, long reads) {
        long sum = 0;
        int at = 0;
        for (long k = 0; k < reads; k++) {
            at = (at * 1103515245 + 12345) & (values.length - 1);
            sum += values[at];
        }
        return sum;
    }

    private static long stream(int[] values, int passes) {
        long sum = 0;
        for (int pass = 0; pass < passes; pass++) {
            for (int value : values) sum += value;
        }
        return sum;
    }
}
