package io.pqflux.bench.server;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server's log, quietened for measurements: its line per request (built only when logged) would be printed among a
 * load's or a benchmark's own output, thousands a second; warnings and errors still show.
 */
final class ServerLog {

    /** Kept: the logging framework holds its loggers weakly, and the level set on a dropped one is lost. */
    private static final Logger SERVER = Logger.getLogger("io.pqflux.tempo.server");

    private ServerLog() {
    }

    static void warningsOnly() {
        SERVER.setLevel(Level.WARNING);
    }
}
