package io.pqflux.reactive.internal.dataset;

import io.pqflux.io.FileIdentity;
import io.pqflux.io.InputFile;
import io.pqflux.reactive.ParquetBatch;
import io.pqflux.reactive.ScanOptions;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/** Where a dataset's files are: how to list them, open one, and scan one. */
public interface DatasetSource {

    /** A data file as listed: its path below the dataset root ('/'-separated) and its identity. */
    record ListedFile(String path, FileIdentity identity) {
    }

    /** The root for messages: a directory, or {@code s3://bucket/prefix}. */
    String root();

    /**
     * Every file below the root, in any order, except below hidden folders (names starting with '.' or '_', where
     * writers keep temporary output): which files are data is the dataset's rule ({@code DataFileNames}). Blocking
     * work runs on {@code io}.
     */
    Flux<ListedFile> list(Scheduler io);

    /** Opens a file for reading its footer; blocks, so call it on an I/O thread. */
    InputFile open(ListedFile file);

    /**
     * Whether {@link #batches} reads through the file opened for its footer (object storage: no second HEAD and
     * footer fetch); false when it opens the file anew because that costs nothing (mapping a local file again).
     */
    boolean readsOpenedFile();

    /**
     * The batches of a file; with {@link #readsOpenedFile()}, {@code opened} gives the file opened for its footer,
     * which the scan then owns.
     */
    Flux<ParquetBatch> batches(ListedFile file, Supplier<InputFile> opened, ScanOptions options);

    /** Requests a file this source opened has sent so far (0 for local files). */
    long requests(InputFile opened);
}
