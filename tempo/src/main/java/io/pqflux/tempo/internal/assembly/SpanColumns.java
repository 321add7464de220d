package io.pqflux.tempo.internal.assembly;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.pqflux.nested.SlotReader;
import java.lang.foreign.MemorySegment;
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
    /** A leaf the batch holds, whose structure gives the span slots. */
    private final SlotReader walk;

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
        walk = kind != null ? kind : LEAVES.stream().map(leaf -> leaves.get(span + leaf)).filter(l -> l != null)
                .findFirst().orElseThrow();
    }

    /**
     * The span leaves the batch holds: all of them, or (a search's evaluation read) those its query reads, with
     * {@link #STRUCTURE} always among them.
     *
     * @param span the path of a span element, up to and including the dot before its leaves
     * @return null when the batch does not hold the spans (a summary read)
     */
    public static SpanColumns of(Map<String, SlotReader> leaves, String span) {
        return leaves.containsKey(span + STRUCTURE) ? new SpanColumns(leaves, span) : null;
    }

    /**
     * Whatever span leaves the batch holds, with or without {@link #STRUCTURE} (a search's completing read holds only
     * the fields its first read lacked); null when it holds none.
     */
    public static SpanColumns ofAny(Map<String, SlotReader> leaves, String span) {
        return LEAVES.stream().anyMatch(leaf -> leaves.containsKey(span + leaf)) ? new SpanColumns(leaves, span) : null;
    }

    /** The statuses without a message, by code (unset, ok, error): most spans' status, shared (messages are immutable). */
    private static final Status[] NO_MESSAGE = {Status.newBuilder().setCodeValue(0).build(),
        Status.newBuilder().setCodeValue(1).build(), Status.newBuilder().setCodeValue(2).build()};

    /** The smallest leaf every span has (a delta-encoded int): a read of any span fields but the completing one holds it. */
    public static final String STRUCTURE = "Kind";

    /** A leaf below the span element: its structure gives the span slots of a scope. */
    public SlotReader spans() {
        return walk;
    }

    /** The span's start, which its events' times are relative to (0 when not read). */
    public long start(int s) {
        return start == null ? 0 : start.int64(s);
    }

    /**
     * The span's stored fields, those read; the end time is start + duration in unsigned 64-bit arithmetic, status
     * always set.
     */
    public Span.Builder builder(int s, ByteString traceId) {
        Span.Builder span = Span.newBuilder().setTraceId(traceId).setStartTimeUnixNano(start(s))
                .setEndTimeUnixNano(end(s)).setKindValue(kind(s)).setTraceState(traceState(s)).setName(name(s))
                .setDroppedAttributesCount(droppedAttributes(s)).setDroppedEventsCount(droppedEvents(s))
                .setDroppedLinksCount(droppedLinks(s));
        if (spanId != null) span.setSpanId(UnsafeByteOperations.unsafeWrap(spanId.byteArray(s)));
        if (parentSpanId != null) span.setParentSpanId(UnsafeByteOperations.unsafeWrap(parentSpanId.byteArray(s)));
        int code = statusCode(s);
        String message = statusMessage(s);
        span.setStatus(message.isEmpty() && code >= 0 && code < NO_MESSAGE.length ? NO_MESSAGE[code]
                : Status.newBuilder().setCodeValue(code).setMessage(message).build());
        return span;
    }

    // each field as the builder sets it, for an encoding: a leaf not read gives the field's default

    /** The span ID's bytes, a view valid while the batch is open; empty when not read. */
    public MemorySegment spanId(int s) {
        return spanId == null ? MemorySegment.NULL : spanId.bytes(s);
    }

    /** The parent span ID's bytes, a view valid while the batch is open; empty when not read. */
    public MemorySegment parentSpanId(int s) {
        return parentSpanId == null ? MemorySegment.NULL : parentSpanId.bytes(s);
    }

    public String traceState(int s) {
        return traceState == null ? "" : traceState.stringOr(s, "");
    }

    public String name(int s) {
        return name == null ? "" : name.stringOr(s, "");
    }

    // the text fields' leaves, for an encoding that copies their stored bytes: absent (every slot null) when not read

    public SlotReader nameLeaf() {
        return name == null ? SlotReader.absent() : name;
    }

    public SlotReader traceStateLeaf() {
        return traceState == null ? SlotReader.absent() : traceState;
    }

    public SlotReader statusMessageLeaf() {
        return statusMessage == null ? SlotReader.absent() : statusMessage;
    }

    public int kind(int s) {
        return kind == null ? 0 : (int) kind.int64(s);
    }

    /** The end time: start + duration, unsigned 64-bit arithmetic. */
    public long end(int s) {
        return start(s) + (duration == null ? 0 : duration.int64(s));
    }

    public int statusCode(int s) {
        return statusCode == null ? 0 : (int) statusCode.int64(s);
    }

    public String statusMessage(int s) {
        return statusMessage == null ? "" : statusMessage.stringOr(s, "");
    }

    /** The stored dropped-attributes count, for formats that adjust it (0 when not read). */
    public int droppedAttributes(int s) {
        return droppedAttributes == null ? 0 : droppedAttributes.int32(s);
    }

    public int droppedEvents(int s) {
        return droppedEvents == null ? 0 : droppedEvents.int32(s);
    }

    public int droppedLinks(int s) {
        return droppedLinks == null ? 0 : droppedLinks.int32(s);
    }
}
