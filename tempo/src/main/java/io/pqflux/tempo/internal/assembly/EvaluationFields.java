package io.pqflux.tempo.internal.assembly;

import java.util.Set;

/**
 * The parts of a trace a query's evaluation reads: the named {@code attributes} of their owners, the span leaves named
 * in {@code spanLeaves} ({@code Name}, {@code StatusCode}, ...: the leaf names under a span element), and whether the
 * events', links' and scopes' own fields. Every read also holds the trace-level columns and what places resources,
 * scopes and spans ({@code ServiceName}, the scope's {@code Name}, {@link SpanColumns#STRUCTURE}).
 */
public record EvaluationFields(AttributeKeys attributes, Set<String> spanLeaves, boolean events, boolean links,
                               boolean scopes) {
    public EvaluationFields {
        spanLeaves = Set.copyOf(spanLeaves);
        // an owner's attributes hang under its slots
        Set<AttributeOwner> owners = attributes.owners();
        events |= owners.contains(AttributeOwner.EVENT);
        links |= owners.contains(AttributeOwner.LINK);
        scopes |= owners.contains(AttributeOwner.SCOPE);
    }

    /** The owners some of whose attributes are read. */
    public Set<AttributeOwner> owners() {
        return attributes.owners();
    }
}
