/** The {@code pqflux} command: inspect files, print rows as JSON lines or CSV, filter and project. */
module io.pqflux.cli {
    requires io.pqflux.core;
    requires info.picocli;

    // picocli reads the command classes' annotations and fields reflectively.
    opens io.pqflux.cli to info.picocli;
}
