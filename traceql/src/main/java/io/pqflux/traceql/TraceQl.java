package io.pqflux.traceql;

import io.pqflux.traceql.internal.Query;
import io.pqflux.traceql.internal.TraceQlParser;
import io.pqflux.traceql.internal.TraceQlPrinter;
import io.pqflux.traceql.internal.TraceQlValidator;

/**
 * TraceQL, the query language of Grafana Tempo, as Tempo 3.0 and its main branch since read it (comparisons and
 * arithmetic on metrics queries among the newer forms): whether a query is one pqflux accepts, and its canonical text.
 * Needs no block: a linter, an editor plugin or a job's configuration check can use it alone. Queries run in
 * {@code pqflux-tempo-query}; the parsed form stays internal to the two modules, so that its shape can still change.
 */
public final class TraceQl {

    /**
     * The longest query accepted, in characters (128 Ki): far above what an editor or Grafana sends, and a bound on
     * the memory a query's parse takes.
     */
    public static final int MAX_QUERY_LENGTH = 128 * 1024;

    /**
     * How deeply a query may nest, counting every level of its syntax tree: each pair of parentheses, each unary
     * operator, and each operand of a chain such as {@code a || b || c}, whose operations nest one in another. Parsing,
     * checking, pruning and evaluating a query walk that tree recursively; the limit keeps that walk well inside a
     * thread's stack.
     */
    public static final int MAX_NESTING = 256;

    private TraceQl() {
    }

    /**
     * Parses and checks a query the way Tempo does before running it.
     *
     * @throws TraceQlException with {@link TraceQlException.Reason#PARSE_ERROR} for text that is not TraceQL,
     *     {@link TraceQlException.Reason#VALIDATION_ERROR} for a query Tempo's checks reject, and
     *     {@link TraceQlException.Reason#UNSUPPORTED} for a construct not supported yet
     */
    public static void validate(String query) {
        TraceQlValidator.validate(query, TraceQlParser.parse(query));
    }

    /**
     * The query checked as {@link #validate} checks it, printed in canonical form: single spaces around operators,
     * every operand that is itself an operation in parentheses (the grouping shows without knowing the precedences),
     * strings with Go escapes, durations in the largest unit that divides them, intrinsics in their scoped spelling.
     * The canonical text parses back to the same query.
     *
     * @throws TraceQlException as {@link #validate} does
     */
    public static String canonical(String query) {
        Query parsed = TraceQlParser.parse(query);
        TraceQlValidator.validate(query, parsed);
        return TraceQlPrinter.print(parsed);
    }
}
