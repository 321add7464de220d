/**
 * TraceQL, the query language of Grafana Tempo 3.0, with no I/O and no other pqflux module: {@code io.pqflux.traceql}
 * parses and checks a query as Tempo does ({@link io.pqflux.traceql.TraceQl}) and reports what is wrong with it
 * ({@link io.pqflux.traceql.TraceQlException}). The AST, lexer, parser, validator and printer
 * ({@code io.pqflux.traceql.internal}) are shared with the query engine only, so that their shape can still change.
 */
module io.pqflux.traceql {
    // re2j 1.8 ships neither module-info nor Automatic-Module-Name: its name comes from the jar file
    requires re2j;

    exports io.pqflux.traceql;
    exports io.pqflux.traceql.internal to io.pqflux.tempo.query;
}
