package io.pqflux.tempo.query.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.tempo.TempoBlock;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TraceReadOptions;
import io.pqflux.traceql.internal.Pipeline;
import io.pqflux.traceql.internal.Query;
import io.pqflux.traceql.testing.RandomQueries;
import io.pqflux.traceql.internal.SourceRange;
import io.pqflux.traceql.internal.SpansetExpr;
import io.pqflux.traceql.internal.SpansetFilter;
import io.pqflux.traceql.internal.SpansetOp;
import io.pqflux.traceql.internal.SpansetOperation;
import io.pqflux.traceql.internal.Stage;
import io.pqflux.traceql.internal.TraceQlPrinter;
import io.pqflux.tempo.query.oracle.NaiveTraceQl.EvaluationException;
import io.pqflux.tempo.query.oracle.NaiveTraceQl.SearchResult;
import io.pqflux.tempo.query.oracle.NaiveTraceQl.TraceResult;
import io.pqflux.testdata.Corpus;
import io.pqflux.testdata.TestScale;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Properties the naive evaluator must have whatever the query, checked on random filters (the front end's
 * {@link RandomQueries}) over the hand-built traces and the bundled block: {@code f && f} and {@code f || f} match what
 * {@code f} matches; a structural operator and its negation split the right-hand side; the union form contains the
 * plain form and stays within both sides; random whole queries either evaluate with consistent results or fail with
 * {@link EvaluationException}, and print-and-reparse does not change the result.
 */
@DisabledIfSystemProperty(named = TestScale.POOL_DEBUG_PROPERTY, matches = "true",
        disabledReason = "properties of the oracle alone, over traces read once; no buffer is held while they run")
class NaiveTraceQlPropertiesTest {

    private static final int FILTERS_PER_SEED = 150;
    private static final int QUERIES_PER_SEED = 300;
    private static List<Trace> traces;

    @BeforeAll
    static void traces() {
        traces = new ArrayList<>(NaiveTraceQlTest.ALL);
        traces.addAll(TempoBlock.open(Corpus.tempoBlock()).traces(TraceReadOptions.defaults()).collectList().block());
    }

    private static Query query(Stage stage) {
        return new Query(new Pipeline(List.of(stage), SourceRange.NONE), null, List.of(), List.of(), SourceRange.NONE);
    }

    private static SpansetOperation op(SpansetOp op, SpansetExpr lhs, SpansetExpr rhs) {
        return new SpansetOperation(op, lhs, rhs, SourceRange.NONE);
    }

    /** trace ID → matched spans (over all spansets); null if the query fails at run time. */
    private static Map<String, Set<String>> spans(Query q) {
        SearchResult r;
        try {
            r = NaiveTraceQl.search(q, traces);
        } catch (EvaluationException e) {
            return null;
        }
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (TraceResult t : r.traces()) {
            out.put(t.traceId(), new HashSet<>(t.spanIds()));
        }
        return out;
    }

    private static Set<String> get(Map<String, Set<String>> m, String trace) {
        return m.getOrDefault(trace, Set.of());
    }

    @ParameterizedTest
    @ValueSource(longs = {3L, 20_261_124L})
    void andOrOfAFilterWithItselfMatchTheFilter(long seed) {
        RandomQueries random = new RandomQueries(seed);
        int evaluated = 0;
        for (int i = 0; i < FILTERS_PER_SEED; i++) {
            SpansetFilter f = random.filter();
            Map<String, Set<String>> alone = spans(query(f));
            if (alone == null) {
                continue;
            }
            evaluated++;
            String text = TraceQlPrinter.print(query(f));
            assertThat(spans(query(op(SpansetOp.AND, f, f)))).as(text).isEqualTo(alone);
            assertThat(spans(query(op(SpansetOp.OR, f, f)))).as(text).isEqualTo(alone);
        }
        assertThat(evaluated).isGreaterThan(FILTERS_PER_SEED / 2);
    }

