package io.pqflux.otap.generatortest;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.LogsData;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.MetricsData;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.otap.generator.CborValues;
import io.pqflux.otap.generator.ExporterSettings;
import io.pqflux.otap.generator.ExporterSimulator;
import io.pqflux.otap.generator.Golden;
import io.pqflux.otap.generator.OtlpSamples;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenAndSamplesTest {

    private static void assertTraceId(Group row, LogRecord log) {
        if (log.getTraceId().isEmpty()) assertThat(row.getFieldRepetitionCount("trace_id")).isZero();
        else assertThat(row.getBinary("trace_id", 0).getBytes()).isEqualTo(log.getTraceId().toByteArray());
    }

    @TempDir
    Path base;

    private static List<LogRecord> records(LogsData data) {
        return data.getResourceLogsList().stream().flatMap(r -> r.getScopeLogsList().stream())
                .flatMap(s -> s.getLogRecordsList().stream()).toList();
    }

    private static void collectKinds(AnyValue value, Set<AnyValue.ValueCase> kinds, int depth, int[] maxDepth) {
        kinds.add(value.getValueCase());
        maxDepth[0] = Math.max(maxDepth[0], depth);
        value.getKvlistValue().getValuesList().forEach(kv -> collectKinds(kv.getValue(), kinds, depth + 1, maxDepth));
        value.getArrayValue().getValuesList().forEach(v -> collectKinds(v, kinds, depth + 1, maxDepth));
    }

    @Test
    void samplesCoverEveryValueKindAndMetricType() {
        Set<AnyValue.ValueCase> bodies = EnumSet.noneOf(AnyValue.ValueCase.class);
        Set<AnyValue.ValueCase> attributes = EnumSet.noneOf(AnyValue.ValueCase.class);
        int[] depth = {0};
        for (LogsData batch : OtlpSamples.logs(1, 4, 20)) {
            assertThat(batch.getResourceLogsCount()).isGreaterThan(1);
            for (LogRecord log : records(batch)) {
                bodies.add(log.getBody().getValueCase());
                for (KeyValue kv : log.getAttributesList()) collectKinds(kv.getValue(), attributes, 0, depth);
            }
            assertThat(records(batch).getFirst().getAttributesCount()).isPositive();
            assertThat(records(batch)).anyMatch(l -> l.getAttributesCount() == 0);
        }
        Set<AnyValue.ValueCase> all = EnumSet.allOf(AnyValue.ValueCase.class);
        all.remove(AnyValue.ValueCase.STRING_VALUE_STRINDEX);
        assertThat(bodies).isEqualTo(all);
        assertThat(attributes).isEqualTo(all);
        assertThat(depth[0]).isGreaterThanOrEqualTo(2);
        Set<Metric.DataCase> types = EnumSet.noneOf(Metric.DataCase.class);
        OtlpSamples.metrics(1, 2, 12).forEach(m -> m.getResourceMetricsList().forEach(r -> r.getScopeMetricsList()
                .forEach(s -> s.getMetricsList().forEach(metric -> types.add(metric.getDataCase())))));
        assertThat(types).containsExactlyInAnyOrder(Metric.DataCase.GAUGE, Metric.DataCase.SUM, Metric.DataCase.HISTOGRAM,
                Metric.DataCase.EXPONENTIAL_HISTOGRAM, Metric.DataCase.SUMMARY);
        assertThat(OtlpSamples.logs(1, 2, 20)).isEqualTo(OtlpSamples.logs(1, 2, 20));
        assertThat(OtlpSamples.logs(1, 2, 20)).isNotEqualTo(OtlpSamples.logs(2, 2, 20));
    }

    @Test
    void expectedDropsWhatTheTemplatesDrop() {
        TracesData traces = OtlpSamples.traces(1, 1, 20).getFirst();
        List<Span> spans = traces.getResourceSpansList().stream().flatMap(r -> r.getScopeSpansList().stream())
                .flatMap(s -> s.getSpansList().stream()).toList();
        assertThat(spans).anyMatch(s -> s.getFlags() != 0);
        TracesData expected = Golden.expected(traces);
        expected.getResourceSpansList().forEach(r -> r.getScopeSpansList().forEach(s -> s.getSpansList().forEach(span -> {
            assertThat(span.getFlags()).isZero();
            span.getLinksList().forEach(link -> assertThat(link.getFlags()).isZero());
        })));
        MetricsData metrics = Golden.expected(OtlpSamples.metrics(1, 1, 12).getFirst());
        metrics.getResourceMetricsList().forEach(r -> r.getScopeMetricsList().forEach(s -> s.getMetricsList().forEach(m -> {
            assertThat(m.getSum().getIsMonotonic()).isFalse();
            m.getExponentialHistogram().getDataPointsList().forEach(p -> assertThat(p.getZeroThreshold()).isZero());
        })));
    }

    @Test
    void canonicalFormIgnoresAttributeAndRecordOrder() {
        LogsData in = OtlpSamples.logs(3, 1, 12).getFirst();
        Random random = new Random(1);
        LogsData.Builder shuffled = LogsData.newBuilder();
        for (ResourceLogs resource : in.getResourceLogsList()) {
            ResourceLogs.Builder r = resource.toBuilder().clearScopeLogs();
            for (ScopeLogs scope : resource.getScopeLogsList()) {
                List<LogRecord> logs = new ArrayList<>();
                for (LogRecord log : scope.getLogRecordsList()) {
                    List<KeyValue> attributes = new ArrayList<>(log.getAttributesList());
                    Collections.shuffle(attributes, random);
                    logs.add(log.toBuilder().clearAttributes().addAllAttributes(attributes).build());
                }
                Collections.shuffle(logs, random);
                r.addScopeLogs(scope.toBuilder().clearLogRecords().addAllLogRecords(logs));
            }
            shuffled.addResourceLogs(r);
        }
        assertThat(shuffled.build()).isNotEqualTo(in);
        assertThat(Golden.canonical(shuffled.build())).isEqualTo(Golden.expected(in));
        assertThat(Golden.canonical(Golden.expected(in))).isEqualTo(Golden.expected(in));
    }

    /** In OTLP-encoder order a single batch's rows are the records in OTLP order: check values against the input. */
    @Test
    void logValuesAreStoredAsTheSpecSays() {
        LogsData in = OtlpSamples.logs(4, 1, 16).getFirst();
        ExporterSimulator exporter = new ExporterSimulator(base, ExporterSettings.defaults());
        exporter.write(in);
        exporter.close();
        List<LogRecord> records = records(in);
        List<Group> rows = TableFiles.rows(base, "logs");
        assertThat(rows).hasSize(records.size());
        List<Long> resourceIds = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Group row = rows.get(i);
            LogRecord log = records.get(i);
            assertThat(row.getLong("time_unix_nano", 0)).isEqualTo(log.getTimeUnixNano());
            assertThat(row.getLong("observed_time_unix_nano", 0)).isEqualTo(log.getObservedTimeUnixNano());
            resourceIds.add(TableFiles.u32(row.getGroup("resource", 0), "id"));
            AnyValue value = log.getBody();
            if (row.getFieldRepetitionCount("body") == 0) {
                // an empty value is a null body struct
                assertThat(value.getValueCase()).isEqualTo(AnyValue.ValueCase.VALUE_NOT_SET);
                continue;
            }
            Group body = row.getGroup("body", 0);
            assertThat(body.getInteger("type", 0)).isEqualTo(switch (value.getValueCase()) {
                case VALUE_NOT_SET -> 0;
                case STRING_VALUE -> 1;
                case INT_VALUE -> 2;
                case DOUBLE_VALUE -> 3;
                case BOOL_VALUE -> 4;
                case KVLIST_VALUE -> 5;
                case ARRAY_VALUE -> 6;
                case BYTES_VALUE -> 7;
                case STRING_VALUE_STRINDEX -> -1;
            });
            switch (value.getValueCase()) {
                case STRING_VALUE -> assertThat(body.getString("str", 0)).isEqualTo(value.getStringValue());
                case INT_VALUE -> assertThat(body.getLong("int", 0)).isEqualTo(value.getIntValue());
                case DOUBLE_VALUE -> assertThat(body.getDouble("double", 0)).isEqualTo(value.getDoubleValue());
                case BOOL_VALUE -> assertThat(body.getBoolean("bool", 0)).isEqualTo(value.getBoolValue());
                case BYTES_VALUE -> assertThat(body.getBinary("bytes", 0).getBytes()).isEqualTo(value.getBytesValue().toByteArray());
                case KVLIST_VALUE, ARRAY_VALUE -> assertThat(body.getBinary("ser", 0).getBytes()).isEqualTo(CborValues.encode(value));
                default -> { }
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            assertTraceId(rows.get(i), records.get(i));
        }
        assertThat(resourceIds).isSorted().startsWith(0L).contains((long) in.getResourceLogsCount() - 1);
        // attributes in record order, first batch: parent_id is the attributed log's ordinal
        List<Group> attrs = TableFiles.rows(base, "log_attrs");
        int row = 0;
        long attributed = 0;
        for (LogRecord log : records) {
            if (log.getAttributesCount() == 0) continue;
            for (KeyValue kv : log.getAttributesList()) {
                assertThat(TableFiles.u32(attrs.get(row), "parent_id")).isEqualTo(attributed);
                assertThat(attrs.get(row++).getString("key", 0)).isEqualTo(kv.getKey());
            }
            attributed++;
        }
        assertThat(row).isEqualTo(attrs.size());
    }
}
