package io.pqflux.tempo.query.internal.search;

import io.pqflux.tempo.query.TempoQuerier;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.tempo.query.SearchRequest;
import io.pqflux.tempo.query.SearchResponse;
import io.pqflux.tempo.TempoTenant;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TraceReadOptions;
import io.pqflux.tempo.internal.assembly.AttributeKeys;
import io.pqflux.tempo.testing.MappedBlocks;
import io.pqflux.tempo.internal.assembly.TraceRows;
import io.pqflux.tempo.query.oracle.NaiveTraceQl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search's column test of a row's spans ({@link SpansetNeeds}) against the naive evaluator on every trace of the
 * bundled blocks of the three formats and of a generated one: a row is a candidate exactly when the naive evaluator
 * matches the trace with the query's needs written as a query of their own, or fails on the trace with the query
 * (the assembled path must then report the error); so no trace that matches is ever ruled out, and the test rules
 * out every row it can. Queries it cannot decide from columns get no test at all.
 */
class SpansetNeedsTest {

    /** A query and what its first stage needs of a trace's spans, as a query the naive evaluator runs. */
    private record Case(String query, String needs) {
    }

    private static final List<Case> DECIDED = List.of(
            new Case("{ name = \"SELECT\" && kind = client }", "{ name = \"SELECT\" && kind = client }"),
            new Case("{ name = \"SELECT\" && kind = client } | count() > 1", "{ name = \"SELECT\" && kind = client } | count() > 1"),
            new Case("{ kind = client } | count() >= 3 | by(name)", "{ kind = client } | count() >= 3"),
            new Case("{ status = error } | count() = 2", "{ status = error } | count() = 2"),
            new Case("{ kind = server } | count() < 2", "{ kind = server } | count() < 2"),
            new Case("{ kind = client } | count() != 1.0", "{ kind = client } | count() != 1.0"),
            new Case("{ kind = client } | by(name) | count() > 1", "{ kind = client }"),
            new Case("{ kind = client } | avg(duration) > 1ms", "{ kind = client }"),
            new Case("{ kind = server } > { kind = client } | count() > 1", "{ kind = server } && { kind = client }"),
            new Case("{ status = error } | by(resource.service.name) | count() > 2 | select(span.http.url)", "{ status = error }"),
            new Case("{ resource.service.name = \"frontend\" } >> { status = error && name =~ \"S.*\" }",
                    "{ resource.service.name = \"frontend\" } && { status = error && name =~ \"S.*\" }"),
            new Case("{ kind = server } > { kind = client }", "{ kind = server } && { kind = client }"),
            new Case("{ kind = server } &< { duration > 10ms }", "{ kind = server } && { duration > 10ms }"),
            new Case("{ kind = server } ~ { status = error }", "{ kind = server } && { status = error }"),
            new Case("{ kind = server } !> { kind = client }", "{ kind = client }"),
            new Case("{ status = error } !<< { span.http.status_code >= 500 }", "{ span.http.status_code >= 500 }"),
            new Case("{ span.http.method = \"GET\" } || { status = error }", "{ span.http.method = \"GET\" } || { status = error }"),
            new Case("({ kind = server } && { kind = client }) || { .service.name = \"nope\" }",
                    "({ kind = server } && { kind = client }) || { .service.name = \"nope\" }"),
            new Case("{ span.http.status_code / (span.http.status_code - 200) > 0 }",
                    "{ span.http.status_code / (span.http.status_code - 200) > 0 }"),
            new Case("{ } && { name = \"no span has this name\" }", "{ name = \"no span has this name\" }"));
    /** Queries whose first stage reads what a span's own columns do not hold, or may fail past its first stage. */
    private static final List<String> UNDECIDED = List.of("{ trace:duration > 1s }", "{ event.name = \"x\" }",
            "{ instrumentation.name = \"x\" } && { kind = client }", "({ kind = server } | count() > 1) && ({ kind = client })",
            "{ link:spanID = \"x\" }", "{ span:parentID = \"x\" } > { }", "{ nestedSetParent = -1 }");

    @TempDir
    static Path root;
    private static Path generated;
    private static Map<String, MappedBlocks.Mapped> blocks;

    @BeforeAll
    static void blocks() {
        blocks = MappedBlocks.formatsAndGenerated(root, 31);
        generated = blocks.get("generated").file().getParent();
    }

