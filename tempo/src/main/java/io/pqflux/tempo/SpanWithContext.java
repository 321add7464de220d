package io.pqflux.tempo;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.Objects;

/**
 * One span with what it belongs to: its trace's ID, its resource and its instrumentation scope (the same message
 * objects for the spans of one resource or scope). Span streams emit these instead of whole traces, so a trace of any
 * size is read with one resource's spans in memory.
 */
public record SpanWithContext(TraceId traceId, Resource resource, InstrumentationScope scope, Span span) {

    public SpanWithContext {
        Objects.requireNonNull(traceId);
        Objects.requireNonNull(resource);
        Objects.requireNonNull(scope);
        Objects.requireNonNull(span);
    }
}
