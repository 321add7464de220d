package io.pqflux.traceql.internal;

/** The metrics functions other than {@code compare()}, with what they take. */
public enum MetricsFunction {
    RATE("rate", false, 5),
    COUNT_OVER_TIME("count_over_time", false, 5),
    MIN_OVER_TIME("min_over_time", true, 5),
    MAX_OVER_TIME("max_over_time", true, 5),
    SUM_OVER_TIME("sum_over_time", true, 5),
    AVG_OVER_TIME("avg_over_time", true, 4),
    HISTOGRAM_OVER_TIME("histogram_over_time", true, 4),
    QUANTILE_OVER_TIME("quantile_over_time", true, 4);

    private final String word;
    private final boolean takesField;
    private final int maxGroupBy;

    MetricsFunction(String word, boolean takesField, int maxGroupBy) {
        this.word = word;
        this.takesField = takesField;
        this.maxGroupBy = maxGroupBy;
    }

    public String word() {
        return word;
    }

    /** Whether the function takes a field as its first argument ({@code min_over_time(duration)}). */
    public boolean takesField() {
        return takesField;
    }

    /**
     * How many {@code by} fields Tempo evaluates: 5 series labels, of which the bucketing functions and
     * {@code avg_over_time} keep one for themselves.
     */
    public int maxGroupBy() {
        return maxGroupBy;
    }
}
