package io.pqflux.cli;

/** A subcommand that reads one file or dataset; error messages name it. */
interface FileCommand {

    /** The FILE or DIR argument as given: a local path or an {@code s3://} URI. */
    String file();
}
