package io.pqflux.tempo.query.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.tempo.TempoBlock;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TraceReadOptions;
import io.pqflux.tempo.query.oracle.NaiveTraceQl.SearchResult;
import io.pqflux.tempo.query.oracle.NaiveTraceQl.SpansetResult;
import io.pqflux.tempo.query.oracle.NaiveTraceQl.TraceResult;
import io.pqflux.testdata.Corpus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The naive evaluator over the bundled vParquet4 block (134 traces, 570 spans; tempo-vparquet4.md §18): Tempo's
 * benchmark queries (§14) run and give self-consistent results, and a few queries are checked against answers
 * computed straight from the OTLP spans, without the evaluator.
 */
class NaiveTraceQlBlockTest {

    /** {@code BenchmarkBackendBlockTraceQL}'s 22 queries (tempo-vparquet4.md §14). */
    static final List<String> BENCHMARK_QUERIES = BenchmarkQueries.TRACEQL;

    static List<Trace> traces;

    @BeforeAll
    static void readBlock() {
        traces = TempoBlock.open(Corpus.tempoBlock()).traces(TraceReadOptions.defaults()).collectList().block();
        assertThat(traces).hasSize(134);
    }

    /** One span with its trace and resource, straight from the OTLP objects. */
    record Flat(Trace trace, Resource resource, Span span) {
        String id() {
            return TraceView.SpanView.spanIdHex(span.getSpanId());
        }

        String traceId() {
            return HexFormat.of().formatHex(trace.traceId()).replaceFirst("^0+", "");
        }

        String service() {
            return resource.attributes().getOrDefault("service.name", "");
        }
    }

    record Resource(Map<String, String> attributes) {
        static Resource of(ResourceSpans rs) {
            Map<String, String> m = new LinkedHashMap<>();
            for (KeyValue kv : rs.getResource().getAttributesList()) {
                m.putIfAbsent(kv.getKey(), kv.getValue().getStringValue());
            }
            return new Resource(m);
        }
    }

