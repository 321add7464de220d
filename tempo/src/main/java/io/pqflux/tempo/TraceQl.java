package io.pqflux.tempo;

import io.pqflux.tempo.internal.traceql.TraceQlParser;
import io.pqflux.tempo.internal.traceql.TraceQlValidator;

/**
 * TraceQL, the query language of Grafana Tempo, as of Tempo 3.0: the front end that tells whether a query is one this
 * reader accepts. Evaluation (search, tags, metrics) is not here yet; the parsed form stays internal until it is, so
 * that its shape can still change.
 */
public final class TraceQl {

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
}
