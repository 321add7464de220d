package io.pqflux.tempo.internal.encoding;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.otlp.wire.ProtoWriter;
import io.pqflux.tempo.internal.assembly.AttributeSink;
import io.pqflux.tempo.internal.assembly.LinkColumns;
import io.pqflux.tempo.internal.assembly.SpanColumns;
import io.pqflux.tempo.internal.assembly.SpansSink;

/**
 * A mapper's walk written as protobuf as it comes: each resource spans as field 1 of {@code TracesData} (which is also
 * Tempo's {@code tempopb.Trace}), byte for byte what protobuf-java writes for the objects {@code TraceBuilder} builds
 * from the same walk: the same fields set, written in field-number order.
 */
public final class TraceWriter implements SpansSink {

    private final ProtoWriter out;
    private byte[] traceId;
    private int resourceSpans, resource, scopeSpans, scope, span, event, link;
    private SpanColumns spanColumns;
    private int spanSlot;
    private boolean eventsDone;
    private int lastResourceSpansSize;
    private int spanCount;
    private final AttributeSink resourceAttributes, scopeAttributes, spanAttributes, eventAttributes, linkAttributes;

    public TraceWriter(ProtoWriter out) {
        this.out = out;
        resourceAttributes = new KeyValueWriter(out, Resource.ATTRIBUTES_FIELD_NUMBER);
        scopeAttributes = new KeyValueWriter(out, InstrumentationScope.ATTRIBUTES_FIELD_NUMBER);
        spanAttributes = new KeyValueWriter(out, Span.ATTRIBUTES_FIELD_NUMBER);
        eventAttributes = new KeyValueWriter(out, Span.Event.ATTRIBUTES_FIELD_NUMBER);
        linkAttributes = new KeyValueWriter(out, Span.Link.ATTRIBUTES_FIELD_NUMBER);
    }

    /** The writer the trace goes to. */
    public ProtoWriter out() {
        return out;
    }

    /** Sets the trace ID the next spans carry, and starts counting its spans. */
    public void traceId(byte[] id) {
        traceId = id;
        spanCount = 0;
    }

    /** The spans written since {@link #traceId}. */
    public int spanCount() {
        return spanCount;
    }

    /** The size of the resource spans last ended, as its message's serialized size (tag and length not counted). */
    public int lastResourceSpansSize() {
        return lastResourceSpansSize;
    }

    @Override
    public AttributeSink resource() {
        resourceSpans = out.begin(TracesData.RESOURCE_SPANS_FIELD_NUMBER);
        resource = out.begin(ResourceSpans.RESOURCE_FIELD_NUMBER);
        return resourceAttributes;
    }

    @Override
    public void resourceDone(int droppedAttributes) {
        out.uint32(Resource.DROPPED_ATTRIBUTES_COUNT_FIELD_NUMBER, droppedAttributes);
        out.end(resource);
    }

    @Override
    public AttributeSink scope(String name, String version) {
        scopeSpans = out.begin(ResourceSpans.SCOPE_SPANS_FIELD_NUMBER);
        scope = out.begin(ScopeSpans.SCOPE_FIELD_NUMBER);
        out.string(InstrumentationScope.NAME_FIELD_NUMBER, name);
        out.string(InstrumentationScope.VERSION_FIELD_NUMBER, version);
        return scopeAttributes;
    }

    @Override
    public void scopeDone(int droppedAttributes) {
        out.uint32(InstrumentationScope.DROPPED_ATTRIBUTES_COUNT_FIELD_NUMBER, droppedAttributes);
        out.end(scope);
    }

    @Override
    public AttributeSink span(SpanColumns columns, int s) {
        spanColumns = columns;
        spanSlot = s;
        eventsDone = false;
        spanCount++;
        span = out.begin(ScopeSpans.SPANS_FIELD_NUMBER);
        out.bytes(Span.TRACE_ID_FIELD_NUMBER, traceId);
        out.bytes(Span.SPAN_ID_FIELD_NUMBER, columns.spanId(s));
        out.string(Span.TRACE_STATE_FIELD_NUMBER, columns.traceStateLeaf(), s);
        out.bytes(Span.PARENT_SPAN_ID_FIELD_NUMBER, columns.parentSpanId(s));
        out.string(Span.NAME_FIELD_NUMBER, columns.nameLeaf(), s);
        out.int32(Span.KIND_FIELD_NUMBER, columns.kind(s));
        out.fixed64(Span.START_TIME_UNIX_NANO_FIELD_NUMBER, columns.start(s));
        out.fixed64(Span.END_TIME_UNIX_NANO_FIELD_NUMBER, columns.end(s));
        return spanAttributes;
    }

    @Override
    public void spanAttributesDone(int droppedAttributes) {
        out.uint32(Span.DROPPED_ATTRIBUTES_COUNT_FIELD_NUMBER, droppedAttributes);
    }

    @Override
    public AttributeSink event(long timeUnixNano, String name) {
        event = out.begin(Span.EVENTS_FIELD_NUMBER);
        out.fixed64(Span.Event.TIME_UNIX_NANO_FIELD_NUMBER, timeUnixNano);
        out.string(Span.Event.NAME_FIELD_NUMBER, name);
        return eventAttributes;
    }

    @Override
    public void eventDone(int droppedAttributes) {
        out.uint32(Span.Event.DROPPED_ATTRIBUTES_COUNT_FIELD_NUMBER, droppedAttributes);
        out.end(event);
    }

    @Override
    public AttributeSink link(LinkColumns columns, int l) {
        endEvents();
        link = out.begin(Span.LINKS_FIELD_NUMBER);
        out.bytes(Span.Link.TRACE_ID_FIELD_NUMBER, columns.traceId(l));
        out.bytes(Span.Link.SPAN_ID_FIELD_NUMBER, columns.spanId(l));
        out.string(Span.Link.TRACE_STATE_FIELD_NUMBER, columns.traceState(l));
        return linkAttributes;
    }

    @Override
    public void linkDone(int droppedAttributes) {
        out.uint32(Span.Link.DROPPED_ATTRIBUTES_COUNT_FIELD_NUMBER, droppedAttributes);
        out.end(link);
    }

    @Override
    public void link(Span.Link whole) {
        endEvents();
        out.message(Span.LINKS_FIELD_NUMBER, whole);
    }

    @Override
    public void spanDone() {
        endEvents();
        out.uint32(Span.DROPPED_LINKS_COUNT_FIELD_NUMBER, spanColumns.droppedLinks(spanSlot));
        int status = out.begin(Span.STATUS_FIELD_NUMBER);
        out.string(Status.MESSAGE_FIELD_NUMBER, spanColumns.statusMessageLeaf(), spanSlot);
        out.int32(Status.CODE_FIELD_NUMBER, spanColumns.statusCode(spanSlot));
        out.end(status);
        out.end(span);
    }

    /** The dropped events count goes between the events and the links (fields 11, 12, 13). */
    private void endEvents() {
        if (eventsDone) return;
        out.uint32(Span.DROPPED_EVENTS_COUNT_FIELD_NUMBER, spanColumns.droppedEvents(spanSlot));
        eventsDone = true;
    }

    @Override
    public void scopeSpansDone() {
        out.end(scopeSpans);
    }

    @Override
    public void resourceSpansDone() {
        lastResourceSpansSize = out.lengthSince(resourceSpans);
        out.end(resourceSpans);
    }
}
