package io.pqflux.tempo.server.internal.http;

import io.pqflux.tempo.query.QueryJson;
import io.pqflux.tempo.query.SearchRequest;
import io.pqflux.tempo.query.TempoQuerier;
import io.pqflux.tempo.server.internal.proto.ProtoAnswers;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/search}: a TraceQL search ({@code q}), or a legacy tags search ({@code tags} in logfmt,
 * {@code minDuration}, {@code maxDuration}) run as the TraceQL query it stands for.
 */
public final class SearchEndpoint {

    private SearchEndpoint() {
    }

    public static Mono<Answer> search(TempoQuerier querier, Params params, boolean protobuf) {
        SearchRequest request = request(params.string("q"), LegacyTags.parse(params.string("tags")),
                durationMs(params, "minDuration"), durationMs(params, "maxDuration"),
                params.count("limit", SearchRequest.DEFAULT_LIMIT, Integer.MAX_VALUE),
                params.count("spss", SearchRequest.DEFAULT_SPANS_PER_SPAN_SET, Integer.MAX_VALUE),
                params.unixSeconds("start"), params.unixSeconds("end"));
        return querier.searchResponse(request).map(response -> (protobuf
                ? Answer.protobuf(ProtoAnswers.search(response)) : Answer.json(QueryJson.search(response)))
                .withBytesRead(response.metrics().inspectedBytes()));
    }

    private static long durationMs(Params params, String name) {
        var duration = params.duration(name);
        return duration == null ? 0 : Math.max(1, duration.toMillis());
    }

    /**
     * A search request from Tempo's parameters (HTTP or the streaming querier's {@code SearchRequest}); 0 for an
     * absent duration bound, null for an open time bound.
     */
    public static SearchRequest request(String query, Map<String, String> tags, long minDurationMs, long maxDurationMs,
                                        int limit, int spansPerSpanSet, Instant start, Instant end) {
        if (start != null && end != null && start.isAfter(end)) {
            throw ApiException.badRequest("invalid start " + start.getEpochSecond() + ": after end " + end.getEpochSecond());
        }
        String traceQl;
        if (query != null && !query.isBlank()) {
            if (!tags.isEmpty() || minDurationMs > 0 || maxDurationMs > 0) {
                throw ApiException.badRequest("tags, minDuration and maxDuration belong to a tags search, not to a "
                        + "TraceQL query (q): put the conditions in the query");
            }
            traceQl = query;
        } else {
            traceQl = LegacyTags.traceQl(new TreeMap<>(tags), minDurationMs, maxDurationMs);
        }
        return new SearchRequest(traceQl, start, end, limit, spansPerSpanSet);
    }
}
