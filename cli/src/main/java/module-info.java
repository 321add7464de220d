/**
 * The {@code pqflux} command: inspect files, print rows as JSON lines or CSV, filter and project; local or in any object store (s3:// with its module); Tempo
 * blocks and OTAP exports as OTLP.
 */
module io.pqflux.cli {
    requires io.pqflux.core;
    requires io.pqflux.storage;
    requires io.pqflux.reactive;
    requires io.pqflux.tempo.query;
    requires io.pqflux.tempo.server;
    // the server's bind failure (ChannelBindException) is named
    requires reactor.netty.core;
    requires io.pqflux.otap;
    requires io.pqflux.otlp;
    // s3:// locations: the store module provides the storage module's service; nothing here names it
    requires info.picocli;

    // picocli reads the command classes' annotations and fields reflectively.
    opens io.pqflux.cli to info.picocli;
}
