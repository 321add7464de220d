package io.pqflux.otap.generator;

import com.google.protobuf.Message;
import io.opentelemetry.proto.logs.v1.LogsData;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.MetricsData;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.util.ArrayList;
import java.util.List;

/**
 * OTLP messages flattened to one record each with its resource and scope, so that inputs and replays compare record by
 * record whatever the batching (the replay cannot always tell two exporter batches apart, and need not).
 * {@link Golden#records} gives the golden records of a written export in replay order; {@link #canonicalRecords} those
 * of a replayed batch, in the same form.
 */
public final class Flattened {

    private Flattened() {
    }

    public static List<Message> of(Message data) {
        List<Message> out = new ArrayList<>();
        switch (data) {
            case LogsData logs -> {
                for (ResourceLogs r : logs.getResourceLogsList()) {
                    for (ScopeLogs s : r.getScopeLogsList()) {
                        s.getLogRecordsList().forEach(record -> out.add(LogsData.newBuilder().addResourceLogs(
                                r.toBuilder().clearScopeLogs().addScopeLogs(s.toBuilder().clearLogRecords()
                                        .addLogRecords(record))).build()));
                    }
                }
            }
            case TracesData traces -> {
                for (ResourceSpans r : traces.getResourceSpansList()) {
                    for (ScopeSpans s : r.getScopeSpansList()) {
                        s.getSpansList().forEach(span -> out.add(TracesData.newBuilder().addResourceSpans(
                                r.toBuilder().clearScopeSpans().addScopeSpans(s.toBuilder().clearSpans()
                                        .addSpans(span))).build()));
                    }
                }
            }
            case MetricsData metrics -> {
                for (ResourceMetrics r : metrics.getResourceMetricsList()) {
                    for (ScopeMetrics s : r.getScopeMetricsList()) {
                        s.getMetricsList().forEach(metric -> out.add(MetricsData.newBuilder().addResourceMetrics(
                                r.toBuilder().clearScopeMetrics().addScopeMetrics(s.toBuilder().clearMetrics()
                                        .addMetrics(metric))).build()));
                    }
                }
            }
            default -> throw new IllegalArgumentException(data.getClass().getName());
        }
        return out;
    }

    /** The batch's records, flattened after {@link Golden#canonical(Message)}: comparable with {@link Golden#records}. */
    public static List<Message> canonicalRecords(Message data) {
        return of(Golden.canonical(data));
    }

    /** The record with its resource's and scope's attributes removed (for records whose attributes were left off). */
    public static Message withoutResourceAndScopeAttributes(Message record) {
        return withoutAttributes(record, true, true);
    }

    private static Message withoutAttributes(Message record, boolean resource, boolean scope) {
        return switch (record) {
            case LogsData logs -> {
                LogsData.Builder b = logs.toBuilder();
                if (resource) b.getResourceLogsBuilder(0).getResourceBuilder().clearAttributes();
                if (scope) b.getResourceLogsBuilder(0).getScopeLogsBuilder(0).getScopeBuilder().clearAttributes();
                yield b.build();
            }
            case TracesData traces -> {
                TracesData.Builder b = traces.toBuilder();
                if (resource) b.getResourceSpansBuilder(0).getResourceBuilder().clearAttributes();
                if (scope) b.getResourceSpansBuilder(0).getScopeSpansBuilder(0).getScopeBuilder().clearAttributes();
                yield b.build();
            }
            case MetricsData metrics -> {
                MetricsData.Builder b = metrics.toBuilder();
                if (resource) b.getResourceMetricsBuilder(0).getResourceBuilder().clearAttributes();
                if (scope) b.getResourceMetricsBuilder(0).getScopeMetricsBuilder(0).getScopeBuilder().clearAttributes();
                yield b.build();
            }
            default -> throw new IllegalArgumentException(record.getClass().getName());
        };
    }

    /** The resource's and the scope's attribute lists of a flattened record; an empty list where they were left off. */
    public static List<List<io.opentelemetry.proto.common.v1.KeyValue>> resourceAndScopeAttributes(Message record) {
        return switch (record) {
            case LogsData logs -> List.of(logs.getResourceLogs(0).getResource().getAttributesList(),
                    logs.getResourceLogs(0).getScopeLogs(0).getScope().getAttributesList());
            case TracesData traces -> List.of(traces.getResourceSpans(0).getResource().getAttributesList(),
                    traces.getResourceSpans(0).getScopeSpans(0).getScope().getAttributesList());
            case MetricsData metrics -> List.of(metrics.getResourceMetrics(0).getResource().getAttributesList(),
                    metrics.getResourceMetrics(0).getScopeMetrics(0).getScope().getAttributesList());
            default -> throw new IllegalArgumentException(record.getClass().getName());
        };
    }
}
