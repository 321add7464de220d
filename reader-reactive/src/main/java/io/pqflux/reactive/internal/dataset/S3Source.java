package io.pqflux.reactive.internal.dataset;

import io.pqflux.io.FileIdentity;
import io.pqflux.io.InputFile;
import io.pqflux.reactive.ParquetBatch;
import io.pqflux.reactive.ParquetFlux;
import io.pqflux.reactive.ScanOptions;
import io.pqflux.reactive.s3.S3InputFile;
import io.pqflux.reactive.s3.S3Location;
import io.pqflux.reactive.s3.S3Storage;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * The objects below a prefix, as a directory: the prefix is a folder (a '/' is added unless it ends with one or is
 * empty) and the keys' '/'-separated segments are folders and file names. Files are read through {@link S3InputFile}.
 */
public final class S3Source implements DatasetSource {

    private final S3Storage storage;
    private final String bucket;
    private final String prefix;
    private final int pageSize;

    public S3Source(S3Storage storage, String bucket, String prefix, int pageSize) {
        this.storage = storage;
        this.bucket = bucket;
        this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        this.pageSize = pageSize;
    }

    @Override
    public String root() {
        return "s3://" + bucket + "/" + prefix;
    }

    /** Listing needs no blocking: it runs on reactor-netty's event loops, its XML parsed on the bounded-elastic scheduler. */
    @Override
    public Flux<ListedFile> list(Scheduler io) {
        return storage.list(bucket, prefix, pageSize)
                .filter(object -> !object.location().key().endsWith("/") && !inHiddenFolder(relative(object.location())))
                .map(object -> new ListedFile(relative(object.location()),
                        new FileIdentity(object.location().toString(), object.size(), object.etag())));
    }

    private String relative(S3Location location) {
        return location.key().substring(prefix.length());
    }

    /** A folder segment starting with '.' or '_' hides what is below it (temporary output), as locally. */
    private static boolean inHiddenFolder(String path) {
        String[] segments = path.split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            if (DataFileNames.hidden(segments[i])) return true;
        }
        return false;
    }

    @Override
    public InputFile open(ListedFile file) {
        return storage.openInputFile(new S3Location(bucket, prefix + file.path()));
    }

    /** The object opened for the footer is read on: its head and footer are already fetched, its ETag pinned. */
    @Override
    public boolean readsOpenedFile() {
        return true;
    }

    @Override
    public Flux<ParquetBatch> batches(ListedFile file, Supplier<InputFile> opened, ScanOptions options) {
        return ParquetFlux.batches(file.identity().name(), opened, options);
    }

    @Override
    public long requests(InputFile opened) {
        return ((S3InputFile) opened).metrics().requests();
    }
}
