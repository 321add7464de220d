package io.pqflux.bench.server;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/** The paths and query strings of Tempo's HTTP API that the load and the overhead benchmark ask. */
public final class TempoApiPaths {

    private TempoApiPaths() {
    }

    public static String traceV2(String traceIdHex) {
        return "/api/v2/traces/" + traceIdHex;
    }

    /** A search, over {@code [start, end]} in unix seconds, or with no time range when {@code start} is null. */
    public static String search(String query, int limit, int spansPerSpanSet, Instant start, Instant end) {
        String path = "/api/search?q=" + encoded(query) + "&limit=" + limit + "&spss=" + spansPerSpanSet;
        return start == null ? path : path + "&start=" + start.getEpochSecond() + "&end=" + end.getEpochSecond();
    }

    /** A metrics range query over {@code [start, end]} in unix seconds, by {@code step} (whole seconds). */
    public static String queryRange(String query, Instant start, Instant end, Duration step) {
        return "/api/metrics/query_range?q=" + encoded(query) + "&start=" + start.getEpochSecond() + "&end="
                + end.getEpochSecond() + "&step=" + step.toSeconds() + "s";
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
