package io.pqflux.tempo.internal.store;

import io.pqflux.io.InputFile;
import io.pqflux.reactive.BatchMapper;
import io.pqflux.reactive.ParquetBatch;
import io.pqflux.reactive.ScanOptions;
import java.util.List;
import reactor.core.publisher.Flux;

/**
 * Where a Tempo backend root lives: a local directory or an S3 prefix. Paths are relative to the root, '/'-separated
 * ({@code tenant/blockID/meta.json}). The blocking methods run where blocking is allowed (bounded-elastic).
 */
public interface BlockStore {

    /** How messages name {@code path}: the local path or the {@code s3://} URI. */
    String describe(String path);

    /** A whole small object (meta, bloom shard, tenant index), or null when there is none. Blocks. */
    byte[] readObject(String path);

    /** The names of the "directories" right below {@code path}, sorted. Blocks. */
    List<String> children(String path);

    /**
     * {@code path} opened for reading, its footer fetched with one read of {@code footerSuffix} bytes where the store
     * prefetches it. The caller owns it. Blocks.
     */
    InputFile open(String path, int footerSuffix);

    /** A scan of the Parquet file at {@code path}, mapped; the file is opened on subscription. */
    <T> Flux<T> read(String path, int footerSuffix, ScanOptions options, BatchMapper<T> mapper);

    /** The batches of the Parquet file at {@code path}, each to be closed by the subscriber; opened on subscription. */
    Flux<ParquetBatch> batches(String path, int footerSuffix, ScanOptions options);

    /** Requests and bytes the store made for {@code file} (opened here), for lookup reports; null when not known. */
    long[] requestsAndBytes(InputFile file);
}
