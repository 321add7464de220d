package io.pqflux.bench.tempo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The query-range suite's queries by name (the JMH parameter): Tempo's {@code BenchmarkBackendBlockQueryRange} queries
 * (tempo-query.md §3), in its order. Every one reads every span of the generated block: the generator writes
 * {@code http.status_code} and {@code http.url} span attributes, errors and parent-child spans.
 */
public final class QueryRangeQueries {

    private static final Map<String, String> BY_NAME = new LinkedHashMap<>();
    private static final NamedQueries QUERIES = new NamedQueries("query-range", BY_NAME);

    static {
        BY_NAME.put("rate", "{} | rate()");
        BY_NAME.put("rateSampled", "{} | rate() with(sample=true)");
        BY_NAME.put("rateByStatus", "{} | rate() by (span.http.status_code)");
        BY_NAME.put("rateByService", "{} | rate() by (resource.service.name)");
        BY_NAME.put("rateByUrl", "{} | rate() by (span.http.url)");
        BY_NAME.put("errorRate", "{status=error} | rate()");
        BY_NAME.put("quantiles", "{} | quantile_over_time(duration, .99, .9, .5)");
        BY_NAME.put("histogram", "{} | histogram_over_time(duration)");
        BY_NAME.put("avgByStatus", "{} | avg_over_time(duration) by (span.http.status_code)");
        BY_NAME.put("maxByStatus", "{} | max_over_time(duration) by (span.http.status_code)");
        BY_NAME.put("minByStatus", "{} | min_over_time(duration) by (span.http.status_code)");
        BY_NAME.put("compareErrors", "{} | compare({status=error})");
        BY_NAME.put("childRate", "{} > {} | rate() by (name)");
    }

    private QueryRangeQueries() {
    }

    /** The query of parameter value {@code name}. */
    public static String query(String name) {
        return QUERIES.query(name);
    }
}