    static List<Flat> flat(Trace t) {
        List<Flat> out = new ArrayList<>();
        for (ResourceSpans rs : t.resourceSpans()) {
            Resource r = Resource.of(rs);
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span s : ss.getSpansList()) {
                    out.add(new Flat(t, r, s));
                }
            }
        }
        return out;
    }

    /** trace ID → matched span IDs (union over spansets, sorted) from the evaluator. */
    static Map<String, TreeSet<String>> byTrace(SearchResult r) {
        Map<String, TreeSet<String>> out = new LinkedHashMap<>();
        for (TraceResult t : r.traces()) {
            out.put(t.traceId(), new TreeSet<>(t.spanIds()));
        }
        return out;
    }

    /** trace ID → span IDs of the spans the predicate accepts, for traces with at least one. */
    static Map<String, TreeSet<String>> expected(java.util.function.Predicate<Flat> predicate) {
        Map<String, TreeSet<String>> out = new LinkedHashMap<>();
        for (Trace t : traces) {
            for (Flat f : flat(t)) {
                if (predicate.test(f)) {
                    out.computeIfAbsent(f.traceId(), k -> new TreeSet<>()).add(f.id());
                }
            }
        }
        return out;
    }

    static Stream<String> benchmarkQueries() {
        return BENCHMARK_QUERIES.stream();
    }

    @ParameterizedTest
    @MethodSource("benchmarkQueries")
    void benchmarkQueryGivesConsistentResults(String query) {
        SearchResult r = NaiveTraceQl.search(query, traces);
        Map<String, Trace> byId = new HashMap<>();
        for (Trace t : traces) {
            byId.put(HexFormat.of().formatHex(t.traceId()).replaceFirst("^0+", ""), t);
        }
        List<String> order = traces.stream().map(t -> HexFormat.of().formatHex(t.traceId()).replaceFirst("^0+", ""))
            .filter(id -> r.traceIds().contains(id)).toList();
        assertThat(r.traceIds()).as("input order").isEqualTo(order);
        for (TraceResult t : r.traces()) {
            List<String> ids = flat(byId.get(t.traceId())).stream().map(Flat::id).toList();
            assertThat(t.spansets()).isNotEmpty();
            for (SpansetResult ss : t.spansets()) {
                assertThat(ss.matched()).isEqualTo(ss.spans().size()).isPositive();
                assertThat(ids).containsAll(ss.spanIds());
            }
        }
    }

    @Test
    void benchmarkQueriesOnThisBlock() {
        // the block holds the microservices demo: none of Tempo's production names occur, except what follows
        Map<String, Integer> tracesPerQuery = new LinkedHashMap<>();
        for (String q : BENCHMARK_QUERIES) {
            tracesPerQuery.put(q, NaiveTraceQl.search(q, traces).traces().size());
        }
        assertThat(tracesPerQuery.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey))
            .containsExactly("{ } | count() > 1");
        assertThat(tracesPerQuery.get("{ } | count() > 1")).isEqualTo(134);
    }

    @Test
    void emptyFilterMatchesEverySpan() {
        SearchResult r = NaiveTraceQl.search("{}", traces);
        assertThat(r.traces()).hasSize(134);
        assertThat(r.traces().stream().mapToInt(t -> t.spansets().getFirst().matched()).sum()).isEqualTo(570);
        assertThat(byTrace(r)).isEqualTo(expected(f -> true));
    }

    @Test
    void everySpanNameMatchesExactlyTheSpansCarryingIt() {
        TreeSet<String> names = new TreeSet<>();
        traces.forEach(t -> flat(t).forEach(f -> names.add(f.span().getName())));
        assertThat(names).contains("/cart", "/GetProducts");
        for (String name : names) {
            SearchResult r = NaiveTraceQl.search("{ name = \"" + name + "\" }", traces);
            assertThat(byTrace(r)).as(name).isEqualTo(expected(f -> f.span().getName().equals(name)));
        }
    }

    @Test
    void serviceNames() {
        SearchResult r = NaiveTraceQl.search("{ resource.service.name = \"frontend\" }", traces);
        assertThat(r.traces()).hasSize(134);
        assertThat(byTrace(r)).isEqualTo(expected(f -> f.service().equals("frontend")));
        assertThat(byTrace(NaiveTraceQl.search("{ .service.name =~ \"(cart|ad)service\" }", traces)))
            .isEqualTo(expected(f -> f.service().equals("cartservice") || f.service().equals("adservice")));
    }

    @Test
    void errors() {
        SearchResult r = NaiveTraceQl.search("{ status = error }", traces);
        assertThat(r.traceIds()).containsExactly("fb0456632c2467d7");
        assertThat(r.traces().getFirst().spansets().getFirst().matched()).isEqualTo(3);
        assertThat(byTrace(r)).isEqualTo(expected(f -> f.span().getStatus().getCodeValue() == 2));
    }

    @Test
    void wellKnownIntAttribute() {
        SearchResult r = NaiveTraceQl.search("{ span.http.status_code = 503 }", traces);
        assertThat(r.traces().stream().mapToInt(t -> t.spansets().getFirst().matched()).sum()).isEqualTo(3);
        assertThat(byTrace(NaiveTraceQl.search("{ span.http.status_code >= 500 }", traces))).isEqualTo(byTrace(r));
    }

    @Test
    void countAboveFour() {
        // spans per trace: 3 × 6, 4 × 103, 5 × 21, 8 × 1, 9 × 3
        SearchResult r = NaiveTraceQl.search("{ } | count() > 4", traces);
        assertThat(r.traces()).hasSize(25);
        assertThat(r.traces()).allSatisfy(t -> assertThat(t.spansets().getFirst().attributes().getFirst().toString())
            .isEqualTo("count()=" + t.spansets().getFirst().matched()));
    }

    @Test
    void rootSpansAreTheSpansWithoutParent() {
        SearchResult r = NaiveTraceQl.search("{ nestedSetParent < 0 }", traces);
        assertThat(byTrace(r)).isEqualTo(expected(f -> f.span().getParentSpanId().isEmpty()));
        assertThat(r.traces()).hasSize(134);
    }

    @Test
    void structuralOperatorsAgreeWithParentIds() {
        checkStructural("{ resource.service.name = \"frontend\" } > { }", (p, c) -> isParent(p, c));
        checkStructural("{ resource.service.name = \"frontend\" } >> { }", this::isAncestor);
        // frontend spans that are the parent of some span
        SearchResult parents = NaiveTraceQl.search("{ } < { resource.service.name = \"frontend\" }", traces);
        assertThat(byTrace(parents)).isEqualTo(expected(f -> f.service().equals("frontend")
            && flat(f.trace()).stream().anyMatch(c -> isParent(f, c))));
        assertThat(parents.traces()).isNotEmpty();
    }

    /** Every span matched by {@code query} has a left-hand span (frontend) in relation {@code rel}; and only those. */
    private void checkStructural(String query, BiPredicate<Flat, Flat> rel) {
        SearchResult r = NaiveTraceQl.search(query, traces);
        Map<String, TreeSet<String>> want = new LinkedHashMap<>();
        for (Trace t : traces) {
            List<Flat> spans = flat(t);
            for (Flat c : spans) {
                boolean any = spans.stream().anyMatch(p -> p.service().equals("frontend") && rel.test(p, c));
                if (any) {
                    want.computeIfAbsent(c.traceId(), k -> new TreeSet<>()).add(c.id());
                }
            }
        }
        assertThat(byTrace(r)).as(query).isEqualTo(want);
    }

    private static boolean isParent(Flat p, Flat c) {
        return !c.span().getParentSpanId().isEmpty() && c.span().getParentSpanId().equals(p.span().getSpanId());
    }

    private boolean isAncestor(Flat a, Flat d) {
        List<Flat> spans = flat(d.trace());
        Flat cur = d;
        for (int guard = 0; guard < spans.size(); guard++) {
            Flat c = cur;
            Flat parent = spans.stream().filter(p -> isParent(p, c)).findFirst().orElse(null);
            if (parent == null) {
                return false;
            }
            if (parent.span().getSpanId().equals(a.span().getSpanId())) {
                return true;
            }
            cur = parent;
        }
        return false;
    }

    @Test
    void byRootNameCountsTraces() {
        // RootSpanName: /cart 103, /product 21, /shipping 4, /checkout 4, /currency 2
        SearchResult r = NaiveTraceQl.search("{ nestedSetParent < 0 } | by(rootName)", traces);
        Map<String, Integer> perName = new HashMap<>();
        r.traces().forEach(t -> t.spansets().forEach(ss -> perName.merge(
            ss.attributes().getFirst().value().getStringValue(), 1, Integer::sum)));
        assertThat(perName).containsExactlyInAnyOrderEntriesOf(
            Map.of("/cart", 103, "/product", 21, "/shipping", 4, "/checkout", 4, "/currency", 2));
    }
}
