package io.pqflux.bench.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.pqflux.tempo.query.MetricsRequest;
import io.pqflux.tempo.query.MetricsResponse;
import io.pqflux.tempo.query.QueryJson;
import io.pqflux.tempo.query.TempoQuerier;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A TraceQL metrics range query's answer from the library ({@link TempoQuerier#queryRange} and
 * {@link QueryJson#queryRange}): at least one series with samples, against which the server's answers to the same
 * request are checked series by series.
 */
public final class ExpectedQueryRange {

    private final MetricsRequest request;
    /** Each series' samples by its labels, as Tempo's JSON writes them. */
    private final Map<String, JsonNode> series;

    private ExpectedQueryRange(MetricsRequest request, Map<String, JsonNode> series) {
        this.request = request;
        this.series = series;
    }

    /** The library's answer to {@code query} over {@code [start, end)} by {@code step}, without exemplars. */
    public static ExpectedQueryRange of(TempoQuerier querier, String query, Instant start, Instant end, Duration step) {
        MetricsRequest request = new MetricsRequest(query, start, end, step, false, 0);
        MetricsResponse response = querier.queryRange(request).block();
        Map<String, JsonNode> series = bySeries(AnswerJson.parse(QueryJson.queryRange(response)));
        if (series.isEmpty() || series.values().stream().anyMatch(JsonNode::isEmpty)) {
            throw new IllegalArgumentException(query + " gives " + series.size()
                    + " series over the data, some without samples: a load needs series to check");
        }
        return new ExpectedQueryRange(request, series);
    }

    public int seriesCount() {
        return series.size();
    }

    /** Null when {@code body}, an answer of {@code /api/metrics/query_range} to this request, has these series. */
    public String problem(JsonNode body) {
        Map<String, JsonNode> answered = bySeries(body);
        if (!answered.keySet().equals(series.keySet())) {
            return request.query() + ": series " + answered.keySet() + ", expected " + series.keySet();
        }
        for (Map.Entry<String, JsonNode> one : series.entrySet()) {
            if (!one.getValue().equals(answered.get(one.getKey()))) {
                return request.query() + ": the samples of series " + one.getKey() + " differ from the library's";
            }
        }
        return null;
    }

    /** Series keyed by their labels' JSON text, whatever order they are listed in. */
    private static Map<String, JsonNode> bySeries(JsonNode body) {
        Map<String, JsonNode> bySeries = new TreeMap<>();
        for (JsonNode one : body.path("series")) bySeries.put(one.path("labels").toString(), one.path("samples"));
        return bySeries;
    }
}
