package io.pqflux.tempo.golden;

import io.opentelemetry.proto.trace.v1.TracesData;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One row of a vParquet3/4/5 {@code data.parquet} as a parquet-java oracle maps it: the trace-level columns as stored
 * and the row's {@code rs} list as OTLP.
 *
 * @param traceId           the 16 bytes of {@code TraceID}
 * @param traceIdText       {@code TraceIDText} (lowercase hex, leading zeros stripped)
 * @param startTimeUnixNano {@code StartTimeUnixNano} (unsigned)
 * @param endTimeUnixNano   {@code EndTimeUnixNano} (unsigned)
 * @param durationNano      {@code DurationNano} (unsigned)
 * @param serviceStats      {@code ServiceStats}: service name to {spanCount, errorCount}, in stored order (empty for vP3)
 * @param otlp              one {@code TracesData} whose resource spans are the row's {@code rs} elements
 */
public record GoldenTrace(byte[] traceId, String traceIdText, long startTimeUnixNano, long endTimeUnixNano,
                          long durationNano, String rootServiceName, String rootSpanName,
                          Map<String, long[]> serviceStats, TracesData otlp) {

    /** The trace-level columns but {@code ServiceStats}, as comparable values: the same trace in two formats. */
    public List<Object> traceLevelColumns() {
        return List.of(HexFormat.of().formatHex(traceId), traceIdText, startTimeUnixNano, endTimeUnixNano, durationNano,
                rootServiceName, rootSpanName);
    }
}
