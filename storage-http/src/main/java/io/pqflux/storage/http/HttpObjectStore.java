package io.pqflux.storage.http;

import io.pqflux.error.ParquetIOException;
import io.pqflux.io.ByteRange;
import io.pqflux.io.InputFile;
import io.pqflux.storage.FetchedRange;
import io.pqflux.storage.ObjectRequestException;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.RemoteObject;
import io.pqflux.storage.RequestFailure;
import io.pqflux.storage.StoredObject;
import io.pqflux.storage.spi.KeyPrefix;
import java.lang.foreign.MemorySegment;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The objects below a key prefix of a {@link Container}: listed page by page, stat'ed and opened with a HEAD, read with
 * ranged GETs; files for the reader through {@link HttpInputFile} (footer prefetched). Folders are the first
 * '/'-separated segments of the keys below a path (a flat namespace has no others).
 */
public final class HttpObjectStore implements ObjectStore {

    private final HttpStorage storage;
    private final Container container;
    private final KeyPrefix prefix;
    private final Runnable onClose;

    /** @param onClose what {@link #close()} releases (the storage, for a store opened by URI), once per store */
    public HttpObjectStore(HttpStorage storage, Container container, KeyPrefix prefix, Runnable onClose) {
        this.storage = storage;
        this.container = container;
        this.prefix = prefix;
        this.onClose = onClose;
    }

    @Override
    public String root() {
        return container.uri() + prefix.value();
    }

    @Override
    public String describe(String path) {
        return root() + path;
    }

    @Override
    public Flux<StoredObject> list(String pathPrefix) {
        return container.list(prefix.key(pathPrefix))
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
        return openObject(path).cast(RemoteObject.class);
    }

    private Mono<HttpObject> openObject(String path) {
        return storage.open(describe(path), container.target(prefix.key(path)));
    }

    @Override
    public InputFile openInputFile(String path, long footerSizeHint) {
        return storage.openInputFile(describe(path), container.target(prefix.key(path)), footerSizeHint);
    }

    @Override
    public Mono<FetchedRange> readWhole(String path) {
        return openObject(path)
                .flatMap(file -> file.length() == 0
                        ? Mono.just(FetchedRange.of(new ByteRange(0, 0), MemorySegment.ofArray(new byte[0]), () -> { }))
                        : file.read(0, file.length()))
                .onErrorResume(ParquetIOException.class, e -> notFound(e) ? Mono.empty() : Mono.error(e));
    }

    @Override
    public ObjectStore below(String path) {
        return new HttpObjectStore(storage, container, prefix.below(path), () -> { });
    }

    @Override
    public void close() {
        onClose.run();
    }
}
