package io.pqflux.tempo.internal.assembly;

import java.util.EnumSet;
import java.util.Set;

/**
 * The parts of a trace a query's evaluation reads: the attributes of {@code owners}, the span leaves named in
 * {@code spanLeaves} ({@code Name}, {@code StatusCode}, ...: the leaf names under a span element), and whether the
 * events', links' and scopes' own fields. Every read also holds the trace-level columns and what places resources,
 * scopes and spans ({@code ServiceName}, the scope's {@code Name}, {@link SpanColumns#STRUCTURE}).
 */
public record EvaluationFields(Set<AttributeOwner> owners, Set<String> spanLeaves, boolean events, boolean links,
                               boolean scopes) {
    public EvaluationFields {
        owners = owners.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(owners));
        spanLeaves = Set.copyOf(spanLeaves);
        // an owner's attributes hang under its slots
        events |= owners.contains(AttributeOwner.EVENT);
        links |= owners.contains(AttributeOwner.LINK);
        scopes |= owners.contains(AttributeOwner.SCOPE);
    }
}
