package io.pqflux.tempo;

/** The form a trace's OTLP content is assembled in ({@link Trace}). */
public enum TraceForm {
    /** protobuf-java objects ({@link Trace#resourceSpans()}): for code that looks into the spans. */
    OBJECTS,
    /**
     * The protobuf encoding of a {@code TracesData} message ({@link Trace#tracesData()}), written straight from the
     * columns with no message objects: for code that sends or stores the trace (an OTLP exporter, an HTTP answer).
     */
    ENCODED
}
