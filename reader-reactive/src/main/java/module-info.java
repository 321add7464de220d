/**
 * Reactor pipelines over the reader: Parquet files as {@code Flux}es of batches or mapped values, in file order,
 * with bounded read-ahead and a memory budget. Only {@code io.pqflux.reactive} is API; {@code
 * io.pqflux.reactive.internal} is implementation.
 */
module io.pqflux.reactive {
    requires transitive io.pqflux.core;
    requires transitive reactor.core;
    requires transitive org.reactivestreams;

    exports io.pqflux.reactive;
}
