package io.pqflux.reactive;

import io.pqflux.io.InputFile;
import io.pqflux.io.MappedInputFile;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;

/**
 * Parquet files as Reactor {@link Flux}es: decoded batches, or values mapped from them, in file order, with
 * backpressure, bounded read-ahead and a memory budget ({@link ScanOptions}). Each subscription opens the file anew
 * and closes it when done; cancelling releases everything in flight; errors arrive as the reader's typed
 * {@link io.pqflux.error.ParquetException}s, after everything in flight has been released.
 *
 * <pre>{@code
 * ParquetFlux.batches(path, ScanOptions.defaults().withMemoryBudget(64 << 20))
 *     .concatMap(batch -> { try (batch) { return Mono.just(sum(batch.batch())); } })
 * }</pre>
 *
 * <p>Batches that operators after this one drop (for example {@code filter}) are not seen by the pipeline: close
 * them there, or add {@code .doOnDiscard(ParquetBatch.class, ParquetBatch::close)} at the end of the chain. A batch
 * that is never closed is eventually freed by a safety net and reported, but holds its share of the budget until
 * then.
 */
public final class ParquetFlux {

    private ParquetFlux() {
    }

    /** The file's batches, memory-mapped: decoding runs on the decode scheduler without blocking. */
    public static Flux<ParquetBatch> batches(Path file, ScanOptions options) {
        Objects.requireNonNull(file, "file");
        return new FileScan(file.toString(), () -> MappedInputFile.open(file), false, options).batches();
    }

    /**
     * The batches of a source that may block on reads (a channel, a remote object through its synchronous API):
     * opening and decoding run on the I/O scheduler. {@code source} is called once per subscription; the scan owns
     * and closes what it returns.
     */
    public static Flux<ParquetBatch> batches(String name, Supplier<InputFile> source, ScanOptions options) {
        Objects.requireNonNull(source, "source");
        return new FileScan(name, source::get, true, options).batches();
    }

    /**
     * Values mapped from each batch on the decode scheduler; every batch is closed right after it is mapped, so no
     * batch outlives the pipeline. Values come in file order.
     */
    public static <T> Flux<T> read(Path file, ScanOptions options, BatchMapper<T> mapper) {
        return mapped(batches(file, options), mapper);
    }

    /** {@link #read(Path, ScanOptions, BatchMapper)} over a source that may block. */
    public static <T> Flux<T> read(String name, Supplier<InputFile> source, ScanOptions options, BatchMapper<T> mapper) {
        return mapped(batches(name, source, options), mapper);
    }

    private static <T> Flux<T> mapped(Flux<ParquetBatch> batches, BatchMapper<T> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        return batches.concatMapIterable(batch -> {
            try (batch) {
                return mapper.map(batch.batch());
            }
        }).doOnDiscard(ParquetBatch.class, ParquetBatch::close);
    }
}
