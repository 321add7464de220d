package io.pqflux.traceql.internal;

import java.util.Objects;

/**
 * An attribute: {@code .name}, {@code span.name}, {@code resource.name}, {@code event.name}, {@code link.name},
 * {@code instrumentation.name}, or with {@code parent} the parent span's ({@code parent.name},
 * {@code parent.span.name}, {@code parent.resource.name}). The name is as written, dots included
 * ({@code resource.service.name} has the name {@code service.name}), quotes and escapes resolved.
 */
public record AttributeField(AttributeScope scope, boolean parent, String name, SourceRange range) implements FieldRef {
    public AttributeField {
        Objects.requireNonNull(scope);
        Objects.requireNonNull(name);
        Objects.requireNonNull(range);
        if (parent && scope != AttributeScope.NONE && scope != AttributeScope.SPAN && scope != AttributeScope.RESOURCE) {
            throw new IllegalArgumentException("parent." + scope.prefix() + " is not a scope");
        }
    }
}
