package io.pqflux.traceql.internal;

import java.util.List;
import java.util.Objects;

/** Stages joined by {@code |}, evaluated left to right over spansets. Never empty. */
public record Pipeline(List<Stage> stages, SourceRange range) implements Node {
    public Pipeline {
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a pipeline has at least one stage");
        }
        Objects.requireNonNull(range);
    }
}
