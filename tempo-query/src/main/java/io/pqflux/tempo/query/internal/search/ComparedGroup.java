package io.pqflux.tempo.query.internal.search;

/**
 * The owners of what {@code compare()} groups a span by ({@link ComparedAttributes}), in the order it walks them. A
 * group's attributes depend on its owner alone, so the spans of one owner can be counted together and its attributes
 * walked once ({@link ObservedSpan#owner}).
 */
public enum ComparedGroup {
    /** {@code rootName}, {@code rootServiceName}. */
    TRACE,
    /** The resource's attributes, {@code resource.service.name} always. */
    RESOURCE,
    /** {@code instrumentation:name}, {@code instrumentation:version} and the scope's attributes. */
    SCOPE,
    /** The span's intrinsics and attributes. */
    SPAN
}
