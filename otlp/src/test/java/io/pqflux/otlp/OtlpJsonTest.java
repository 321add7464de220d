package io.pqflux.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.MetricsData;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.otlp.testing.OtlpJsonDecoder;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** OTLP/JSON of every signal against an independent decoder, protobuf-java-util's JsonFormat (OtlpJsonDecoder). */
class OtlpJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ByteString TRACE_ID = bytes("0102030405060708090a0b0c0d0e0f10");
    private static final ByteString SPAN_ID = bytes("a1a2a3a4a5a6a7a8");

    @Test
    void logsDecodeBackToTheSameMessageWithHexIds() throws Exception {
        LogsData logs = LogsData.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("service.name", string("checkout"))))
                .addScopeLogs(ScopeLogs.newBuilder().setScope(InstrumentationScope.newBuilder().setName("lib").setVersion("1"))
                        .addLogRecords(LogRecord.newBuilder().setTimeUnixNano(-10L).setObservedTimeUnixNano(1_700_000_000_000_000_000L)
                                .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_WARN).setSeverityText("WARN")
                                .setBody(AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                                        .addValues(attribute("n", AnyValue.newBuilder().setIntValue(Long.MIN_VALUE).build()))
                                        .addValues(attribute("a", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                                                .addValues(AnyValue.newBuilder().setDoubleValue(Double.NaN))
                                                .addValues(AnyValue.newBuilder().setBytesValue(bytes("00ff")))
                                                .addValues(AnyValue.newBuilder().setBoolValue(true))).build()))))
                                .addAttributes(attribute("http.method", string("GET")))
                                .setDroppedAttributesCount(3).setFlags(1)
                                .setTraceId(TRACE_ID).setSpanId(SPAN_ID))
                        .addLogRecords(LogRecord.newBuilder().setBody(string("plain")))))
                .build();

        JsonNode record = assertRoundTrip(logs).at("/resourceLogs/0/scopeLogs/0/logRecords/0");
        assertThat(record.get("traceId").asText()).isEqualTo("0102030405060708090a0b0c0d0e0f10");
        assertThat(record.get("spanId").asText()).isEqualTo("a1a2a3a4a5a6a7a8");
        assertThat(record.get("severityNumber").isInt()).isTrue();
        assertThat(record.get("severityNumber").asInt()).isEqualTo(13);
        assertThat(record.get("timeUnixNano").asText()).isEqualTo("18446744073709551606");
        // non-id bytes stay base64
        assertThat(record.at("/body/kvlistValue/values/1/value/arrayValue/values/1/bytesValue").asText()).isEqualTo("AP8=");
        assertThat(record.at("/body/kvlistValue/values/0/value/intValue").asText()).isEqualTo("-9223372036854775808");
    }

    @Test
    void tracesDecodeBackToTheSameMessageWithHexIds() throws Exception {
        TracesData traces = TracesData.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("service.name", string("frontend"))))
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(Span.newBuilder().setTraceId(TRACE_ID).setSpanId(SPAN_ID)
                        .setParentSpanId(bytes("0000000000000001")).setName("GET /").setKind(Span.SpanKind.SPAN_KIND_SERVER)
                        .setStartTimeUnixNano(1).setEndTimeUnixNano(2).setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR))
                        .addEvents(Span.Event.newBuilder().setName("e").setTimeUnixNano(3))
                        .addLinks(Span.Link.newBuilder().setTraceId(TRACE_ID).setSpanId(bytes("0909090909090909"))))))
                .build();

        JsonNode span = assertRoundTrip(traces).at("/resourceSpans/0/scopeSpans/0/spans/0");
        assertThat(span.get("parentSpanId").asText()).isEqualTo("0000000000000001");
        assertThat(span.at("/links/0/spanId").asText()).isEqualTo("0909090909090909");
        assertThat(span.get("kind").asInt()).isEqualTo(2);
    }

    @Test
    void metricsOfEveryKindDecodeBackToTheSameMessageWithHexExemplarIds() throws Exception {
        Exemplar exemplar = Exemplar.newBuilder().setTimeUnixNano(5).setAsDouble(1.5).setTraceId(TRACE_ID).setSpanId(SPAN_ID)
                .addFilteredAttributes(attribute("k", string("v"))).build();
        MetricsData metrics = MetricsData.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .addScopeMetrics(ScopeMetrics.newBuilder()
                        .addMetrics(Metric.newBuilder().setName("g").setUnit("1").setGauge(Gauge.newBuilder()
                                .addDataPoints(NumberDataPoint.newBuilder().setAsInt(-7).setTimeUnixNano(9).addExemplars(exemplar))))
                        .addMetrics(Metric.newBuilder().setName("s").setSum(Sum.newBuilder().setIsMonotonic(true)
                                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                                .addDataPoints(NumberDataPoint.newBuilder().setAsDouble(Double.POSITIVE_INFINITY))))
                        .addMetrics(Metric.newBuilder().setName("h").setHistogram(Histogram.newBuilder()
                                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                                .addDataPoints(HistogramDataPoint.newBuilder().setCount(3).setSum(4.5).setMin(1).setMax(2)
                                        .addBucketCounts(1).addBucketCounts(2).addExplicitBounds(1.0).addExemplars(exemplar))))
                        .addMetrics(Metric.newBuilder().setName("e").setExponentialHistogram(ExponentialHistogram.newBuilder()
                                .addDataPoints(ExponentialHistogramDataPoint.newBuilder().setScale(-2).setZeroCount(1)
                                        .setPositive(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(-3).addBucketCounts(4)))))
                        .addMetrics(Metric.newBuilder().setName("q").setSummary(Summary.newBuilder()
                                .addDataPoints(SummaryDataPoint.newBuilder().setCount(2).setSum(3)
                                        .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.5).setValue(1)))))))
                .build();

        JsonNode scope = assertRoundTrip(metrics).at("/resourceMetrics/0/scopeMetrics/0");
        assertThat(scope.at("/metrics/0/gauge/dataPoints/0/exemplars/0/traceId").asText()).isEqualTo("0102030405060708090a0b0c0d0e0f10");
        assertThat(scope.at("/metrics/2/histogram/dataPoints/0/exemplars/0/spanId").asText()).isEqualTo("a1a2a3a4a5a6a7a8");
        assertThat(scope.at("/metrics/0/gauge/dataPoints/0/asInt").asText()).isEqualTo("-7");
        assertThat(scope.at("/metrics/1/sum/aggregationTemporality").asInt()).isEqualTo(2);
        assertThat(scope.at("/metrics/1/sum/dataPoints/0/asDouble").asText()).isEqualTo("Infinity");
        assertThat(scope.at("/metrics/2/histogram/dataPoints/0/count").asText()).isEqualTo("3");
    }

    @Test
    void jsonpbWritesEveryBytesFieldAsBase64AndEnumsByName() throws Exception {
        Span span = Span.newBuilder().setTraceId(TRACE_ID).setKind(Span.SpanKind.SPAN_KIND_CLIENT).build();
        JsonNode json = JSON.readTree(OtlpJson.write(span, OtlpJson.Dialect.JSONPB));
        assertThat(json.get("traceId").asText()).isEqualTo(Base64.getEncoder().encodeToString(TRACE_ID.toByteArray()));
        assertThat(json.get("kind").asText()).isEqualTo("SPAN_KIND_CLIENT");
    }

    /** Writes, checks the output is one line, decodes with JsonFormat and compares; the tree as written. */
    private static JsonNode assertRoundTrip(Message message) throws Exception {
        String json = OtlpJson.write(message);
        assertThat(json).doesNotContain("\n");
        assertThat(OtlpJsonDecoder.decode(json, message.getDefaultInstanceForType())).isEqualTo(message);
        return JSON.readTree(json);
    }

    private static KeyValue attribute(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    private static AnyValue string(String s) {
        return AnyValue.newBuilder().setStringValue(s).build();
    }

    private static ByteString bytes(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }
}
