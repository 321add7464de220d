package io.pqflux.tempo.internal.assembly;

import io.opentelemetry.proto.trace.v1.Span;

/**
 * Where a format's mapper puts one trace's resource spans, part by part in OTLP's field order, so that one walk of the
 * columns serves both outputs: protobuf objects ({@link TraceBuilder}) or their encoding, written as it comes. Calls
 * nest as the messages do:
 * <pre>
 * resource() attributes… resourceDone(dropped)
 *   scope(name, version) attributes… scopeDone(dropped)
 *     span(columns, s) attributes… spanAttributesDone(dropped)
 *       event(time, name) attributes… eventDone(dropped)   (each event)
 *       link(columns, l) attributes… linkDone(dropped)     (each link; or link(message))
 *     spanDone()
 *   scopeSpansDone()
 * resourceSpansDone()
 * </pre>
 */
public interface SpansSink {

    /** Starts a resource spans and its resource, whose attributes go to the sink returned. */
    AttributeSink resource();

    /** Ends the resource, with the dropped-attributes count to give it. */
    void resourceDone(int droppedAttributes);

    /** Starts a scope spans and its scope, whose attributes go to the sink returned. */
    AttributeSink scope(String name, String version);

    /** Ends the scope, with the dropped-attributes count to give it. */
    void scopeDone(int droppedAttributes);

    /** Starts the span at slot {@code s} with the stored fields {@code columns} holds; its attributes go to the sink returned. */
    AttributeSink span(SpanColumns columns, int s);

    /** Ends the span's attributes, with the dropped-attributes count to give the span. */
    void spanAttributesDone(int droppedAttributes);

    /** Starts an event of the current span; its attributes go to the sink returned. */
    AttributeSink event(long timeUnixNano, String name);

    /** Ends the event, with the dropped-attributes count to give it. */
    void eventDone(int droppedAttributes);

    /** Starts the link at slot {@code l} with the stored fields {@code columns} holds; its attributes go to the sink returned. */
    AttributeSink link(LinkColumns columns, int l);

    /** Ends the link, with the dropped-attributes count to give it. */
    void linkDone(int droppedAttributes);

    /** A whole link of the current span, stored as a message. */
    void link(Span.Link link);

    /** Ends the span: its dropped events and links counts and its status come from its columns. */
    void spanDone();

    /** Ends the scope spans. */
    void scopeSpansDone();

    /** Ends the resource spans. */
    void resourceSpansDone();
}
