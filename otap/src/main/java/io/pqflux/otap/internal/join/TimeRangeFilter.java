package io.pqflux.otap.internal.join;

import com.google.protobuf.Message;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.LogsData;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.MetricsData;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.otap.TimeRange;
import java.util.List;
import java.util.function.Predicate;

/**
 * A joined batch cut down to the records of a {@link TimeRange}: log records by their time (the observed time when the
 * time is 0, as OTLP leaves it unset), spans by their start, metrics to their data points in the range. Resource and
 * scope groups left empty are dropped, so are metrics left without data points; what stays is untouched, joined as
 * the whole batch was.
 */
final class TimeRangeFilter {

    private TimeRangeFilter() {
    }

    /** A log record's time: {@code time_unix_nano}, or {@code observed_time_unix_nano} when that is 0 (unknown). */
    static long logTime(LogRecord record) {
        return record.getTimeUnixNano() != 0 ? record.getTimeUnixNano() : record.getObservedTimeUnixNano();
    }

    /** {@code data} with only the records in {@code range}. */
    static Message filter(Message data, TimeRange range) {
        return switch (data) {
            case LogsData logs -> logs(logs, range);
            case TracesData traces -> traces(traces, range);
            case MetricsData metrics -> metrics(metrics, range);
            default -> throw new IllegalArgumentException(data.getClass().getName());
        };
    }

    /** The log records, spans or metrics in {@code data}. */
    static int records(Message data) {
        return switch (data) {
            case LogsData logs -> logs.getResourceLogsList().stream()
                    .flatMap(r -> r.getScopeLogsList().stream()).mapToInt(ScopeLogs::getLogRecordsCount).sum();
            case TracesData traces -> traces.getResourceSpansList().stream()
                    .flatMap(r -> r.getScopeSpansList().stream()).mapToInt(ScopeSpans::getSpansCount).sum();
            case MetricsData metrics -> metrics.getResourceMetricsList().stream()
                    .flatMap(r -> r.getScopeMetricsList().stream()).mapToInt(ScopeMetrics::getMetricsCount).sum();
            default -> throw new IllegalArgumentException(data.getClass().getName());
        };
    }

    private static LogsData logs(LogsData data, TimeRange range) {
        LogsData.Builder out = LogsData.newBuilder();
        for (ResourceLogs resource : data.getResourceLogsList()) {
            ResourceLogs.Builder r = resource.toBuilder().clearScopeLogs();
            for (ScopeLogs scope : resource.getScopeLogsList()) {
                List<LogRecord> kept = kept(scope.getLogRecordsList(), record -> range.contains(logTime(record)));
                if (!kept.isEmpty()) r.addScopeLogs(scope.toBuilder().clearLogRecords().addAllLogRecords(kept));
            }
            if (r.getScopeLogsCount() > 0) out.addResourceLogs(r);
        }
        return out.build();
    }

    private static TracesData traces(TracesData data, TimeRange range) {
        TracesData.Builder out = TracesData.newBuilder();
        for (ResourceSpans resource : data.getResourceSpansList()) {
            ResourceSpans.Builder r = resource.toBuilder().clearScopeSpans();
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                List<Span> kept = kept(scope.getSpansList(), span -> range.contains(span.getStartTimeUnixNano()));
                if (!kept.isEmpty()) r.addScopeSpans(scope.toBuilder().clearSpans().addAllSpans(kept));
            }
            if (r.getScopeSpansCount() > 0) out.addResourceSpans(r);
        }
        return out.build();
    }

    private static MetricsData metrics(MetricsData data, TimeRange range) {
        MetricsData.Builder out = MetricsData.newBuilder();
        for (ResourceMetrics resource : data.getResourceMetricsList()) {
            ResourceMetrics.Builder r = resource.toBuilder().clearScopeMetrics();
            for (ScopeMetrics scope : resource.getScopeMetricsList()) {
                ScopeMetrics.Builder s = scope.toBuilder().clearMetrics();
                for (Metric metric : scope.getMetricsList()) {
                    Metric kept = metric(metric, range);
                    if (kept != null) s.addMetrics(kept);
                }
                if (s.getMetricsCount() > 0) r.addScopeMetrics(s);
            }
            if (r.getScopeMetricsCount() > 0) out.addResourceMetrics(r);
        }
        return out.build();
    }

    /** The metric with its data points in {@code range}, or null when none is. */
    private static Metric metric(Metric metric, TimeRange range) {
        Metric.Builder m = metric.toBuilder();
        int points = switch (metric.getDataCase()) {
            case GAUGE -> {
                var kept = kept(metric.getGauge().getDataPointsList(), p -> range.contains(p.getTimeUnixNano()));
                m.getGaugeBuilder().clearDataPoints().addAllDataPoints(kept);
                yield kept.size();
            }
            case SUM -> {
                var kept = kept(metric.getSum().getDataPointsList(), p -> range.contains(p.getTimeUnixNano()));
                m.getSumBuilder().clearDataPoints().addAllDataPoints(kept);
                yield kept.size();
            }
            case HISTOGRAM -> {
                var kept = kept(metric.getHistogram().getDataPointsList(), p -> range.contains(p.getTimeUnixNano()));
                m.getHistogramBuilder().clearDataPoints().addAllDataPoints(kept);
                yield kept.size();
            }
            case EXPONENTIAL_HISTOGRAM -> {
                var kept = kept(metric.getExponentialHistogram().getDataPointsList(),
                        p -> range.contains(p.getTimeUnixNano()));
                m.getExponentialHistogramBuilder().clearDataPoints().addAllDataPoints(kept);
                yield kept.size();
            }
            case SUMMARY -> {
                var kept = kept(metric.getSummary().getDataPointsList(), p -> range.contains(p.getTimeUnixNano()));
                m.getSummaryBuilder().clearDataPoints().addAllDataPoints(kept);
                yield kept.size();
            }
            case DATA_NOT_SET -> 0;
        };
        return points == 0 ? null : m.build();
    }

    private static <T> List<T> kept(List<T> records, Predicate<T> inRange) {
        return records.stream().filter(inRange).toList();
    }
}
