package io.pqflux.bench.tempo;

import io.pqflux.tempo.query.oracle.BenchmarkQueries;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The search suite's queries by name (the JMH parameter): {@code tempo01} … {@code tempo22} are Tempo's
 * {@code BenchmarkBackendBlockTraceQL} queries (tempo-vparquet4.md §14, in its order: tempo's test list
 * {@code BenchmarkQueries.TRACEQL}, from its test-jar), written with Tempo's production
 * names, so on the generated block only {@code tempo17} ({@code { } | count() > 1}) matches; the {@code gen*} queries
 * use the names of the generator ({@code SyntheticTraces}) and match: a dedicated span column, a well-known resource
 * column with a generic span attribute, a structural query and a {@code count()} pipeline.
 */
public final class SearchQueries {

    private static final List<String> TEMPO = BenchmarkQueries.TRACEQL;

    private static final Map<String, String> BY_NAME = new LinkedHashMap<>();
    private static final NamedQueries QUERIES = new NamedQueries("search", BY_NAME);

    static {
        for (int i = 0; i < TEMPO.size(); i++) BY_NAME.put(String.format("tempo%02d", i + 1), TEMPO.get(i));
        BY_NAME.put("genDedicated", "{ span.instance = \"pod-7\" }");
        BY_NAME.put("genGeneric", "{ resource.k8s.cluster.name = \"k8s-cluster-name-7\" && span.http.status_code = 500 }");
        BY_NAME.put("genStructural", "{ resource.service.name = \"frontend\" } >> { status = error && name = \"SELECT\" }");
        BY_NAME.put("genCount", "{ name = \"SELECT\" && kind = client } | count() > 1");
    }

    private SearchQueries() {
    }

    /** The query of parameter value {@code name}. */
    public static String query(String name) {
        return QUERIES.query(name);
    }
}
