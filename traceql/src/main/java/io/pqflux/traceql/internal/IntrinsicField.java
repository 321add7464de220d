package io.pqflux.traceql.internal;

import java.util.Objects;

/** An intrinsic, however it was spelled ({@code duration} and {@code span:duration} give the same node). */
public record IntrinsicField(Intrinsic intrinsic, SourceRange range) implements FieldRef {
    public IntrinsicField {
        Objects.requireNonNull(intrinsic);
        Objects.requireNonNull(range);
    }
}
