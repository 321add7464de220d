package io.pqflux.tempo;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.nio.ByteBuffer;
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
 *
 * <p>The content is held in the form it was read in ({@link TraceForm}): protobuf objects, or their encoding as a
 * {@code TracesData} message. Either form gives the other on demand, once: {@link #resourceSpans()} parses an encoded
 * trace, {@link #tracesData()} serializes an assembled one; both are byte for byte and object for object the same.
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
    private final int spanCount;
    /** The objects, when read as objects or parsed since; written once (a race parses twice, to equal lists). */
    private volatile List<ResourceSpans> resourceSpans;
    /** The encoding, when read encoded or serialized since; written once as above. */
    private volatile byte[] tracesData;

    /**
     * @param traceId      the 16-byte trace ID as stored (64-bit IDs left-padded with zeros)
     * @param serviceStats by service name, in stored order
     */
    public Trace(byte[] traceId, long startTimeUnixNano, long endTimeUnixNano, long durationNano, String rootServiceName,
                 String rootSpanName, Map<String, ServiceStats> serviceStats, List<ResourceSpans> resourceSpans) {
        this(traceId, startTimeUnixNano, endTimeUnixNano, durationNano, rootServiceName, rootSpanName, serviceStats,
                List.copyOf(resourceSpans), null, spanCount(resourceSpans));
    }

    private Trace(byte[] traceId, long startTimeUnixNano, long endTimeUnixNano, long durationNano, String rootServiceName,
                  String rootSpanName, Map<String, ServiceStats> serviceStats, List<ResourceSpans> resourceSpans,
                  byte[] tracesData, int spanCount) {
        this.traceId = traceId.clone();
        this.startTimeUnixNano = startTimeUnixNano;
        this.endTimeUnixNano = endTimeUnixNano;
        this.durationNano = durationNano;
        this.rootServiceName = Objects.requireNonNull(rootServiceName);
        this.rootSpanName = Objects.requireNonNull(rootSpanName);
        this.serviceStats = Collections.unmodifiableMap(new LinkedHashMap<>(serviceStats));
        this.resourceSpans = resourceSpans;
        this.tracesData = tracesData;
        this.spanCount = spanCount;
    }

    /**
     * A trace whose content is the encoding of a {@code TracesData} message (the array is kept, not copied: the
     * caller gives it up).
     *
     * @param spanCount the spans the encoding holds
     */
    public static Trace encoded(byte[] traceId, long startTimeUnixNano, long endTimeUnixNano, long durationNano,
                                String rootServiceName, String rootSpanName, Map<String, ServiceStats> serviceStats,
                                byte[] tracesData, int spanCount) {
        return new Trace(traceId, startTimeUnixNano, endTimeUnixNano, durationNano, rootServiceName, rootSpanName,
                serviceStats, null, Objects.requireNonNull(tracesData), spanCount);
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

    /** The OTLP content as objects; parsed from the encoding the first time when the trace was read encoded. */
    public List<ResourceSpans> resourceSpans() {
        List<ResourceSpans> objects = resourceSpans;
        if (objects == null) {
            try {
                resourceSpans = objects = TracesData.parseFrom(tracesData).getResourceSpansList();
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("trace " + traceIdHex() + ": its encoding does not parse", e);
            }
        }
        return objects;
    }

    /**
     * The OTLP content encoded as a {@code TracesData} message, which is also Tempo's {@code tempopb.Trace}: read-only;
     * serialized the first time when the trace was read as objects.
     */
    public ByteBuffer tracesData() {
        byte[] encoded = tracesData;
        if (encoded == null) tracesData = encoded = toTracesData().toByteArray();
        return ByteBuffer.wrap(encoded).asReadOnlyBuffer();
    }

    /** The size of {@link #tracesData()} in bytes; computed without encoding when the trace was read as objects. */
    public long serializedSize() {
        byte[] encoded = tracesData;
        return encoded != null ? encoded.length : toTracesData().getSerializedSize();
    }

    public int spanCount() {
        return spanCount;
    }

    /** The OTLP content as one {@code TracesData} message (Tempo's {@code tempopb.Trace} has the same shape). */
    public TracesData toTracesData() {
        return TracesData.newBuilder().addAllResourceSpans(resourceSpans()).build();
    }

    private static int spanCount(List<ResourceSpans> resourceSpans) {
        int spans = 0;
        for (ResourceSpans rs : resourceSpans) {
            for (var ss : rs.getScopeSpansList()) spans += ss.getSpansCount();
        }
        return spans;
    }

    @Override
    public String toString() {
        return "Trace[" + traceIdHex() + ", " + spanCount() + " spans, root " + rootServiceName + " " + rootSpanName + "]";
    }
}
