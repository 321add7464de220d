package io.pqflux.otap.internal.join;

import com.google.protobuf.Message;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.LogsData;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.MetricsData;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.otap.Signal;

/** The OTLP envelope of each signal: data → resource → scope → record. */
final class SignalShapes {

    private SignalShapes() {
    }

    /** A batch's data message being built. */
    interface Batch {
        /** Starts a resource group; returns its handle for {@link #scope}. */
        Object resource(Resource resource, String schemaUrl);

        /** Starts a scope group in a resource group; returns its handle for {@link #record}. */
        Object scope(Object resource, InstrumentationScope scope, String schemaUrl);

        void record(Object scope, Message record);

        Message build();
    }

    static Batch of(Signal signal) {
        return switch (signal) {
            case LOGS -> new Batch() {
                final LogsData.Builder data = LogsData.newBuilder();

                public Object resource(Resource resource, String schemaUrl) {
                    ResourceLogs.Builder r = data.addResourceLogsBuilder().setSchemaUrl(schemaUrl);
                    if (resource != null) r.setResource(resource);
                    return r;
                }

                public Object scope(Object resource, InstrumentationScope scope, String schemaUrl) {
                    ScopeLogs.Builder s = ((ResourceLogs.Builder) resource).addScopeLogsBuilder().setSchemaUrl(schemaUrl);
                    if (scope != null) s.setScope(scope);
                    return s;
                }

                public void record(Object scope, Message record) {
                    ((ScopeLogs.Builder) scope).addLogRecords((LogRecord) record);
                }

                public Message build() {
                    return data.build();
                }
            };
            case TRACES -> new Batch() {
                final TracesData.Builder data = TracesData.newBuilder();

                public Object resource(Resource resource, String schemaUrl) {
                    ResourceSpans.Builder r = data.addResourceSpansBuilder().setSchemaUrl(schemaUrl);
                    if (resource != null) r.setResource(resource);
                    return r;
                }

                public Object scope(Object resource, InstrumentationScope scope, String schemaUrl) {
                    ScopeSpans.Builder s = ((ResourceSpans.Builder) resource).addScopeSpansBuilder().setSchemaUrl(schemaUrl);
                    if (scope != null) s.setScope(scope);
                    return s;
                }

                public void record(Object scope, Message record) {
                    ((ScopeSpans.Builder) scope).addSpans((Span) record);
                }

                public Message build() {
                    return data.build();
                }
            };
            case METRICS -> new Batch() {
                final MetricsData.Builder data = MetricsData.newBuilder();

                public Object resource(Resource resource, String schemaUrl) {
                    ResourceMetrics.Builder r = data.addResourceMetricsBuilder().setSchemaUrl(schemaUrl);
                    if (resource != null) r.setResource(resource);
                    return r;
                }

                public Object scope(Object resource, InstrumentationScope scope, String schemaUrl) {
                    ScopeMetrics.Builder s =
                            ((ResourceMetrics.Builder) resource).addScopeMetricsBuilder().setSchemaUrl(schemaUrl);
                    if (scope != null) s.setScope(scope);
                    return s;
                }

                public void record(Object scope, Message record) {
                    ((ScopeMetrics.Builder) scope).addMetrics((Metric) record);
                }

                public Message build() {
                    return data.build();
                }
            };
        };
    }
}
