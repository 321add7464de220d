package io.pqflux.traceql.internal;

import java.util.List;
import java.util.Objects;

/**
 * {@code rate()}, {@code count_over_time()}, {@code min_over_time(f)}, {@code max_over_time(f)},
 * {@code sum_over_time(f)}, {@code avg_over_time(f)}, {@code histogram_over_time(f)} and
 * {@code quantile_over_time(f, q1, q2, …)}, each with an optional {@code by(f1, f2, …)}.
 */
public record MetricsAggregate(
    MetricsFunction function, FieldRef field, List<Double> quantiles, List<FieldRef> by, SourceRange range)
    implements MetricsStage {

    /**
     * @param field null exactly when the function takes none
     * @param quantiles non-empty for {@code quantile_over_time} only
     */
    public MetricsAggregate {
        Objects.requireNonNull(function);
        quantiles = List.copyOf(quantiles);
        by = List.copyOf(by);
        Objects.requireNonNull(range);
        if (function.takesField() != (field != null)) {
            throw new IllegalArgumentException(function.word() + (field == null ? " needs" : " takes no") + " field");
        }
        if ((function == MetricsFunction.QUANTILE_OVER_TIME) == quantiles.isEmpty()) {
            throw new IllegalArgumentException("quantiles are for quantile_over_time only, and it needs one");
        }
    }
}
