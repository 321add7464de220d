package io.pqflux.otap.generator;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.LogsData;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.MetricsData;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.otap.Signal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The golden expectation of a round trip through the exporter's files: {@code canonical(read) == expected(input)}.
 *
 * <ul>
 *   <li>{@code preserved}: the OTLP the exporter can keep — span and link {@code flags} 0, {@code is_monotonic}
 *       false, {@code zero_threshold} 0 (dropped columns, docs/otap-format.md §12.2), resource {@code entity_refs}
 *       cleared (no OTAP column), scopes without records and resources without such scopes removed (no root row
 *       refers to them; their attribute rows are written all the same, under ids nothing joins), an absent resource
 *       or scope set to the empty one (its {@code resource}/{@code scope} struct is there, with null or zero fields).
 *       Input order kept.</li>
 *   <li>{@code canonical}: an order-free form, applied to both sides, since the exporter's input may be reordered
 *       (docs/otap-format.md §11, §13): attributes, metric metadata and exemplar filtered attributes sorted by key
 *       (then value), and records within a scope, span events, span links, data points and exemplars sorted by their
 *       serialized bytes (after canonicalising their insides). Resources and scopes keep their order (the sort keys
 *       start with {@code resource.id}, {@code scope.id}). A value equal to its message's default is cleared
 *       ({@code body}, span {@code status}, exponential {@code positive}/{@code negative} buckets, a key's empty
 *       value), since a reader cannot tell "unset" from "set to the default". A top-level attribute or body double
 *       {@code -0.0} counts as {@code 0.0}: the encoder writes the defaults before a column's first non-default value
 *       as the default ({@link ColumnBuilder}), so whether a {@code -0.0} survives depends on its neighbours in the
 *       batch (inside kvlists and arrays, CBOR keeps it).</li>
 * </ul>
 * Not modelled: the exemplar value ambiguity of docs/otap-format.md §12.2 (a batch whose exemplars lack int or double
 * values gets the other column zero-filled); {@link OtlpSamples} avoids it by giving every exemplar-bearing point both
 * kinds.
 */
public final class Golden {

    private Golden() {
    }

    public static LogsData expected(LogsData in) {
        return canonical(preserved(in));
    }

    public static TracesData expected(TracesData in) {
        return canonical(preserved(in));
    }

    public static MetricsData expected(MetricsData in) {
        return canonical(preserved(in));
    }

    /** {@link #expected} of any signal's message. */
    public static Message expected(Message in) {
        return switch (in) {
            case LogsData logs -> expected(logs);
            case TracesData traces -> expected(traces);
            case MetricsData metrics -> expected(metrics);
            default -> throw new IllegalArgumentException(in.getClass().getName());
        };
    }

    /** {@link #canonical} of any signal's message. */
    public static Message canonical(Message in) {
        return switch (in) {
            case LogsData logs -> canonical(logs);
            case TracesData traces -> canonical(traces);
            case MetricsData metrics -> canonical(metrics);
            default -> throw new IllegalArgumentException(in.getClass().getName());
        };
    }

    /**
     * The golden records of {@code signal} in the export {@code exporter} wrote from {@code written} (every batch it
     * was given, of any signal, in order), each {@link Flattened flattened}, in the order a replay delivers them:
     * partitions by name, batches in order within each, records in canonical order within a scope.
     */
    public static List<Message> records(Signal signal, List<? extends Message> written, ExporterSimulator exporter) {
        List<ExporterSimulator.BatchInterval> batches = exporter.batches();
        if (batches.size() != written.size()) {
            throw new IllegalArgumentException(written.size() + " batches given, " + batches.size() + " written");
        }
        boolean partitioned = exporter.settings().partitioned();
        List<Message> records = new ArrayList<>();
        batches.stream().filter(b -> b.signal() == signal)
                .sorted(Comparator.comparing((ExporterSimulator.BatchInterval b) -> partitioned ? b.partition().toString() : "")
                        .thenComparingLong(ExporterSimulator.BatchInterval::sequence))
                .forEach(b -> records.addAll(Flattened.of(expected(written.get((int) b.sequence())))));
        return records;
    }

