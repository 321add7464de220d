package io.pqflux.cli;

/** A subcommand that reads one file; error messages name it. */
interface FileCommand {

    /** The FILE argument as given: a local path or an {@code s3://} URI. */
    String file();
}
