package io.pqflux.tempo;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.TracesData;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.pqflux.otlp.OtlpJson;
import io.pqflux.otlp.OtlpJson.Dialect;
import java.util.stream.Collectors;

/**
 * Traces as Tempo's HTTP API answers them (gogo jsonpb: every {@code bytes} field as base64, enums as names; v1 names
 * the list {@code batches}, v2 wraps the trace in {@code {"trace":…}}). The OTLP specification's JSON encoding is
 * {@link OtlpJson#write}.
 */
public final class TempoJson {

    private TempoJson() {
    }

    /** Tempo's {@code GET /api/traces/{id}} body: {@code {"batches":[…]}}. */
    public static String tempoV1(TracesData traces) {
        return traces.getResourceSpansList().stream().map(TempoJson::jsonpb)
                .collect(Collectors.joining(",", "{\"batches\":[", "]}"));
    }

    /** Tempo's {@code GET /api/v2/traces/{id}} body: {@code {"trace":{"resourceSpans":[…]},"metrics":{…}}}. */
    public static String tempoV2(TracesData traces, long inspectedBytes) {
        return v2Document(traces, inspectedBytes).append('}').toString();
    }

    /**
     * Tempo's {@code GET /api/v2/traces/{id}} body for a trace cut to the size limit: the spans that fit, {@code
     * "status":"PARTIAL"} and a message saying why.
     */
    public static String tempoV2Partial(TracesData traces, long inspectedBytes, String message) {
        return v2Document(traces, inspectedBytes).append(",\"status\":\"PARTIAL\",\"message\":")
                .append('"').append(JsonStringEncoder.getInstance().quoteAsString(message)).append('"').append('}').toString();
    }

    private static StringBuilder v2Document(TracesData traces, long inspectedBytes) {
        String metrics = inspectedBytes == 0 ? "{}"
                : "{\"inspectedBytes\":\"" + Long.toUnsignedString(inspectedBytes) + "\"}";
        return new StringBuilder("{\"trace\":").append(OtlpJson.write(traces, Dialect.JSONPB))
                .append(",\"metrics\":").append(metrics);
    }

    private static String jsonpb(ResourceSpans resourceSpans) {
        return OtlpJson.write(resourceSpans, Dialect.JSONPB);
    }
}
