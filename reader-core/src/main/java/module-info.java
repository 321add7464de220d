/**
 * The Parquet reader: footer and metadata model, I/O, pages, column vectors, nested assembly, pruning and
 * predicates. Exported: the reader and its options, predicates, read-only vectors and nested views, the
 * schema and metadata model, input files, logical value types; everything under {@code io.pqflux.internal}
 * is implementation, lent to the command-line tool where it shows pages and indexes, and to the reactive module
 * where datasets skip files by statistics and bloom filters.
 */
module io.pqflux.core {
    requires transitive io.pqflux.codec;

    exports io.pqflux.reader;
    exports io.pqflux.filter;
    exports io.pqflux.column;
    exports io.pqflux.nested;
    exports io.pqflux.schema;
    exports io.pqflux.format.meta;
    exports io.pqflux.io;
    exports io.pqflux.logical;

    exports io.pqflux.internal.format to io.pqflux.cli;
    exports io.pqflux.internal.page to io.pqflux.cli;
    exports io.pqflux.internal.bloom to io.pqflux.cli, io.pqflux.reactive;
    exports io.pqflux.internal.filter to io.pqflux.reactive;
    exports io.pqflux.internal.logical to io.pqflux.cli;
}
