package io.pqflux.tempo.internal.assembly;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.pqflux.nested.SlotReader;
import java.util.List;
import java.util.Map;

/**
 * The span columns every format stores the same way (IDs, name, kind, trace state, start and duration, status, dropped
 * counts), read by span slot into a builder the format's mapper completes with attributes, events and links.
 */
public final class SpanColumns {

    /** The span leaves this class reads, the spans preset's span columns. */
    public static final List<String> LEAVES = List.of("SpanID", "ParentSpanID", "Name", "Kind", "TraceState",
            "StartTimeUnixNano", "DurationNano", "StatusCode", "StatusMessage", "DroppedAttributesCount",
            "DroppedEventsCount", "DroppedLinksCount");

    private final SlotReader spanId, parentSpanId, name, kind, traceState, start, duration, statusCode, statusMessage,
            droppedAttributes, droppedEvents, droppedLinks;

    private SpanColumns(Map<String, SlotReader> leaves, String span) {
        spanId = leaves.get(span + "SpanID");
        parentSpanId = leaves.get(span + "ParentSpanID");
        name = leaves.get(span + "Name");
        kind = leaves.get(span + "Kind");
        traceState = leaves.get(span + "TraceState");
        start = leaves.get(span + "StartTimeUnixNano");
        duration = leaves.get(span + "DurationNano");
        statusCode = leaves.get(span + "StatusCode");
        statusMessage = leaves.get(span + "StatusMessage");
        droppedAttributes = leaves.get(span + "DroppedAttributesCount");
        droppedEvents = leaves.get(span + "DroppedEventsCount");
        droppedLinks = leaves.get(span + "DroppedLinksCount");
    }

    /**
     * @param span the path of a span element, up to and including the dot before its leaves
     * @return null when the batch does not hold the spans (a summary read)
     */
    public static SpanColumns of(Map<String, SlotReader> leaves, String span) {
        return leaves.containsKey(span + "SpanID") ? new SpanColumns(leaves, span) : null;
    }

    /** A leaf below the span element: its structure gives the span slots of a scope. */
    public SlotReader spans() {
        return spanId;
    }

    /** The span's start, which its events' times are relative to. */
    public long start(int s) {
        return start.int64(s);
    }

    /** The span's stored fields; the end time is start + duration in unsigned 64-bit arithmetic, status always set. */
    public Span.Builder builder(int s, ByteString traceId) {
        long startNanos = start.int64(s);
        return Span.newBuilder()
                .setTraceId(traceId)
                .setSpanId(UnsafeByteOperations.unsafeWrap(spanId.byteArray(s)))
                .setParentSpanId(UnsafeByteOperations.unsafeWrap(parentSpanId.byteArray(s)))
                .setTraceState(traceState.string(s))
                .setName(name.string(s))
                .setKindValue((int) kind.int64(s))
                .setStartTimeUnixNano(startNanos)
                .setEndTimeUnixNano(startNanos + duration.int64(s))
                .setStatus(Status.newBuilder().setCodeValue((int) statusCode.int64(s)).setMessage(statusMessage.string(s)))
                .setDroppedAttributesCount(droppedAttributes.int32(s))
                .setDroppedEventsCount(droppedEvents.int32(s))
                .setDroppedLinksCount(droppedLinks.int32(s));
    }

    /** The stored dropped-attributes count, for formats that adjust it. */
    public int droppedAttributes(int s) {
        return droppedAttributes.int32(s);
    }
}
