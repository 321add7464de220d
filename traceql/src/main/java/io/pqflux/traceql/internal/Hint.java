package io.pqflux.traceql.internal;

import java.util.Objects;

/**
 * One {@code key=value} of {@code with(…)}. Keys are not checked: Tempo ignores the ones it does not know (and the
 * unsafe ones unless configured), so a hint never makes a query invalid. Known keys: {@code sample},
 * {@code span_sample}, {@code trace_sample}, {@code exemplars}, {@code most_recent}.
 */
public record Hint(String key, StaticValue value, SourceRange range) implements Node {
    public Hint {
        Objects.requireNonNull(key);
        Objects.requireNonNull(value);
        Objects.requireNonNull(range);
    }
}
