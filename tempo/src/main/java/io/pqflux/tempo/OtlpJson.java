package io.pqflux.tempo;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.otlp.OtlpJson.Dialect;
import java.util.stream.Collectors;

/**
 * Traces as JSON, in the two dialects users meet: the OTLP specification's JSON encoding (see {@link
 * io.pqflux.otlp.OtlpJson}) and Tempo's HTTP responses (gogo jsonpb: every {@code bytes} field as base64, enums as
 * names; v1 names the list {@code batches}, v2 wraps the trace in {@code {"trace":…}}).
 */
public final class OtlpJson {

    private OtlpJson() {
    }

    /** One OTLP/JSON {@code TracesData} object, {@code {"resourceSpans":[…]}}, on one line. */
    public static String otlp(TracesData traces) {
        return io.pqflux.otlp.OtlpJson.write(traces);
    }

    /** Tempo's {@code GET /api/traces/{id}} body: {@code {"batches":[…]}}. */
    public static String tempoV1(TracesData traces) {
        return traces.getResourceSpansList().stream().map(OtlpJson::jsonpb)
                .collect(Collectors.joining(",", "{\"batches\":[", "]}"));
    }

    /** Tempo's {@code GET /api/v2/traces/{id}} body: {@code {"trace":{"resourceSpans":[…]},"metrics":{…}}}. */
    public static String tempoV2(TracesData traces, long inspectedBytes) {
        String metrics = inspectedBytes == 0 ? "{}"
                : "{\"inspectedBytes\":\"" + Long.toUnsignedString(inspectedBytes) + "\"}";
        return "{\"trace\":" + io.pqflux.otlp.OtlpJson.write(traces, Dialect.JSONPB) + ",\"metrics\":" + metrics + "}";
    }

    private static String jsonpb(ResourceSpans resourceSpans) {
        return io.pqflux.otlp.OtlpJson.write(resourceSpans, Dialect.JSONPB);
    }
}
