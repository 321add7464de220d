/**
 * The Parquet reader: footer and metadata model, I/O, pages, column vectors, nested assembly, pruning and
 * predicates. Exported: the reader and its options, predicates, read-only vectors and nested views, the
 * schema and metadata model, input files, logical value types, the keys of encrypted files, and file pruning by
 * statistics and bloom filters
 * (which datasets use before opening a file); everything under {@code io.pqflux.internal} is implementation, lent
 * to the command-line tool where it shows pages and indexes.
 */
// the qualified exports name io.pqflux.cli, which is compiled after this module
@SuppressWarnings("module")
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
    exports io.pqflux.crypto;

    exports io.pqflux.internal.format to io.pqflux.cli;
    exports io.pqflux.internal.page to io.pqflux.cli;
    exports io.pqflux.internal.bloom to io.pqflux.cli;
    exports io.pqflux.internal.logical to io.pqflux.cli;
    exports io.pqflux.internal.crypto to io.pqflux.cli;
}
