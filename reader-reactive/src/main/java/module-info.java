/**
 * Reactor pipelines over the reader. {@code io.pqflux.reactive}: Parquet files as {@code Flux}es of batches or mapped
 * values, in file order, with bounded read-ahead and a memory budget, read from any object store. {@code
 * io.pqflux.reactive.dataset}: directories and prefixes of Parquet files as one table, pruned by partitions,
 * statistics and bloom filters. {@code io.pqflux.reactive.internal} is implementation.
 */
module io.pqflux.reactive {
    requires transitive io.pqflux.storage;
    requires com.fasterxml.jackson.databind;

    exports io.pqflux.reactive;
    exports io.pqflux.reactive.dataset;
    // the dataset index's JSON records are read and written by Jackson
    opens io.pqflux.reactive.internal.dataset to com.fasterxml.jackson.databind;
}