    // ---------------------------------------------------------------- preserved

    public static LogsData preserved(LogsData in) {
        LogsData.Builder out = LogsData.newBuilder();
        for (ResourceLogs resource : in.getResourceLogsList()) {
            ResourceLogs.Builder r = resource.toBuilder().clearScopeLogs().setResource(preserved(resource.getResource()));
            for (ScopeLogs scope : resource.getScopeLogsList()) {
                if (scope.getLogRecordsCount() > 0) r.addScopeLogs(scope.toBuilder().setScope(scope.getScope()));
            }
            if (r.getScopeLogsCount() > 0) out.addResourceLogs(r);
        }
        return out.build();
    }

    public static TracesData preserved(TracesData in) {
        TracesData.Builder out = TracesData.newBuilder();
        for (ResourceSpans resource : in.getResourceSpansList()) {
            ResourceSpans.Builder r = resource.toBuilder().clearScopeSpans().setResource(preserved(resource.getResource()));
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                if (scope.getSpansCount() == 0) continue;
                ScopeSpans.Builder s = scope.toBuilder().clearSpans().setScope(scope.getScope());
                for (Span span : scope.getSpansList()) {
                    Span.Builder b = span.toBuilder().setFlags(0).clearLinks();
                    for (Span.Link link : span.getLinksList()) b.addLinks(link.toBuilder().setFlags(0));
                    s.addSpans(b);
                }
                r.addScopeSpans(s);
            }
            if (r.getScopeSpansCount() > 0) out.addResourceSpans(r);
        }
        return out.build();
    }

    public static MetricsData preserved(MetricsData in) {
        MetricsData.Builder out = MetricsData.newBuilder();
        for (ResourceMetrics resource : in.getResourceMetricsList()) {
            ResourceMetrics.Builder r = resource.toBuilder().clearScopeMetrics().setResource(preserved(resource.getResource()));
            for (ScopeMetrics scope : resource.getScopeMetricsList()) {
                if (scope.getMetricsCount() == 0) continue;
                ScopeMetrics.Builder s = scope.toBuilder().clearMetrics().setScope(scope.getScope());
                for (Metric metric : scope.getMetricsList()) {
                    Metric.Builder m = metric.toBuilder();
                    if (metric.hasSum()) m.setSum(metric.getSum().toBuilder().setIsMonotonic(false));
                    if (metric.hasExponentialHistogram()) {
                        var exp = metric.getExponentialHistogram().toBuilder().clearDataPoints();
                        for (ExponentialHistogramDataPoint point : metric.getExponentialHistogram().getDataPointsList()) {
                            exp.addDataPoints(point.toBuilder().setZeroThreshold(0));
                        }
                        m.setExponentialHistogram(exp);
                    }
                    s.addMetrics(m);
                }
                r.addScopeMetrics(s);
            }
            if (r.getScopeMetricsCount() > 0) out.addResourceMetrics(r);
        }
        return out.build();
    }

    private static Resource preserved(Resource resource) {
        return resource.toBuilder().clearEntityRefs().build();
    }

    // ---------------------------------------------------------------- canonical

    public static LogsData canonical(LogsData in) {
        LogsData.Builder out = LogsData.newBuilder();
        for (ResourceLogs resource : in.getResourceLogsList()) {
            ResourceLogs.Builder r = resource.toBuilder().clearScopeLogs().setResource(canonical(resource.getResource()));
            for (ScopeLogs scope : resource.getScopeLogsList()) {
                ScopeLogs.Builder s = scope.toBuilder().clearLogRecords().setScope(canonical(scope.getScope()));
                s.addAllLogRecords(sortedBytes(scope.getLogRecordsList(), Golden::canonical));
                r.addScopeLogs(s);
            }
            out.addResourceLogs(r);
        }
        return out.build();
    }

    public static TracesData canonical(TracesData in) {
        TracesData.Builder out = TracesData.newBuilder();
        for (ResourceSpans resource : in.getResourceSpansList()) {
            ResourceSpans.Builder r = resource.toBuilder().clearScopeSpans().setResource(canonical(resource.getResource()));
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                ScopeSpans.Builder s = scope.toBuilder().clearSpans().setScope(canonical(scope.getScope()));
                s.addAllSpans(sortedBytes(scope.getSpansList(), Golden::canonical));
                r.addScopeSpans(s);
            }
            out.addResourceSpans(r);
        }
        return out.build();
    }

    public static MetricsData canonical(MetricsData in) {
        MetricsData.Builder out = MetricsData.newBuilder();
        for (ResourceMetrics resource : in.getResourceMetricsList()) {
            ResourceMetrics.Builder r = resource.toBuilder().clearScopeMetrics().setResource(canonical(resource.getResource()));
            for (ScopeMetrics scope : resource.getScopeMetricsList()) {
                ScopeMetrics.Builder s = scope.toBuilder().clearMetrics().setScope(canonical(scope.getScope()));
                s.addAllMetrics(sortedBytes(scope.getMetricsList(), Golden::canonical));
                r.addScopeMetrics(s);
            }
            out.addResourceMetrics(r);
        }
        return out.build();
    }

    private static Resource canonical(Resource resource) {
        return resource.toBuilder().clearAttributes().addAllAttributes(attributes(resource.getAttributesList())).build();
    }

    private static InstrumentationScope canonical(InstrumentationScope scope) {
        return scope.toBuilder().clearAttributes().addAllAttributes(attributes(scope.getAttributesList())).build();
    }

    private static LogRecord canonical(LogRecord log) {
        LogRecord.Builder b = log.toBuilder().clearAttributes().addAllAttributes(attributes(log.getAttributesList()));
        if (log.hasBody()) {
            AnyValue body = positiveZero(value(log.getBody()));
            if (body.equals(AnyValue.getDefaultInstance())) b.clearBody();
            else b.setBody(body);
        }
        return b.build();
    }

    private static Span canonical(Span span) {
        Span.Builder b = span.toBuilder().clearAttributes().addAllAttributes(attributes(span.getAttributesList()))
                .clearEvents().clearLinks();
        b.addAllEvents(sortedBytes(span.getEventsList(), e -> e.toBuilder().clearAttributes()
                .addAllAttributes(attributes(e.getAttributesList())).build()));
        b.addAllLinks(sortedBytes(span.getLinksList(), l -> l.toBuilder().clearAttributes()
                .addAllAttributes(attributes(l.getAttributesList())).build()));
        if (span.hasStatus() && span.getStatus().equals(span.getStatus().getDefaultInstanceForType())) b.clearStatus();
        return b.build();
    }

    private static Metric canonical(Metric metric) {
        Metric.Builder b = metric.toBuilder().clearMetadata().addAllMetadata(attributes(metric.getMetadataList()));
        switch (metric.getDataCase()) {
            case GAUGE -> b.setGauge(metric.getGauge().toBuilder().clearDataPoints()
                    .addAllDataPoints(sortedBytes(metric.getGauge().getDataPointsList(), Golden::canonical)));
            case SUM -> b.setSum(metric.getSum().toBuilder().clearDataPoints()
                    .addAllDataPoints(sortedBytes(metric.getSum().getDataPointsList(), Golden::canonical)));
            case HISTOGRAM -> b.setHistogram(metric.getHistogram().toBuilder().clearDataPoints()
                    .addAllDataPoints(sortedBytes(metric.getHistogram().getDataPointsList(), Golden::canonical)));
            case EXPONENTIAL_HISTOGRAM -> b.setExponentialHistogram(metric.getExponentialHistogram().toBuilder()
                    .clearDataPoints().addAllDataPoints(sortedBytes(
                            metric.getExponentialHistogram().getDataPointsList(), Golden::canonical)));
            case SUMMARY -> b.setSummary(metric.getSummary().toBuilder().clearDataPoints()
                    .addAllDataPoints(sortedBytes(metric.getSummary().getDataPointsList(), Golden::canonical)));
            case DATA_NOT_SET -> { }
        }
        return b.build();
    }

    private static NumberDataPoint canonical(NumberDataPoint point) {
        return point.toBuilder().clearAttributes().addAllAttributes(attributes(point.getAttributesList()))
                .clearExemplars().addAllExemplars(exemplars(point.getExemplarsList())).build();
    }

    private static HistogramDataPoint canonical(HistogramDataPoint point) {
        return point.toBuilder().clearAttributes().addAllAttributes(attributes(point.getAttributesList()))
                .clearExemplars().addAllExemplars(exemplars(point.getExemplarsList())).build();
    }

    private static ExponentialHistogramDataPoint canonical(ExponentialHistogramDataPoint point) {
        ExponentialHistogramDataPoint.Builder b = point.toBuilder().clearAttributes()
                .addAllAttributes(attributes(point.getAttributesList()))
                .clearExemplars().addAllExemplars(exemplars(point.getExemplarsList()));
        var empty = ExponentialHistogramDataPoint.Buckets.getDefaultInstance();
        if (point.hasPositive() && point.getPositive().equals(empty)) b.clearPositive();
        if (point.hasNegative() && point.getNegative().equals(empty)) b.clearNegative();
        return b.build();
    }

    private static SummaryDataPoint canonical(SummaryDataPoint point) {
        return point.toBuilder().clearAttributes().addAllAttributes(attributes(point.getAttributesList())).build();
    }

    private static List<Exemplar> exemplars(List<Exemplar> exemplars) {
        return sortedBytes(exemplars, e -> e.toBuilder().clearFilteredAttributes()
                .addAllFilteredAttributes(attributes(e.getFilteredAttributesList())).build());
    }

    /** Attributes sorted by key, then by value bytes; values canonical inside (kvlist order is data and kept). */
    private static List<KeyValue> attributes(List<KeyValue> attributes) {
        return attributes.stream().map(kv -> keyValue(kv.toBuilder().setValue(positiveZero(kv.getValue())).build()))
                .sorted(Comparator.comparing(KeyValue::getKey).thenComparing(kv -> kv.getValue().toByteString(),
                        ByteString.unsignedLexicographicalComparator()))
                .toList();
    }

    private static KeyValue keyValue(KeyValue kv) {
        AnyValue value = value(kv.getValue());
        return value.equals(AnyValue.getDefaultInstance()) ? kv.toBuilder().clearValue().build()
                : kv.toBuilder().setValue(value).build();
    }

    /** A double {@code -0.0} as {@code 0.0}, anything else as it is. */
    private static AnyValue positiveZero(AnyValue value) {
        return value.getValueCase() == AnyValue.ValueCase.DOUBLE_VALUE && value.getDoubleValue() == 0.0
                ? AnyValue.newBuilder().setDoubleValue(0.0).build() : value;
    }

    private static AnyValue value(AnyValue value) {
        return switch (value.getValueCase()) {
            case KVLIST_VALUE -> AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder().addAllValues(
                    value.getKvlistValue().getValuesList().stream().map(Golden::keyValue).toList())).build();
            case ARRAY_VALUE -> AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder().addAllValues(
                    value.getArrayValue().getValuesList().stream().map(Golden::value).toList())).build();
            default -> value;
        };
    }

    private static <T extends Message> List<T> sortedBytes(List<T> items, UnaryOperator<T> canonical) {
        return items.stream().map(canonical)
                .sorted(Comparator.comparing(Message::toByteString, ByteString.unsignedLexicographicalComparator()))
                .toList();
    }
}