    @ParameterizedTest
    @ValueSource(longs = {5L, 77L})
    void structuralOperatorsSplitTheRightHandSide(long seed) {
        RandomQueries random = new RandomQueries(seed);
        SpansetOp[][] forms = {
            {SpansetOp.CHILD, SpansetOp.NOT_CHILD, SpansetOp.UNION_CHILD},
            {SpansetOp.PARENT, SpansetOp.NOT_PARENT, SpansetOp.UNION_PARENT},
            {SpansetOp.DESCENDANT, SpansetOp.NOT_DESCENDANT, SpansetOp.UNION_DESCENDANT},
            {SpansetOp.ANCESTOR, SpansetOp.NOT_ANCESTOR, SpansetOp.UNION_ANCESTOR},
            {SpansetOp.SIBLING, SpansetOp.NOT_SIBLING, SpansetOp.UNION_SIBLING}};
        int checked = 0;
        for (int i = 0; i < FILTERS_PER_SEED; i++) {
            // random filters rarely match the block's spans: pair them with {} often
            SpansetExpr f = i % 3 == 0 ? emptyFilter() : random.filter();
            SpansetExpr g = i % 4 < 2 ? emptyFilter() : random.filter();
            Map<String, Set<String>> left = spans(query(f));
            Map<String, Set<String>> right = spans(query(g));
            if (left == null || right == null) {
                continue;
            }
            SpansetOp[] form = forms[i % forms.length];
            Map<String, Set<String>> plain = spans(query(op(form[0], f, g)));
            Map<String, Set<String>> negated = spans(query(op(form[1], f, g)));
            Map<String, Set<String>> union = spans(query(op(form[2], f, g)));
            String text = TraceQlPrinter.print(query(op(form[0], f, g)));
            assertThat(plain).as(text).isNotNull();
            for (String trace : right.keySet()) {
                Set<String> both = new HashSet<>(get(plain, trace));
                both.addAll(get(negated, trace));
                assertThat(both).as("%s: %s", text, trace).isEqualTo(right.get(trace));
                Set<String> overlap = new HashSet<>(get(plain, trace));
                overlap.retainAll(get(negated, trace));
                assertThat(overlap).as("%s: %s", text, trace).isEmpty();
                Set<String> sides = new HashSet<>(get(left, trace));
                sides.addAll(right.get(trace));
                assertThat(get(union, trace)).as("%s: %s", text, trace).containsAll(get(plain, trace))
                    .isSubsetOf(sides);
            }
            assertThat(plain.keySet()).isSubsetOf(right.keySet());
            assertThat(negated.keySet()).isSubsetOf(right.keySet());
            checked++;
        }
        assertThat(checked).isGreaterThan(FILTERS_PER_SEED / 2);
    }

    private static SpansetFilter emptyFilter() {
        return (SpansetFilter) io.pqflux.traceql.internal.TraceQlParser.parse("{}").pipeline().stages().getFirst();
    }

    @ParameterizedTest
    @ValueSource(longs = {11L, 42L, 20_260_821L})
    void randomQueriesEvaluateConsistently(long seed) {
        RandomQueries random = new RandomQueries(seed);
        int searched = 0;
        int failed = 0;
        for (int i = 0; i < QUERIES_PER_SEED; i++) {
            Query q = random.query();
            if (q.metrics() != null) {
                continue;
            }
            searched++;
            String text = TraceQlPrinter.print(q);
            SearchResult r;
            try {
                r = NaiveTraceQl.search(q, traces);
            } catch (EvaluationException e) {
                failed++;
                continue;
            }
            for (TraceResult t : r.traces()) {
                assertThat(t.spansets()).as(text).isNotEmpty().allSatisfy(ss -> {
                    assertThat(ss.matched()).as(text).isEqualTo(ss.spans().size()).isPositive();
                });
            }
            // the printed query means the same
            assertThat(NaiveTraceQl.search(text, traces).canonical()).as(text).isEqualTo(r.canonical());
        }
        assertThat(searched).isGreaterThan(QUERIES_PER_SEED / 2);
        assertThat(failed).as("queries failing at run time").isLessThan(searched / 2);
    }
}
