package io.pqflux.tempo.internal.assembly;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/** The protobuf objects of a mapper's walk: one {@link ResourceSpans} per {@link #resource()} … {@link #resourceSpansDone()}. */
public final class TraceBuilder implements SpansSink {

    private final ByteString traceId;
    private ResourceSpans.Builder resourceSpans;
    private Resource.Builder resource;
    private ScopeSpans.Builder scopeSpans;
    private InstrumentationScope.Builder scope;
    private Span.Builder span;
    private Span.Event.Builder event;
    private Span.Link.Builder link;
    private ResourceSpans built;
    private final AttributeSink resourceAttributes = AttributeSink.into(kv -> resource.addAttributes(kv));
    private final AttributeSink scopeAttributes = AttributeSink.into(kv -> scope.addAttributes(kv));
    private final AttributeSink spanAttributes = AttributeSink.into(kv -> span.addAttributes(kv));
    private final AttributeSink eventAttributes = AttributeSink.into(kv -> event.addAttributes(kv));
    private final AttributeSink linkAttributes = AttributeSink.into(kv -> link.addAttributes(kv));

    /** @param traceId the trace's ID, set on every span */
    public TraceBuilder(ByteString traceId) {
        this.traceId = traceId;
    }

    /** The resource spans last ended. */
    public ResourceSpans resourceSpansBuilt() {
        return built;
    }

    /** The scope last ended. */
    public InstrumentationScope scopeBuilt() {
        return scope.build();
    }

    @Override
    public AttributeSink resource() {
        resourceSpans = ResourceSpans.newBuilder();
        resource = Resource.newBuilder();
        return resourceAttributes;
    }

    @Override
    public void resourceDone(int droppedAttributes) {
        resourceSpans.setResource(resource.setDroppedAttributesCount(droppedAttributes));
    }

    @Override
    public AttributeSink scope(String name, String version) {
        scopeSpans = ScopeSpans.newBuilder();
        scope = InstrumentationScope.newBuilder().setName(name).setVersion(version);
        return scopeAttributes;
    }

    @Override
    public void scopeDone(int droppedAttributes) {
        scope.setDroppedAttributesCount(droppedAttributes);
        scopeSpans.setScope(scope);
    }

    @Override
    public AttributeSink span(SpanColumns columns, int s) {
        span = columns.builder(s, traceId);
        return spanAttributes;
    }

    @Override
    public void spanAttributesDone(int droppedAttributes) {
        span.setDroppedAttributesCount(droppedAttributes);
    }

    @Override
    public AttributeSink event(long timeUnixNano, String name) {
        event = Span.Event.newBuilder().setTimeUnixNano(timeUnixNano).setName(name);
        return eventAttributes;
    }

    @Override
    public void eventDone(int droppedAttributes) {
        span.addEvents(event.setDroppedAttributesCount(droppedAttributes));
    }

    @Override
    public AttributeSink link(LinkColumns columns, int l) {
        link = columns.builder(l);
        return linkAttributes;
    }

    @Override
    public void linkDone(int droppedAttributes) {
        span.addLinks(link.setDroppedAttributesCount(droppedAttributes));
    }

    @Override
    public void link(Span.Link whole) {
        span.addLinks(whole);
    }

    @Override
    public void spanDone() {
        scopeSpans.addSpans(span);
    }

    @Override
    public void scopeSpansDone() {
        resourceSpans.addScopeSpans(scopeSpans);
    }

    @Override
    public void resourceSpansDone() {
        built = resourceSpans.build();
    }
}
