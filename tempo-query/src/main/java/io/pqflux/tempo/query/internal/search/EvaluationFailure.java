package io.pqflux.tempo.query.internal.search;

/**
 * The query fails on a trace as Tempo's would fail the whole search: division by zero, {@code !} or {@code -} on a
 * value of the wrong type, arithmetic on arrays, a structural operator over several spansets. {@link TraceQlSearch}
 * turns it into a {@code TraceQlException} of reason {@code EVALUATION_ERROR}.
 */
final class EvaluationFailure extends RuntimeException {

    EvaluationFailure(String message) {
        super(message, null, false, false);
    }
}
