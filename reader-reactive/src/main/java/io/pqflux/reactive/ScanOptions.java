package io.pqflux.reactive;

import io.pqflux.reactive.internal.pipeline.DecodeScheduler;
import io.pqflux.reader.ReadOptions;
import java.util.Objects;
import java.util.function.Consumer;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * How a {@link ParquetFlux} scan reads: what to read ({@link ReadOptions}: projection, predicate, limits), in what
 * pieces (rows per batch), how far ahead (slices in flight), within how much memory (a budget in bytes for everything
 * the scan holds: fetched bytes and decoded batches the subscriber has not closed), and on which schedulers.
 * Immutable; each {@code with…} returns a copy.
 */
public final class ScanOptions {

    private final ReadOptions read;
    private final int batchRows;
    private final int slicesInFlight;
    private final long memoryBudgetBytes;
    private final Scheduler ioScheduler;
    private final Scheduler decodeScheduler;
    private final Consumer<ScanMetrics> metricsListener;

    private ScanOptions(ReadOptions read, int batchRows, int slicesInFlight, long memoryBudgetBytes,
                        Scheduler ioScheduler, Scheduler decodeScheduler, Consumer<ScanMetrics> metricsListener) {
        this.read = read;
        this.batchRows = batchRows;
        this.slicesInFlight = slicesInFlight;
        this.memoryBudgetBytes = memoryBudgetBytes;
        this.ioScheduler = ioScheduler;
        this.decodeScheduler = decodeScheduler;
        this.metricsListener = metricsListener;
    }

    /**
     * Every column, batches of at most 1,048,576 rows, as many slices in flight as cores, a 256 MiB budget, blocking
     * reads on {@link Schedulers#boundedElastic()} and decoding on a shared pool of one non-blocking thread per core
     * that takes tasks from one queue (unlike {@link Schedulers#parallel()}, which queues each task on one thread).
     */
    public static ScanOptions defaults() {
        return new ScanOptions(ReadOptions.defaults(), 1 << 20, Math.max(2, Runtime.getRuntime().availableProcessors()),
                256L << 20, Schedulers.boundedElastic(), DecodeScheduler.shared(), metrics -> { });
    }

    public ScanOptions withReadOptions(ReadOptions options) {
        return new ScanOptions(Objects.requireNonNull(options, "options"), batchRows, slicesInFlight, memoryBudgetBytes,
                ioScheduler, decodeScheduler, metricsListener);
    }

    /** Splits row groups into batches of at most this many rows, so a huge row group never needs all its vectors at once. */
    public ScanOptions withBatchRows(int rows) {
        if (rows <= 0) throw new IllegalArgumentException("batch rows must be positive: " + rows);
        return new ScanOptions(read, rows, slicesInFlight, memoryBudgetBytes, ioScheduler, decodeScheduler, metricsListener);
    }

    /** How many batches may be fetched and decoded ahead of the subscriber (they are still emitted in file order). */
    public ScanOptions withSlicesInFlight(int slices) {
        if (slices <= 0) throw new IllegalArgumentException("slices in flight must be positive: " + slices);
        return new ScanOptions(read, batchRows, slices, memoryBudgetBytes, ioScheduler, decodeScheduler, metricsListener);
    }

    /**
     * Bounds the bytes the scan holds: fetched and decoded, emitted and not yet closed. Work waits, without blocking a
     * thread, until earlier batches are closed. A single batch larger than the budget is still read, alone.
     */
    public ScanOptions withMemoryBudget(long bytes) {
        if (bytes <= 0) throw new IllegalArgumentException("memory budget must be positive: " + bytes);
        return new ScanOptions(read, batchRows, slicesInFlight, bytes, ioScheduler, decodeScheduler, metricsListener);
    }

    /**
     * Where blocking work runs: opening a file, planning a row group read that may read page indexes from a source
     * that blocks, reading the bytes of a source that blocks.
     */
    public ScanOptions withIoScheduler(Scheduler scheduler) {
        return new ScanOptions(read, batchRows, slicesInFlight, memoryBudgetBytes, Objects.requireNonNull(scheduler),
                decodeScheduler, metricsListener);
    }

    /**
     * Where the column chunks are decoded, one task per column, and where a memory-mapped file's reads are planned:
     * work that never blocks (Reactor's parallel scheduler by default).
     */
    public ScanOptions withDecodeScheduler(Scheduler scheduler) {
        return new ScanOptions(read, batchRows, slicesInFlight, memoryBudgetBytes, ioScheduler,
                Objects.requireNonNull(scheduler), metricsListener);
    }

    /**
     * Told the scan's metrics once per subscription: when it completes (before the subscriber hears of it), else once
     * everything in flight is released after an error or a cancellation.
     */
    public ScanOptions withMetricsListener(Consumer<ScanMetrics> listener) {
        return new ScanOptions(read, batchRows, slicesInFlight, memoryBudgetBytes, ioScheduler, decodeScheduler,
                Objects.requireNonNull(listener));
    }

    public ReadOptions readOptions() {
        return read;
    }

    public int batchRows() {
        return batchRows;
    }

    public int slicesInFlight() {
        return slicesInFlight;
    }

    public long memoryBudgetBytes() {
        return memoryBudgetBytes;
    }

    public Scheduler ioScheduler() {
        return ioScheduler;
    }

    public Scheduler decodeScheduler() {
        return decodeScheduler;
    }

    public Consumer<ScanMetrics> metricsListener() {
        return metricsListener;
    }
}
