package io.pqflux.traceql.internal;

import java.util.Objects;

/** The pipeline stage {@code coalesce()}: merges the spansets of a trace again. */
public record Coalesce(SourceRange range) implements Stage {
    public Coalesce {
        Objects.requireNonNull(range);
    }
}
