/**
 * The TraceQL front end: {@link io.pqflux.tempo.internal.traceql.TraceQlLexer} and
 * {@link io.pqflux.tempo.internal.traceql.TraceQlParser} turn a query into the immutable AST rooted at
 * {@link io.pqflux.tempo.internal.traceql.Query}, {@link io.pqflux.tempo.internal.traceql.TraceQlValidator} applies
 * Tempo's post-parse checks, and {@link io.pqflux.tempo.internal.traceql.TraceQlPrinter} prints the canonical text.
 * The grammar, precedences and checks follow Tempo 3.0 ({@code pkg/traceql/expr.y}, {@code lexer.go},
 * {@code ast_validate.go}); docs/traceql.md says what is accepted and where this front end differs.
 */
package io.pqflux.tempo.internal.traceql;
