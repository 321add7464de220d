package io.pqflux.bench.server;

import java.util.List;
import java.util.Map;

/**
 * What the clients ask, in one sequence shared by all of them: of every six requests three are a trace by ID, two a
 * search and one a metrics range query, as a Grafana user clicks from search results into traces; each kind goes
 * round its own calls (the sampled trace IDs, the searches), so every call is asked again and again.
 */
final class LoadMix {

    static final String TRACE_BY_ID = "trace-by-id";
    static final String SEARCH = "search";
    static final String QUERY_RANGE = "query_range";
    private static final List<String> CYCLE = List.of(TRACE_BY_ID, SEARCH, TRACE_BY_ID, SEARCH, TRACE_BY_ID, QUERY_RANGE);

    private final Map<String, List<LoadCall>> calls;

    LoadMix(List<LoadCall> traces, List<LoadCall> searches, List<LoadCall> ranges) {
        this.calls = Map.of(TRACE_BY_ID, List.copyOf(traces), SEARCH, List.copyOf(searches), QUERY_RANGE, List.copyOf(ranges));
        calls.forEach((kind, list) -> {
            if (list.isEmpty()) throw new IllegalArgumentException("no " + kind + " requests");
        });
    }

    /** The kinds in the order the report lists them. */
    static List<String> kinds() {
        return List.of(TRACE_BY_ID, SEARCH, QUERY_RANGE);
    }

    /** The {@code n}-th request of the sequence. */
    LoadCall call(long n) {
        int slot = (int) (n % CYCLE.size());
        String kind = CYCLE.get(slot);
        long perCycle = CYCLE.stream().filter(kind::equals).count();
        long before = CYCLE.subList(0, slot).stream().filter(kind::equals).count();
        List<LoadCall> list = calls.get(kind);
        return list.get((int) (((n / CYCLE.size()) * perCycle + before) % list.size()));
    }
}
