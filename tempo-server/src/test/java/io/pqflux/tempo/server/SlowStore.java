package io.pqflux.tempo.server;

import io.pqflux.io.InputFile;
import io.pqflux.storage.FetchedRange;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.RemoteObject;
import io.pqflux.storage.StoredObject;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A store whose listings and reads under one prefix (a tenant) wait {@code delay} first; {@code folders} of the root
 * can be made to never answer (a server that never gets ready) or to fail a number of times first.
 */
final class SlowStore implements ObjectStore {

    private final ObjectStore store;
    private final String slowPrefix;
    private final Duration delay;
    private final boolean rootNeverListed;
    private final java.util.concurrent.atomic.AtomicInteger rootListingFailures = new java.util.concurrent.atomic.AtomicInteger();

    SlowStore(ObjectStore store, String slowPrefix, Duration delay, boolean rootNeverListed) {
        this.store = store;
        this.slowPrefix = slowPrefix;
        this.delay = delay;
        this.rootNeverListed = rootNeverListed;
    }

    /** The next {@code failures} listings of the root fail. */
    SlowStore failingRootListings(int failures) {
        rootListingFailures.set(failures);
        return this;
    }

    private <T> Mono<T> slow(String path, Mono<T> work) {
        if (!path.startsWith(slowPrefix)) return work;
        return Mono.delay(delay).then(work);
    }

    @Override
    public String root() {
        return store.root();
    }

    @Override
    public String describe(String path) {
        return store.describe(path);
    }

    @Override
    public Flux<StoredObject> list(String prefix) {
        return slow(prefix, Mono.just(prefix)).flatMapMany(store::list);
    }

    @Override
    public Flux<String> folders(String path) {
        if (rootNeverListed && path.isEmpty()) return Flux.never();
        if (path.isEmpty() && rootListingFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return Flux.error(new java.io.IOException("listing refused (test)"));
        }
        return slow(path, Mono.just(path)).flatMapMany(store::folders);
    }

    @Override
    public Mono<StoredObject> stat(String path) {
        return slow(path, store.stat(path));
    }

    @Override
    public Mono<RemoteObject> open(String path) {
        return slow(path, store.open(path));
    }

    @Override
    public InputFile openInputFile(String path, long footerSizeHint) {
        return store.openInputFile(path, footerSizeHint);
    }

    @Override
    public Mono<FetchedRange> readWhole(String path) {
        return slow(path, store.readWhole(path));
    }

    @Override
    public ObjectStore below(String path) {
        return store.below(path);
    }

    @Override
    public void close() {
        store.close();
    }
}
