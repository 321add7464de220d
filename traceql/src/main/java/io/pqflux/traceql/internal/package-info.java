/**
 * The TraceQL front end: {@link io.pqflux.traceql.internal.TraceQlLexer} and
 * {@link io.pqflux.traceql.internal.TraceQlParser} turn a query into the immutable AST rooted at
 * {@link io.pqflux.traceql.internal.Query}, {@link io.pqflux.traceql.internal.TraceQlValidator} applies
 * Tempo's post-parse checks, and {@link io.pqflux.traceql.internal.TraceQlPrinter} prints the canonical text.
 * The grammar, precedences and checks follow Tempo 3.0 ({@code pkg/traceql/expr.y}, {@code lexer.go},
 * {@code ast_validate.go}); docs/traceql.md says what is accepted and where this front end differs.
 */
package io.pqflux.traceql.internal;
