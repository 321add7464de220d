package io.pqflux.tempo.internal.assembly;

import java.util.EnumSet;
import java.util.Set;

/**
 * What carries attributes in a trace. A read that needs only some owners' attributes (a TraceQL search naming
 * {@code span.…} only) projects only their columns: the generic {@code Attrs} lists, dedicated and well-known columns
 * alike, so each owner's attributes come back whole and in stored order, or not at all. A search narrows further, to
 * the attributes it names ({@link AttributeKeys}).
 */
public enum AttributeOwner {
    RESOURCE, SCOPE, SPAN, EVENT, LINK;

    /** Every owner: the full trace. */
    public static Set<AttributeOwner> all() {
        return EnumSet.allOf(AttributeOwner.class);
    }
}
