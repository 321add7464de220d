package io.pqflux.tempo.internal.assembly;

import com.google.protobuf.UnsafeByteOperations;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.nested.SlotReader;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;

/**
 * The link columns of vParquet4 and vParquet5: trace and span ID, trace state, dropped count (flags are not stored);
 * read by link slot into a builder the mapper completes with attributes.
 */
public final class LinkColumns {

    public static final List<String> LEAVES = List.of("TraceID", "SpanID", "TraceState", "DroppedAttributesCount");

    private final SlotReader traceId, spanId, traceState, dropped;
    private final int level;

    private LinkColumns(Map<String, SlotReader> leaves, String link, int level) {
        traceId = leaves.get(link + "TraceID");
        spanId = leaves.get(link + "SpanID");
        traceState = leaves.get(link + "TraceState");
        dropped = leaves.get(link + "DroppedAttributesCount");
        this.level = level;
    }

    /**
     * @param link  the path of a link element, up to and including the dot before its leaves
     * @param links the links list's repeated node
     * @return null when the batch does not hold the links
     */
    public static LinkColumns of(Map<String, SlotReader> leaves, String link, String links) {
        return leaves.containsKey(link + "SpanID") ? new LinkColumns(leaves, link, ColumnPaths.level(links)) : null;
    }

    public int first(int span) {
        return spanId.first(level, span);
    }

    public int end(int span) {
        return spanId.end(level, span);
    }

    public Span.Link.Builder builder(int l) {
        return Span.Link.newBuilder().setTraceId(UnsafeByteOperations.unsafeWrap(traceId.byteArray(l)))
                .setSpanId(UnsafeByteOperations.unsafeWrap(spanId.byteArray(l))).setTraceState(traceState(l))
                .setDroppedAttributesCount(dropped(l));
    }

    /** The linked trace ID's bytes, a view valid while the batch is open. */
    public MemorySegment traceId(int l) {
        return traceId.bytes(l);
    }

    /** The linked span ID's bytes, a view valid while the batch is open. */
    public MemorySegment spanId(int l) {
        return spanId.bytes(l);
    }

    public String traceState(int l) {
        return traceState.string(l);
    }

    public int dropped(int l) {
        return dropped.int32(l);
    }
}
