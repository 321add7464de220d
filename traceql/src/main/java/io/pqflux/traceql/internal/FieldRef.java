package io.pqflux.traceql.internal;

/** A field named directly, as {@code select(…)}, the metrics functions and their {@code by(…)} take: no operators. */
public sealed interface FieldRef extends FieldExpr permits AttributeField, IntrinsicField {
}
