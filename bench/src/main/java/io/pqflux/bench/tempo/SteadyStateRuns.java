package io.pqflux.bench.tempo;

import io.pqflux.tempo.query.QueryLimits;
import io.pqflux.tempo.query.TempoQuerier;
import io.pqflux.bench.data.TempoBlockFile;
import io.pqflux.bench.data.TempoTenantFiles;
import io.pqflux.storage.ObjectStores;
import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.query.MetricsRequest;
import io.pqflux.tempo.query.SearchRequest;
import io.pqflux.tempo.TempoTenant;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * One query run many times in one JVM, each run's wall time, process CPU time, collection time and heap allocated
 * printed, then the medians of the second half: where a JMH figure needs explaining (CPU per query with all cores
 * against one, JIT warm-up, allocation), not a benchmark (no checksum gate; the JMH suites have theirs).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xms4g -Xmx4g \
 *   -cp bench/target/benchmarks.jar io.pqflux.bench.tempo.SteadyStateRuns tenant-search genCount 150 [listed|polled]
 * taskset -c 0 java … SteadyStateRuns tenant-search genCount 150          # one core
 * java … SteadyStateRuns tenant-list - 500                                # the listing a search starts with
 * java … SteadyStateRuns tenant-scaling genCount 200 [listed|polled]      # all cores against one lane, alternating
 * java … SteadyStateRuns query-range childRate 14 [pqflux|wholeChunk]
 * java … SteadyStateRuns block-search genDedicated 14
 * </pre>
 *
 * {@code tenant-search} searches the tenant of {@link TempoTenantFiles 200 generated blocks} with a query of
 * {@link SearchQueries}; {@code query-range} runs a query of {@link QueryRangeQueries} over the 100 MB block, by the
 * engine or the whole-chunk baseline; {@code block-search} searches that block with a query of {@link SearchQueries}
 * as the search suite does. All read the suites' cached files (generated on first use).
 *
 * <p>{@code tenant-scaling} is {@code tenant-search} measured both ways in one JVM: each round searches with every core
 * ({@link TempoQuerier#SEARCH_CONCURRENCY} blocks at once) and with one block at a time (the tenant's blocks are searched
 * whole, so on one thread), in alternating order, and prints the round's ratio. A one-core JVM ({@code taskset -c 0})
 * against an all-core one runs minutes apart, and this machine's memory speed drifts over minutes (docs/benchmarks.md,
 * "What two cores give on this machine"); rounds a second apart see the same machine. The one-lane side has a core to itself while its JIT and
 * collector threads have the other: if anything it is faster than a one-core JVM, so the ratio is not flattered.
 * {@code listed} (the default) lists the tenant's blocks for every search, a serial part; {@code polled} lists them
 * once per five minutes ({@link TempoTenant#withBlocklistPoll}), as Tempo's queriers poll their block list.
 */
public final class SteadyStateRuns {

    private SteadyStateRuns() {
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: SteadyStateRuns tenant-search QUERY RUNS [listed|polled] | tenant-scaling QUERY ROUNDS [listed|polled]"
                    + " | tenant-list - RUNS"
                    + " | query-range QUERY RUNS [pqflux|wholeChunk] | block-search QUERY RUNS");
            System.exit(2);
        }
        String query = args[1];
        int runs = Integer.parseInt(args[2]);
        if (args[0].equals("tenant-scaling")) {
            tenantScaling(query, runs, args.length > 3 ? args[3] : "listed");
            return;
        }
        LongSupplier run = switch (args[0]) {
            case "tenant-search" -> tenantSearch(query, args.length > 3 ? args[3] : "listed");
            case "tenant-list" -> tenantList();
            case "query-range" -> queryRange(query, args.length > 3 ? args[3] : "pqflux");
            case "block-search" -> blockSearch(query);
            default -> throw new IllegalArgumentException("no such run: " + args[0]);
        };
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] wall = new long[runs];
        long[] cpu = new long[runs];
        for (int i = 0; i < runs; i++) {
            long gc0 = collectionMillis(), allocated0 = threads.getTotalThreadAllocatedBytes();
            long cpu0 = os.getProcessCpuTime(), start = System.nanoTime();
            long answer = run.getAsLong();
            wall[i] = (System.nanoTime() - start) / 1_000_000;
            cpu[i] = (os.getProcessCpuTime() - cpu0) / 1_000_000;
            System.out.printf("%s %d: wall %d ms, cpu %d ms, gc %d ms, allocated %d MB, answer %d%n", query, i, wall[i],
                    cpu[i], collectionMillis() - gc0, (threads.getTotalThreadAllocatedBytes() - allocated0) >> 20, answer);
        }
        System.out.printf("%s, runs %d to %d, %d cpus: median wall %d ms (min %d), median cpu %d ms%n", query, runs / 2,
                runs - 1, Runtime.getRuntime().availableProcessors(), median(wall, runs / 2), min(wall, runs / 2),
                median(cpu, runs / 2));
    }

    /** Runs the search, the tenant's blocks {@code listed} per search or {@code polled}; answers the traces found. */
    private static LongSupplier tenantSearch(String query, String blocklist) {
        TempoQuerier tenant = TempoQuerier.of(TempoTenantFiles.tenant(blocklist)).withLimits(QueryLimits.NONE);
        SearchRequest request = searchRequest(query);
        return () -> tenant.searchResponse(request).block().traces().size();
    }

    /**
     * {@code rounds} rounds of the search with every core and with one lane, in alternating order, each round's walls
     * and ratio printed; then, over the second half of the rounds, the median ratio and the medians' ratio.
     */
    private static void tenantScaling(String query, int rounds, String blocklist) {
        TempoQuerier allCores = TempoQuerier.of(TempoTenantFiles.tenant(blocklist)).withLimits(QueryLimits.NONE);
        TempoQuerier oneLane = allCores.withSearchConcurrency(1);
        SearchRequest request = searchRequest(query);
        long[] all = new long[rounds];
        long[] one = new long[rounds];
        long[] allCpu = new long[rounds];
        long[] oneCpu = new long[rounds];
        long[] allGc = new long[rounds];
        long[] oneGc = new long[rounds];
        double[] ratios = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long allAnswer, oneAnswer;
            if (i % 2 == 0) {
                allAnswer = timed(allCores, request, all, allCpu, allGc, i);
                oneAnswer = timed(oneLane, request, one, oneCpu, oneGc, i);
            } else {
                oneAnswer = timed(oneLane, request, one, oneCpu, oneGc, i);
                allAnswer = timed(allCores, request, all, allCpu, allGc, i);
            }
            if (allAnswer != oneAnswer) {
                throw new IllegalStateException("round " + i + ": " + allAnswer + " traces with every core, " + oneAnswer
                        + " with one lane");
            }
            ratios[i] = (double) one[i] / all[i];
            System.out.printf("%s %d: all cores %.1f ms (cpu %d ms, gc %d ms), one lane %.1f ms (cpu %d ms, gc %d ms),"
                    + " ratio %.2f, answer %d%n", query, i, all[i] / 1e6, allCpu[i] / 1_000_000, allGc[i], one[i] / 1e6,
                    oneCpu[i] / 1_000_000, oneGc[i], ratios[i], allAnswer);
        }
        double[] tail = Arrays.copyOfRange(ratios, rounds / 2, rounds);
        Arrays.sort(tail);
        System.out.printf("%s (blocklist %s), rounds %d to %d, %d cpus: median ratio %.2f (quartiles %.2f-%.2f,"
                        + " %d of %d at 1.8 or more); median wall all cores %.1f ms, one lane %.1f ms (ratio %.2f)%n",
                query, blocklist, rounds / 2, rounds - 1,
                Runtime.getRuntime().availableProcessors(), tail[tail.length / 2], tail[tail.length / 4],
                tail[tail.length * 3 / 4], Arrays.stream(tail).filter(r -> r >= 1.8).count(), tail.length,
                median(all, rounds / 2) / 1e6, median(one, rounds / 2) / 1e6,
                (double) median(one, rounds / 2) / median(all, rounds / 2));
    }

    /**
     * Searches, keeping the wall time and the process's CPU time in nanoseconds at {@code walls[round]} and
     * {@code cpus[round]}, and the collectors' time in milliseconds at {@code gcs[round]}; answers the traces found.
     */
    private static long timed(TempoQuerier querier, SearchRequest request, long[] walls, long[] cpus, long[] gcs,
            int round) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long gc0 = collectionMillis(), cpu0 = os.getProcessCpuTime(), start = System.nanoTime();
        long answer = querier.searchResponse(request).block().traces().size();
        walls[round] = System.nanoTime() - start;
        cpus[round] = os.getProcessCpuTime() - cpu0;
        gcs[round] = collectionMillis() - gc0;
        return answer;
    }

    /** Lists the tenant's blocks, as every search does first; answers the blocks listed. */
    private static LongSupplier tenantList() {
        TempoTenant tenant = TempoTenantFiles.tenant("listed");
        return () -> tenant.blocks().size();
    }

    /** Searches the 100 MB block as the search suite does; answers the traces found. */
    private static LongSupplier blockSearch(String query) {
        Path directory = TempoBlockFile.get(TempoBlockFile.DEFAULT_BYTES);
        TempoQuerier tenant = TempoQuerier.of(tenantOf(directory)).withLimits(QueryLimits.NONE);
        SearchRequest request = searchRequest(query);
        return () -> tenant.searchResponse(request).block().traces().size();
    }

    /** A query of {@link SearchQueries} as the search suites send it. */
    private static SearchRequest searchRequest(String query) {
        return new SearchRequest(SearchQueries.query(query), null, null, 0, SearchAnswer.SPANS_PER_SPANSET);
    }

    /** The tenant holding the generated block at {@code directory} ({@code <root>/<tenant>/<blockID>}). */
    private static TempoTenant tenantOf(Path directory) {
        return TempoTenant.local(directory.getParent().getParent(), directory.getParent().getFileName().toString());
    }

    /** Runs the query as the query-range suite does; answers the spans inspected. */
    private static LongSupplier queryRange(String query, String variant) {
        Path directory = TempoBlockFile.get(TempoBlockFile.DEFAULT_BYTES);
        TempoTenant tenant = tenantOf(directory);
        TempoQuerier querier = TempoQuerier.of(tenant).withLimits(QueryLimits.NONE);
        BlockMeta meta = tenant.blocks().getFirst();
        MetricsRequest request = new MetricsRequest(QueryRangeQueries.query(query), meta.startTime(), meta.endTime(),
                Duration.ofMinutes(1), false, 2);
        return switch (variant) {
            case "pqflux" -> () -> querier.queryRange(request).block().metrics().inspectedSpans();
            case "wholeChunk" -> {
                WholeChunkMetrics baseline = new WholeChunkMetrics(
                        new WholeChunkRead(ObjectStores.local(directory), "data.parquet", meta));
                yield () -> baseline.queryRange(request).response().metrics().inspectedSpans();
            }
            default -> throw new IllegalArgumentException("no such variant: " + variant);
        };
    }

    private static long collectionMillis() {
        long millis = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            millis += collector.getCollectionTime();
        }
        return millis;
    }

    private static long median(long[] values, int from) {
        long[] tail = Arrays.copyOfRange(values, from, values.length);
        Arrays.sort(tail);
        return tail[tail.length / 2];
    }

    private static long min(long[] values, int from) {
        return Arrays.stream(values, from, values.length).min().orElseThrow();
    }
}
