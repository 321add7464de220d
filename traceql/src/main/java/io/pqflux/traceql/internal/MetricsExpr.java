package io.pqflux.traceql.internal;

/**
 * A metrics query, or arithmetic over metrics queries and numbers: {@code ({} | rate()) / ({} | count_over_time())},
 * {@code 100 * ({} | rate())}. Constant arithmetic is folded when parsed, so a {@link Literal} is always an operand
 * of a {@link MetricsOperation} whose other side is not one.
 */
public sealed interface MetricsExpr extends Node permits MetricsPipeline, MetricsOperation, Literal {
}
