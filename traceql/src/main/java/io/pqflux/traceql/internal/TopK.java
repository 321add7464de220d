package io.pqflux.traceql.internal;

import java.util.Objects;

/** {@code | topk(n)} or {@code | bottomk(n)}: the n series with the highest or lowest values. */
public record TopK(boolean bottom, long limit, SourceRange range) implements SecondStage {
    public TopK {
        Objects.requireNonNull(range);
    }

    public String word() {
        return bottom ? "bottomk" : "topk";
    }
}
