package io.pqflux.otap.receiver;

import java.util.Objects;

/**
 * A table file a receiver stopped replaying because reading it failed (corrupt Parquet, columns the exporter never
 * writes); it stays out of every later poll.
 *
 * @param path  the file, relative to the export's base
 * @param error the failure's message
 */
public record QuarantinedFile(String path, String error) {

    public QuarantinedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(error, "error");
    }
}
