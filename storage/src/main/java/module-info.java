/**
 * Object storage under every read path: one API ({@link io.pqflux.storage.ObjectStore}: list, stat, ranged and whole
 * reads as {@code Mono}/{@code Flux}, files for the reader) with the local file system as the always-present store.
 * Other stores are modules of their own, found by URI scheme ({@code io.pqflux.storage.spi.ObjectStoreProvider});
 * this module needs no HTTP client.
 */
module io.pqflux.storage {
    requires transitive io.pqflux.core;
    requires transitive reactor.core;
    requires transitive org.reactivestreams;

    exports io.pqflux.storage;
    exports io.pqflux.storage.spi;

    uses io.pqflux.storage.spi.ObjectStoreProvider;
}
