package io.pqflux.tempo.server.internal.http;

import io.pqflux.tempo.query.MetricsRequest;
import io.pqflux.tempo.query.QueryJson;
import io.pqflux.tempo.query.TempoQuerier;
import io.pqflux.tempo.server.internal.proto.ProtoAnswers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/metrics/query_range} and {@code GET /api/metrics/query}: a TraceQL metrics query over {@code start}
 * to {@code end} (unix seconds, nanoseconds or RFC 3339), or the {@code since} before now (an hour without either).
 */
public final class MetricsEndpoint {

    /** The range of a request without start, end or since, as Tempo's frontend defaults it. */
    static final Duration DEFAULT_SINCE = Duration.ofHours(1);
    /** Exemplars at most per request. */
    static final int MAX_EXEMPLARS = 10_000;

    private MetricsEndpoint() {
    }

    public static Mono<Answer> query(TempoQuerier querier, Params params, boolean instant, boolean protobuf, Clock clock) {
        String q = params.string("q");
        if (q == null) throw ApiException.badRequest("missing parameter q: the TraceQL metrics query");
        Instant end = params.time("end");
        Instant start = params.time("start");
        Duration since = params.duration("since");
        if (end == null) end = clock.instant();
        if (start == null) start = end.minus(since == null ? DEFAULT_SINCE : since);
        MetricsRequest request = request(q, start, end, instant ? null : params.duration("step"), instant,
                params.count("exemplars", 0, MAX_EXEMPLARS));
        return querier.queryRange(request).map(response -> (instant
                ? (protobuf ? Answer.protobuf(ProtoAnswers.queryInstant(response)) : Answer.json(QueryJson.queryInstant(response)))
                : (protobuf ? Answer.protobuf(ProtoAnswers.queryRange(response)) : Answer.json(QueryJson.queryRange(response))))
                .withBytesRead(response.metrics().inspectedBytes()));
    }

    /** A metrics request; {@code step} null for Tempo's default. */
    public static MetricsRequest request(String query, Instant start, Instant end, Duration step, boolean instant,
                                         int exemplars) {
        if (!end.isAfter(start)) throw ApiException.badRequest("invalid range: end " + end + " is not after start " + start);
        if (step != null && step.isZero()) throw ApiException.badRequest("invalid step: zero");
        return new MetricsRequest(query, start, end, step, instant, exemplars);
    }
}
