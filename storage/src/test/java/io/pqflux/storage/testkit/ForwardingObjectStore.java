package io.pqflux.storage.testkit;

import io.pqflux.io.InputFile;
import io.pqflux.storage.FetchedRange;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.RemoteObject;
import io.pqflux.storage.StoredObject;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A store that passes every call to {@link #delegate()}: tests implement it (a record with a {@code delegate}
 * component) and override only the calls they watch or change.
 */
public interface ForwardingObjectStore extends ObjectStore {

    ObjectStore delegate();

    @Override
    default String root() {
        return delegate().root();
    }

    @Override
    default String describe(String path) {
        return delegate().describe(path);
    }

    @Override
    default Flux<StoredObject> list(String prefix) {
        return delegate().list(prefix);
    }

    @Override
    default Flux<String> folders(String path) {
        return delegate().folders(path);
    }

    @Override
    default Mono<StoredObject> stat(String path) {
        return delegate().stat(path);
    }

    @Override
    default Mono<RemoteObject> open(String path) {
        return delegate().open(path);
    }

    @Override
    default InputFile openInputFile(String path, long footerSizeHint) {
        return delegate().openInputFile(path, footerSizeHint);
    }

    @Override
    default Mono<FetchedRange> readWhole(String path) {
        return delegate().readWhole(path);
    }

    @Override
    default Mono<byte[]> readBytes(String path) {
        return delegate().readBytes(path);
    }

    @Override
    default ObjectStore below(String path) {
        return delegate().below(path);
    }

    @Override
    default void close() {
        delegate().close();
    }
}
