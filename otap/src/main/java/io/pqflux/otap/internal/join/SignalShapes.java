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

    /**
     * A batch's data message being built.
     *
     * @param <R> the signal's resource group builder ({@code ResourceLogs.Builder}, …)
     * @param <S> the signal's scope group builder ({@code ScopeLogs.Builder}, …)
     */
    interface Batch<R, S> {
        /** Starts a resource group. */
        R resource(Resource resource, String schemaUrl);

        /** Starts a scope group in a resource group. */
        S scope(R resource, InstrumentationScope scope, String schemaUrl);

        /** Adds a record (the signal's: {@code LogRecord}, {@code Span}, {@code Metric}) to a scope group. */
        void record(S scope, Message record);

        Message build();
    }

    static Batch<?, ?> of(Signal signal) {
        return switch (signal) {
            case LOGS -> new Batch<ResourceLogs.Builder, ScopeLogs.Builder>() {
                final LogsData.Builder data = LogsData.newBuilder();

                @Override
                public ResourceLogs.Builder resource(Resource resource, String schemaUrl) {
                    ResourceLogs.Builder r = data.addResourceLogsBuilder().setSchemaUrl(schemaUrl);
                    if (resource != null) r.setResource(resource);
                    return r;
                }

                @Override
                public ScopeLogs.Builder scope(ResourceLogs.Builder resource, InstrumentationScope scope, String schemaUrl) {
                    ScopeLogs.Builder s = resource.addScopeLogsBuilder().setSchemaUrl(schemaUrl);
                    if (scope != null) s.setScope(scope);
                    return s;
                }

                @Override
                public void record(ScopeLogs.Builder scope, Message record) {
                    scope.addLogRecords((LogRecord) record);
                }

                @Override
                public Message build() {
                    return data.build();
                }
            };
            case TRACES -> new Batch<ResourceSpans.Builder, ScopeSpans.Builder>() {
                final TracesData.Builder data = TracesData.newBuilder();

                @Override
                public ResourceSpans.Builder resource(Resource resource, String schemaUrl) {
                    ResourceSpans.Builder r = data.addResourceSpansBuilder().setSchemaUrl(schemaUrl);
                    if (resource != null) r.setResource(resource);
                    return r;
                }

                @Override
                public ScopeSpans.Builder scope(ResourceSpans.Builder resource, InstrumentationScope scope, String schemaUrl) {
                    ScopeSpans.Builder s = resource.addScopeSpansBuilder().setSchemaUrl(schemaUrl);
                    if (scope != null) s.setScope(scope);
                    return s;
                }

                @Override
                public void record(ScopeSpans.Builder scope, Message record) {
                    scope.addSpans((Span) record);
                }

                @Override
                public Message build() {
                    return data.build();
                }
            };
            case METRICS -> new Batch<ResourceMetrics.Builder, ScopeMetrics.Builder>() {
                final MetricsData.Builder data = MetricsData.newBuilder();

                @Override
                public ResourceMetrics.Builder resource(Resource resource, String schemaUrl) {
                    ResourceMetrics.Builder r = data.addResourceMetricsBuilder().setSchemaUrl(schemaUrl);
                    if (resource != null) r.setResource(resource);
                    return r;
                }

                @Override
                public ScopeMetrics.Builder scope(ResourceMetrics.Builder resource, InstrumentationScope scope, String schemaUrl) {
                    ScopeMetrics.Builder s =
                            resource.addScopeMetricsBuilder().setSchemaUrl(schemaUrl);
                    if (scope != null) s.setScope(scope);
                    return s;
                }

                @Override
                public void record(ScopeMetrics.Builder scope, Message record) {
                    scope.addMetrics((Metric) record);
                }

                @Override
                public Message build() {
                    return data.build();
                }
            };
        };
    }
}
