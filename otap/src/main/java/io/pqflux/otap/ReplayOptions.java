package io.pqflux.otap;

import io.pqflux.reactive.ScanMetrics;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * How a replay joins and which part of an export it covers. Immutable; {@code with…} returns a copy.
 *
 * <ul>
 *   <li>{@link #joinMode()}: how roots find their resource and scope attributes (default {@link JoinMode#AUTO}).
 *   <li>{@link #partitions()}: the {@code _part_id}s to replay (empty: all).
 *   <li>{@link #progress()}: per partition, the batches already consumed, which the replay skips: everything up to a
 *       position ({@link #withResumeAfter}), or what a consumer of a live export recorded per root file ({@link
 *       #withProgress}).
 *   <li>{@link #rootFiles()}: which root table files may be replayed (a receiver passes only files old enough);
 *       children are read from every listed file, as they may be flushed before or after their parents.
 *   <li>{@link #maxWindowRows()}: the memory bound where batches cannot be told apart.
 *   <li>{@link #partitionsInParallel()}: how many partitions are replayed at once (default: one per core). Each
 *       partition's batches come in its order; batches of different partitions interleave as they are rebuilt. At 1
 *       the partitions come one after another, in listing order.
 *   <li>{@link #timeRange()}: which records, by their time, the replay yields (default: all).
 *   <li>{@link #decodeThreads()}: how many threads decode one partition's rows (default: one per core).
 *   <li>{@link #metricsListener()}: told what the replay read of each file (row groups, pages, bytes; requests for
 *       object storage) when it closes the file.
 * </ul>
 */
public final class ReplayOptions {

    /** The most roots one exporter batch can hold: its ids are 16-bit until the exporter widens them. */
    public static final int DEFAULT_MAX_WINDOW_ROWS = 65_536;

    private static final ReplayOptions DEFAULTS = new ReplayOptions(JoinMode.AUTO, Set.of(), Map.of(), file -> true,
            DEFAULT_MAX_WINDOW_ROWS, Math.max(1, Runtime.getRuntime().availableProcessors()), metrics -> { },
            TimeRange.ALL, Math.max(1, Runtime.getRuntime().availableProcessors()));

    private final JoinMode joinMode;
    private final Set<String> partitions;
    private final Map<String, PartitionProgress> progress;
    private final Predicate<PartFile> rootFiles;
    private final int maxWindowRows;
    private final int partitionsInParallel;
    private final Consumer<ScanMetrics> metricsListener;
    private final TimeRange timeRange;
    private final int decodeThreads;

    private ReplayOptions(JoinMode joinMode, Set<String> partitions, Map<String, PartitionProgress> progress,
                          Predicate<PartFile> rootFiles, int maxWindowRows, int partitionsInParallel,
                          Consumer<ScanMetrics> metricsListener, TimeRange timeRange, int decodeThreads) {
        this.decodeThreads = decodeThreads;
        this.joinMode = joinMode;
        this.partitions = partitions;
        this.progress = progress;
        this.rootFiles = rootFiles;
        this.maxWindowRows = maxWindowRows;
        this.partitionsInParallel = partitionsInParallel;
        this.metricsListener = metricsListener;
        this.timeRange = timeRange;
    }

    public static ReplayOptions defaults() {
        return DEFAULTS;
    }

    public ReplayOptions withJoinMode(JoinMode mode) {
        return new ReplayOptions(Objects.requireNonNull(mode, "mode"), partitions, progress, rootFiles, maxWindowRows, partitionsInParallel, metricsListener, timeRange, decodeThreads);
    }

    public ReplayOptions withPartitions(Set<String> partitions) {
        return new ReplayOptions(joinMode, Set.copyOf(partitions), progress, rootFiles, maxWindowRows, partitionsInParallel, metricsListener, timeRange, decodeThreads);
    }

    /** Skips, per partition, every batch up to and including its position, in creation order of the root files. */
    public ReplayOptions withResumeAfter(Map<String, BatchPosition> positions) {
        Map<String, PartitionProgress> progress = new HashMap<>();
        positions.forEach((partition, position) -> progress.put(partition, PartitionProgress.through(position)));
        return withProgress(progress);
    }

    /** Skips, per partition, the batches {@code progress} records as consumed. */
    public ReplayOptions withProgress(Map<String, PartitionProgress> progress) {
        progress.forEach((partition, p) -> {
            if (!partition.equals(p.partition())) {
                throw new IllegalArgumentException("the progress for partition '" + partition + "' is of partition '"
                        + p.partition() + "'");
            }
        });
        return new ReplayOptions(joinMode, partitions, Map.copyOf(progress), rootFiles, maxWindowRows, partitionsInParallel, metricsListener, timeRange, decodeThreads);
    }

    public ReplayOptions withRootFiles(Predicate<PartFile> eligible) {
        return new ReplayOptions(joinMode, partitions, progress, Objects.requireNonNull(eligible, "eligible"), maxWindowRows,
                partitionsInParallel, metricsListener, timeRange, decodeThreads);
    }

    /**
     * The most roots read before a batch is rebuilt. Batch boundaries are inferred (files, resource and scope ids
     * restarting); where batches run together (one resource and scope each, or an exporter that offsets those ids)
     * they are cut into parts of this many roots, each emitted as its own message, so that memory is bounded by this
     * many roots and their children rather than by a file.
     */
    public ReplayOptions withMaxWindowRows(int rows) {
        if (rows < 1) throw new IllegalArgumentException("maxWindowRows " + rows + " < 1");
        return new ReplayOptions(joinMode, partitions, progress, rootFiles, rows, partitionsInParallel, metricsListener, timeRange, decodeThreads);
    }

    /**
     * How many partitions are replayed at once, each on its own thread with its own window of roots (memory grows
     * with it): 1 replays them one after another in listing order.
     */
    public ReplayOptions withPartitionsInParallel(int partitions) {
        if (partitions < 1) throw new IllegalArgumentException("partitionsInParallel " + partitions + " < 1");
        return new ReplayOptions(joinMode, this.partitions, progress, rootFiles, maxWindowRows, partitions, metricsListener, timeRange, decodeThreads);
    }

    public int partitionsInParallel() {
        return partitionsInParallel;
    }

    /** Told each file's scan metrics as the replay closes the file, on the replay's thread; it must not block. */
    public ReplayOptions withMetricsListener(Consumer<ScanMetrics> listener) {
        return new ReplayOptions(joinMode, partitions, progress, rootFiles, maxWindowRows, partitionsInParallel,
                Objects.requireNonNull(listener, "listener"), timeRange, decodeThreads);
    }

    /**
     * Only the records from {@code start} (inclusive) to {@code end} (exclusive), null leaving a bound open; see {@link
     * TimeRange} for each signal's record time. Batches left without records are not emitted; resource and scope
     * groups left without records are dropped, and so are metrics left without data points; what is emitted is joined as
     * without the range. Root rows whose time statistics show no record in the range are read no further than the
     * join needs (docs/otap.md, "Time ranges").
     *
     * @throws IllegalArgumentException when {@code end} is before {@code start}, or a bound lies outside the unsigned
     *                                  64-bit nanoseconds OTLP times are
     */
    public ReplayOptions withTimeRange(Instant start, Instant end) {
        return withTimeRange(TimeRange.of(start, end));
    }

    /** Only the records whose time lies in {@code range}. */
    public ReplayOptions withTimeRange(TimeRange range) {
        return new ReplayOptions(joinMode, partitions, progress, rootFiles, maxWindowRows, partitionsInParallel,
                metricsListener, Objects.requireNonNull(range, "range"), decodeThreads);
    }

    /**
     * How many threads decode the rows of one partition's large slices (2,048 rows or more per
     * thread): the partition's own and the shared
     * decode scheduler's; 1 decodes on the partition's thread only. Default: one per core, so that one big partition
     * uses every core. Partitions replayed side by side share them: each gets this many divided by how many run at
     * once.
     */
    public ReplayOptions withDecodeThreads(int threads) {
        if (threads < 1) throw new IllegalArgumentException("decodeThreads " + threads + " < 1");
        return new ReplayOptions(joinMode, partitions, progress, rootFiles, maxWindowRows, partitionsInParallel,
                metricsListener, timeRange, threads);
    }

    public int decodeThreads() {
        return decodeThreads;
    }

    public TimeRange timeRange() {
        return timeRange;
    }

    public Consumer<ScanMetrics> metricsListener() {
        return metricsListener;
    }

    public int maxWindowRows() {
        return maxWindowRows;
    }

    public JoinMode joinMode() {
        return joinMode;
    }

    public Set<String> partitions() {
        return partitions;
    }

    public Map<String, PartitionProgress> progress() {
        return progress;
    }

    public Predicate<PartFile> rootFiles() {
        return rootFiles;
    }
}
