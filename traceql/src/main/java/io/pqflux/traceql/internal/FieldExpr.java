package io.pqflux.traceql.internal;

/**
 * An expression evaluated per span: inside a spanset filter {@code { … }}, as an aggregate's argument and in
 * {@code by(…)}.
 */
public sealed interface FieldExpr extends Node permits Literal, FieldRef, BinaryExpr, UnaryExpr {
}