    /** Each row's test and trace, in row order, read with the first pass's columns; a null test: none for a batch. */
    private record Row(Boolean candidate, Trace trace) {
    }

    private static List<Row> rows(String query, MappedBlocks.Mapped block) {
        TraceQlSearch search = TraceQlSearch.compile(query);
        TraceQlSearch.Matcher matcher = search.matcher(SearchRequest.of(query), new SearchCounters());
        AttributeKeys keys = search.evaluationFields().attributes();
        List<Row> rows = new ArrayList<>();
        List<String> columns = block.mapper().evaluationColumns(block.schema(), search.evaluationFields());
        try (ParquetReader reader = ParquetReader.open(block.file(), ReadOptions.defaults().withColumns(columns))) {
            for (int g = 0; g < reader.rowGroupCount(); g++) {
                try (RowGroupBatch batch = reader.readRowGroup(g)) {
                    IntPredicate test = matcher.candidates(block.mapper(), batch, keys);
                    // read whole, a batch's rows are its row group's, from 0
                    block.mapper().forEachRowTrace(batch, keys, r -> true, r -> { }, row ->
                            rows.add(new Row(test == null ? null : test.test(Math.toIntExact(row.row())), row.trace())));
                }
            }
        }
        return rows;
    }

    /** Whether the naive evaluator matches the trace with {@code query}, or fails on it. */
    private static boolean matchesOrFails(String query, Trace trace) {
        try {
            return !NaiveTraceQl.search(query, List.of(trace)).traces().isEmpty();
        } catch (NaiveTraceQl.EvaluationException e) {
            return true;
        }
    }

    @Test
    void aRowIsACandidateExactlyWhenItsSpansHoldWhatTheFirstStageNeeds() {
        int ruledOut = 0;
        int rows = 0;
        for (Case c : DECIDED) {
            for (Map.Entry<String, MappedBlocks.Mapped> block : blocks.entrySet()) {
                for (Row row : rows(c.query(), block.getValue())) {
                    String at = c.query() + " on " + block.getKey() + ", trace " + row.trace().traceIdHex();
                    assertThat(row.candidate()).as("the test of %s", at).isNotNull();
                    boolean needed = matchesOrFails(c.needs(), row.trace()) || failsOn(c.query(), row.trace());
                    assertThat(row.candidate()).as(at).isEqualTo(needed);
                    if (!row.candidate()) {
                        assertThat(matchesOrFails(c.query(), row.trace())).as("ruled out, %s cannot match", at).isFalse();
                        ruledOut++;
                    }
                    rows++;
                }
            }
        }
        // the cases rule out rows on every block, and keep some
        assertThat(ruledOut).isGreaterThan(rows / 4).isLessThan(rows);
    }

    private static boolean failsOn(String query, Trace trace) {
        try {
            NaiveTraceQl.search(query, List.of(trace));
            return false;
        } catch (NaiveTraceQl.EvaluationException e) {
            return true;
        }
    }

    @Test
    void aFirstStageColumnsCannotDecideGetsNoTest() {
        for (String query : UNDECIDED) {
            for (Map.Entry<String, MappedBlocks.Mapped> block : blocks.entrySet()) {
                assertThat(rows(query, block.getValue())).as("%s on %s", query, block.getKey())
                        .allSatisfy(row -> assertThat(row.candidate()).isNull());
            }
        }
    }

    @Test
    void ruledOutTracesStillCountAsInspected() {
        Path tenantRoot = generated.getParent().getParent();
        TempoTenant tenant = TempoTenant.local(tenantRoot, generated.getParent().getFileName().toString());
        List<Trace> traces = tenant.traces(TraceReadOptions.defaults()).collectList().block();
        long spans = traces.stream().mapToLong(Trace::spanCount).sum();
        String query = "{ kind = server } > { name = \"SELECT\" && kind = client }";
        SearchResponse response = TempoQuerier.of(tenant).searchResponse(SearchRequest.of(query).withLimit(0)).block();
        assertThat(response.traces()).extracting(result -> result.traceId()).containsExactlyInAnyOrderElementsOf(
                NaiveTraceQl.search(query, traces).traceIds());
        assertThat(response.traces()).isNotEmpty().hasSizeLessThan(traces.size());
        assertThat(response.metrics().inspectedTraces()).isEqualTo(traces.size());
        assertThat(response.metrics().inspectedSpans()).isEqualTo(spans);
    }
}
