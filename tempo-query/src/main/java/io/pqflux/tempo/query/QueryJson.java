package io.pqflux.tempo.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.pqflux.otlp.OtlpJson;
import io.pqflux.otlp.OtlpJson.Dialect;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.TreeMap;

/**
 * Query answers as Tempo's HTTP API gives them (gogo jsonpb conventions: 64-bit integers as strings, zero values left
 * out, enums as names): search, TraceQL metrics, tag names and values. Traces by ID are {@code TempoJson}'s.
 */
public final class QueryJson {

    private static final JsonFactory JSON = new JsonFactory();

    private QueryJson() {
    }

    /**
     * Tempo's {@code GET /api/search} body: {@code {"traces":[…],"metrics":{…}}}, each trace with its spansets (and
     * the first again as the deprecated {@code spanSet}); 64-bit counts as strings, zero values left out.
     */
    public static String search(SearchResponse response) {
        return document(json -> {
            json.writeArrayFieldStart("traces");
            for (TraceSearchResult trace : response.traces()) searchResult(json, trace);
            json.writeEndArray();
            searchMetrics(json, response.metrics());
        });
    }

    private static void searchResult(JsonGenerator json, TraceSearchResult trace) throws IOException {
        json.writeStartObject();
        string(json, "traceID", trace.traceId());
        string(json, "rootServiceName", trace.rootServiceName());
        string(json, "rootTraceName", trace.rootTraceName());
        uint64(json, "startTimeUnixNano", trace.startTimeUnixNano());
        number(json, "durationMs", trace.durationMs());
        if (!trace.spanSets().isEmpty()) {
            json.writeFieldName("spanSet");
            spanSet(json, trace.spanSets().getFirst());
            json.writeArrayFieldStart("spanSets");
            for (TraceSearchResult.SpanSet set : trace.spanSets()) spanSet(json, set);
            json.writeEndArray();
        }
        if (!trace.serviceStats().isEmpty()) {
            json.writeObjectFieldStart("serviceStats");
            for (var e : new TreeMap<>(trace.serviceStats()).entrySet()) {
                json.writeObjectFieldStart(e.getKey());
                number(json, "spanCount", e.getValue().spanCount());
                number(json, "errorCount", e.getValue().errorCount());
                json.writeEndObject();
            }
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void spanSet(JsonGenerator json, TraceSearchResult.SpanSet set) throws IOException {
        json.writeStartObject();
        if (!set.spans().isEmpty()) {
            json.writeArrayFieldStart("spans");
            for (TraceSearchResult.MatchedSpan span : set.spans()) {
                json.writeStartObject();
                string(json, "spanID", span.spanId());
                string(json, "name", span.name());
                uint64(json, "startTimeUnixNano", span.startTimeUnixNano());
                uint64(json, "durationNanos", span.durationNanos());
                attributes(json, span.attributes());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        number(json, "matched", set.matched());
        attributes(json, set.attributes());
        json.writeEndObject();
    }

    private static void attributes(JsonGenerator json, List<KeyValue> attributes) throws IOException {
        attributeList(json, "attributes", attributes);
    }

    private static void string(JsonGenerator json, String field, String value) throws IOException {
        if (!value.isEmpty()) json.writeStringField(field, value);
    }

    private static void number(JsonGenerator json, String field, long value) throws IOException {
        if (value != 0) json.writeNumberField(field, value);
    }

    /** jsonpb writes 64-bit integers as strings. */
    private static void uint64(JsonGenerator json, String field, long value) throws IOException {
        if (value != 0) json.writeStringField(field, Long.toUnsignedString(value));
    }

    /** Tempo's {@code SearchMetrics}: 64-bit counts as strings, zero values left out. */
    private static void searchMetrics(JsonGenerator json, SearchResponse.Metrics m) throws IOException {
        json.writeObjectFieldStart("metrics");
        number(json, "inspectedTraces", m.inspectedTraces());
        uint64(json, "inspectedBytes", m.inspectedBytes());
        number(json, "totalBlocks", m.totalBlocks());
        number(json, "completedJobs", m.completedJobs());
        number(json, "totalJobs", m.totalBlocks());
        uint64(json, "totalBlockBytes", m.totalBlockBytes());
        uint64(json, "inspectedSpans", m.inspectedSpans());
        json.writeEndObject();
    }

    /**
     * Tempo's {@code GET /api/metrics/query_range} body: {@code {"series":[{"labels":[…],"samples":[{"timestampMs":
     * "…","value":…}],"exemplars":[…]}],"metrics":{…}}}; timestamps (64-bit) as strings, empty lists left out.
     */
    public static String queryRange(MetricsResponse response) {
        return document(json -> {
            json.writeArrayFieldStart("series");
            for (MetricsResponse.Series series : response.series()) {
                json.writeStartObject();
                attributeList(json, "labels", series.labels());
                if (!series.samples().isEmpty()) {
                    json.writeArrayFieldStart("samples");
                    for (MetricsResponse.Sample sample : series.samples()) {
                        json.writeStartObject();
                        int64(json, "timestampMs", sample.timestampMs());
                        goFloat(json, "value", sample.value());
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                }
                if (!series.exemplars().isEmpty()) {
                    json.writeArrayFieldStart("exemplars");
                    for (MetricsResponse.Exemplar exemplar : series.exemplars()) {
                        json.writeStartObject();
                        attributeList(json, "labels", exemplar.labels());
                        goFloat(json, "value", exemplar.value());
                        int64(json, "timestampMs", exemplar.timestampMs());
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            searchMetrics(json, response.metrics());
        });
    }

    /**
     * Tempo's {@code GET /api/metrics/query} body: {@code {"series":[{"labels":[…],"value":…}],"metrics":{…}}}, each
     * series' one value (the frontend's {@code translateQueryRangeToInstant}).
     */
    public static String queryInstant(MetricsResponse response) {
        return document(json -> {
            json.writeArrayFieldStart("series");
            for (MetricsResponse.Series series : response.series()) {
                if (series.samples().isEmpty()) continue;
                json.writeStartObject();
                attributeList(json, "labels", series.labels());
                goFloat(json, "value", series.samples().getFirst().value());
                json.writeEndObject();
            }
            json.writeEndArray();
            searchMetrics(json, response.metrics());
        });
    }

    private static void attributeList(JsonGenerator json, String field, List<KeyValue> attributes) throws IOException {
        if (attributes.isEmpty()) return;
        json.writeArrayFieldStart(field);
        for (KeyValue kv : attributes) json.writeRawValue(OtlpJson.write(kv, Dialect.JSONPB));
        json.writeEndArray();
    }

    private static void int64(JsonGenerator json, String field, long value) throws IOException {
        if (value != 0) json.writeStringField(field, Long.toString(value));
    }

    /**
     * A double as Go's jsonpb writes it: NaN and the infinities as strings, other values in their shortest form, plain
     * from 1e-6 to 1e21, with an exponent ({@code 1e-07} → {@code 1e-7}) outside; zero left out.
     */
    private static void goFloat(JsonGenerator json, String field, double value) throws IOException {
        if (value == 0) return;
        if (Double.isNaN(value)) {
            json.writeStringField(field, "NaN");
        } else if (Double.isInfinite(value)) {
            json.writeStringField(field, value > 0 ? "Infinity" : "-Infinity");
        } else {
            json.writeFieldName(field);
            json.writeRawValue(goFloatText(value));
        }
    }

    static String goFloatText(double value) {
        java.math.BigDecimal exact = new java.math.BigDecimal(Double.toString(value)).stripTrailingZeros();
        double abs = Math.abs(value);
        if (abs >= 1e-6 && abs < 1e21) return exact.toPlainString();
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (value < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.abs(exponent);
    }

    /**
     * Tempo's {@code GET /api/v2/search/tags} body: {@code {"scopes":[{"name":…,"tags":[…]}],"metrics":{…}}}.
     */
    public static String tagsV2(TagNames names) {
        return document(json -> {
            json.writeArrayFieldStart("scopes");
            for (TagNames.ScopeNames scope : names.scopes()) {
                json.writeStartObject();
                json.writeStringField("name", scope.name());
                stringArray(json, "tags", scope.tags());
                json.writeEndObject();
            }
            json.writeEndArray();
            metadataMetrics(json, names.metrics());
        });
    }

    /**
     * Tempo's {@code GET /api/search/tags} body: {@code {"tagNames":[…],"metrics":{…}}}, the scopes' names in one
     * sorted list; the intrinsics only when they were asked for alone (v1 adds them only for {@code scope=intrinsic}).
     */
    public static String tagsV1(TagNames names) {
        return document(json -> {
            stringArray(json, "tagNames", names.v1Names());
            metadataMetrics(json, names.metrics());
        });
    }

    /** Tempo's {@code GET /api/v2/search/tag/{tag}/values} body: {@code {"tagValues":[{"type":…,"value":…}],"metrics":{…}}}. */
    public static String tagValuesV2(TagValues values) {
        return document(json -> {
            json.writeArrayFieldStart("tagValues");
            for (TagValues.TagValue value : values.values()) {
                json.writeStartObject();
                string(json, "type", value.type());
                string(json, "value", value.value());
                json.writeEndObject();
            }
            json.writeEndArray();
            metadataMetrics(json, values.metrics());
        });
    }

    /** Tempo's {@code GET /api/search/tag/{tag}/values} body: {@code {"tagValues":["…"],"metrics":{…}}}. */
    public static String tagValuesV1(TagValues values) {
        return document(json -> {
            stringArray(json, "tagValues", values.v1Values());
            metadataMetrics(json, values.metrics());
        });
    }

    private interface JsonBody {
        void write(JsonGenerator json) throws IOException;
    }

    private static String document(JsonBody body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            body.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void stringArray(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) json.writeString(value);
        json.writeEndArray();
    }

    private static void metadataMetrics(JsonGenerator json, MetadataMetrics m) throws IOException {
        json.writeObjectFieldStart("metrics");
        uint64(json, "inspectedBytes", m.inspectedBytes());
        number(json, "totalJobs", m.totalJobs());
        number(json, "completedJobs", m.completedJobs());
        number(json, "totalBlocks", m.totalBlocks());
        uint64(json, "totalBlockBytes", m.totalBlockBytes());
        json.writeEndObject();
    }
}
