package io.pqflux.storage.s3;

import io.pqflux.error.ParquetIOException;
import io.pqflux.io.InputFile;
import io.pqflux.storage.FetchedRange;
import io.pqflux.storage.ObjectRequestException;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.RemoteObject;
import io.pqflux.storage.RequestFailure;
import io.pqflux.storage.StoredObject;
import io.pqflux.storage.spi.KeyPrefix;
import java.lang.foreign.MemorySegment;
import io.pqflux.io.ByteRange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The objects below {@code s3://bucket/prefix}: listed with {@code ListObjectsV2} pages, stat'ed and opened with a
 * HEAD, read with ranged GETs; files for the reader through {@link S3InputFile} (footer prefetched). Folders are the
 * first '/'-separated segments of the keys below a path.
 */
final class S3BucketStore implements ObjectStore {

    private final S3Storage storage;
    private final String bucket;
    private final KeyPrefix prefix;
    private final boolean ownsStorage;

    S3BucketStore(S3Storage storage, String bucket, KeyPrefix prefix, boolean ownsStorage) {
        this.storage = storage;
        this.bucket = bucket;
        this.prefix = prefix;
        this.ownsStorage = ownsStorage;
    }

    private S3Location location(String path) {
        return new S3Location(bucket, prefix.key(path));
    }

    @Override
    public String root() {
        return "s3://" + bucket + "/" + prefix.value();
    }

    @Override
    public String describe(String path) {
        return root() + path;
    }

    @Override
    public Flux<StoredObject> list(String pathPrefix) {
        return storage.list(bucket, prefix.key(pathPrefix), storage.config().listPageSize())
                // a "folder" marker some tools write (a key ending in '/') is no object
                .filter(object -> !object.path().endsWith("/"))
                .map(object -> new StoredObject(prefix.path(object.path()), object.size(), object.version(), object.modified()));
    }

    @Override
    public Flux<String> folders(String path) {
        String below = path.isEmpty() || path.endsWith("/") ? path : path + "/";
        return list(below)
                .map(object -> object.path().substring(below.length()))
                .filter(rest -> rest.indexOf('/') > 0)
                .map(rest -> rest.substring(0, rest.indexOf('/')))
                .distinct()
                .sort();
    }

    @Override
    public Mono<StoredObject> stat(String path) {
        return open(path)
                .map(object -> new StoredObject(path, object.length(), object.version(), null))
                .onErrorResume(ParquetIOException.class, e -> notFound(e) ? Mono.empty() : Mono.error(e));
    }

    private static boolean notFound(ParquetIOException e) {
        return e.getCause() instanceof ObjectRequestException request && request.failure() == RequestFailure.NOT_FOUND;
    }

    @Override
    public Mono<RemoteObject> open(String path) {
        return storage.open(location(path)).cast(RemoteObject.class);
    }

    @Override
    public InputFile openInputFile(String path, long footerSizeHint) {
        return storage.openInputFile(location(path), footerSizeHint);
    }

    @Override
    public Mono<FetchedRange> readWhole(String path) {
        return storage.open(location(path))
                .flatMap(file -> file.length() == 0
                        ? Mono.just(FetchedRange.of(new ByteRange(0, 0), MemorySegment.ofArray(new byte[0]), () -> { }))
                        : file.read(0, file.length()))
                .onErrorResume(ParquetIOException.class, e -> notFound(e) ? Mono.empty() : Mono.error(e));
    }

    @Override
    public ObjectStore below(String path) {
        return new S3BucketStore(storage, bucket, prefix.below(path), false);
    }

    @Override
    public void close() {
        if (ownsStorage) storage.close();
    }
}
