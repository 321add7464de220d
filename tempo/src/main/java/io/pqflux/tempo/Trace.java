package io.pqflux.tempo;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One trace of a block (one Parquet row): the trace-level columns Tempo derives at write time, and the trace's OTLP
 * content as Tempo returns it (docs/tempo-format.md §7–§8: its attribute order, status always set, no schema URLs).
 * Times are unsigned 64-bit nanoseconds ({@link Long#toUnsignedString(long)} prints them). With the summary preset the
 * OTLP content is empty.
 */
public final class Trace {

    /** Spans and error spans (status code 2) of one service in the trace. */
    public record ServiceStats(long spanCount, long errorCount) {
    }

    private final byte[] traceId;
    private final long startTimeUnixNano;
    private final long endTimeUnixNano;
    private final long durationNano;
    private final String rootServiceName;
    private final String rootSpanName;
    private final Map<String, ServiceStats> serviceStats;
    private final List<ResourceSpans> resourceSpans;

    /**
     * @param traceId      the 16-byte trace ID as stored (64-bit IDs left-padded with zeros)
     * @param serviceStats by service name, in stored order
     */
    public Trace(byte[] traceId, long startTimeUnixNano, long endTimeUnixNano, long durationNano, String rootServiceName,
                 String rootSpanName, Map<String, ServiceStats> serviceStats, List<ResourceSpans> resourceSpans) {
        this.traceId = traceId.clone();
        this.startTimeUnixNano = startTimeUnixNano;
        this.endTimeUnixNano = endTimeUnixNano;
        this.durationNano = durationNano;
        this.rootServiceName = Objects.requireNonNull(rootServiceName);
        this.rootSpanName = Objects.requireNonNull(rootSpanName);
        this.serviceStats = Collections.unmodifiableMap(new LinkedHashMap<>(serviceStats));
        this.resourceSpans = List.copyOf(resourceSpans);
    }

    public byte[] traceId() {
        return traceId.clone();
    }

    /** The 16-byte ID as 32 lowercase hex digits. */
    public String traceIdHex() {
        return HexFormat.of().formatHex(traceId);
    }

    public long startTimeUnixNano() {
        return startTimeUnixNano;
    }

    public long endTimeUnixNano() {
        return endTimeUnixNano;
    }

    public long durationNano() {
        return durationNano;
    }

    /** Service of the root span, {@code ""} when the trace has no root. */
    public String rootServiceName() {
        return rootServiceName;
    }

    public String rootSpanName() {
        return rootSpanName;
    }

    public Map<String, ServiceStats> serviceStats() {
        return serviceStats;
    }

    public List<ResourceSpans> resourceSpans() {
        return resourceSpans;
    }

    public int spanCount() {
        int spans = 0;
        for (ResourceSpans rs : resourceSpans) {
            for (var ss : rs.getScopeSpansList()) spans += ss.getSpansCount();
        }
        return spans;
    }

    /** The OTLP content as one {@code TracesData} message (Tempo's {@code tempopb.Trace} has the same shape). */
    public TracesData toTracesData() {
        return TracesData.newBuilder().addAllResourceSpans(resourceSpans).build();
    }

    @Override
    public String toString() {
        return "Trace[" + traceIdHex() + ", " + spanCount() + " spans, root " + rootServiceName + " " + rootSpanName + "]";
    }
}
