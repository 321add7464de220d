package io.pqflux.tempo.query;

/**
 * A request over one of the querier's {@link QueryLimits}: the message names the parameter, its value and the limit.
 * An HTTP front end answers it with 400, as Tempo does.
 */
public final class QueryLimitException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public QueryLimitException(String message) {
        super(message);
    }
}
