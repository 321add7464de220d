package io.pqflux.traceql.internal;

import java.util.List;
import java.util.Objects;

/** The pipeline stage {@code select(a, b, …)}: fields to return with the matched spans. Never empty. */
public record Select(List<FieldRef> fields, SourceRange range) implements Stage {
    public Select {
        fields = List.copyOf(fields);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("select() needs a field");
        }
        Objects.requireNonNull(range);
    }
}
