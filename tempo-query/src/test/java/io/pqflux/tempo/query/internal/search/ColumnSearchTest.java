package io.pqflux.tempo.query.internal.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.filter.Predicate;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.tempo.query.SearchRequest;
import io.pqflux.tempo.query.SearchResponse;
import io.pqflux.traceql.TraceQlException;
import io.pqflux.tempo.query.TraceSearchResult;
import io.pqflux.tempo.internal.assembly.AttributeKeys;
import io.pqflux.tempo.testing.MappedBlocks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search's first pass decided on span columns ({@code Matcher.matchColumns}) against the same batches' traces
 * assembled and evaluated: the queries it takes (a first filter over span intrinsics with columns of their own and span
 * and resource attributes, then aggregates compared with literals, {@code by()}, {@code coalesce()}) must be taken on
 * every batch of every format and give the results (rows, trace fields, spansets with their returned spans and
 * attributes) and inspected counts of the assembled path evaluating every row, though rows the query's pruning
 * predicate rules out ({@link CandidateRows}) are not decided; the others must be declined, having handed and counted nothing.
 * (Both paths against the naive evaluator: {@code EngineAgreementTest}.)
 */
class ColumnSearchTest {

    private static final List<String> COLUMN_QUERIES = List.of("{ }", "{ } | count() > 1", "{ status = error }",
            "{ kind = server || duration > 1ms } | count() > 2", "{ } | avg(duration) > 1ms",
            "{ } | by(name) | count() > 1", "{ span.http.method = \"GET\" } | by(resource.service.name)",
            "{ .http.url != nil } | by(kind) | coalesce()", "{ name =~ \".*a.*\" } | max(span.http.status_code) >= 400",
            "{ .nope = 1 }", "{ } | sum(duration) > 10ms | count() > 1",
            "{ resource.service.name =~ \"c.*\" } | min(duration) < 1ms", "{ duration * 2 > 3ms } | by(status)",
            "{ span.http.status_code >= 400 && .service.name != nil } | count() >= 1",
            "{ name != \"GET /a\" && kind = client }", "{ (kind = server && status != error) || name =~ \"G.*\" }",
            "{ status = unset || statusMessage = \"\" || kind != internal } | count() > 1",
            "{ !(kind = client) && statusMessage != \"x\" }", "{ name > \"M\" && (status = ok || 1 = 1) }");
    /**
     * Queries of such fields that relate spans or spansets ({@code matchPipeline}): every structural operator in its
     * plain, negated and union forms, spanset {@code &&} and {@code ||}, sub-pipelines and filters after the first.
     */
    private static final List<String> PIPELINE_QUERIES = List.of("{ } > { }", "{ } >> { status = error }",
            "{ kind = server } < { }", "{ } << { name =~ \".*a.*\" }", "{ } ~ { }", "{ } !> { }",
            "{ } !>> { kind = client }", "{ } !< { }", "{ } !<< { duration > 1ms }", "{ } !~ { kind = server }",
            "{ } &> { }", "{ kind = server } &>> { }", "{ } &< { status != error }", "{ } &<< { }", "{ } &~ { }",
            "{ } && { kind = server }", "{ status = error } || { duration > 1ms }", "({ } > { }) && { kind = client }",
            "{ resource.service.name != nil } >> { } | count() > 1", "{ } | { kind = server }",
            "{ } > { } | by(name) | count() > 1", "{ } > { } > { }", "{ } >> ({ kind = client } && { })",
            "{ .http.method = \"GET\" } >> { span.http.status_code >= 400 } | avg(duration) > 1ms",
            "{ } ~ { } | coalesce() | max(duration) > 1ms", "({ } | count() > 2) >> ({ name != \"x\" })");
    /** Queries reading trace, scope, event or link fields, the nested sets themselves, or selecting. */
    private static final List<String> ASSEMBLED_QUERIES = List.of("{ } > { event.x = 1 }", "{ nestedSetLeft > 1 }",
            "{ } >> { } | select(name)", "{ } && { trace:duration > 1s }", "{ } | select(span.http.url)", "{ trace:duration > 1s }", "{ event.x = 1 }", "{ instrumentation.x = 1 }",
            "{ } | count() > 1 | select(name)", "{ span:id != \"x\" }", "{ rootName != nil }",
            "{ } | by(rootServiceName)", "{ } | avg(trace:duration) > 1ms");

    @TempDir
    static Path root;
    private static Map<String, MappedBlocks.Mapped> blocks;

    @BeforeAll
    static void blocks() {
        blocks = MappedBlocks.formatsAndGenerated(root, 29);
    }

    /** A matched row: where it is and its result. */
    private record Found(int rowGroup, long row, TraceSearchResult result) {
    }

    /** The two paths' matches and inspected counts, and the batches the column path took. */
    private record Answers(List<Found> columns, List<Found> assembled, SearchResponse.Metrics columnCounts,
                           SearchResponse.Metrics assembledCounts, int batches, int taken) {
    }

    private static Answers answers(String text, MappedBlocks.Mapped block) {
        TraceQlSearch search = TraceQlSearch.compile(text);
        SearchRequest request = new SearchRequest(text, null, null, 0, 3);
        SearchCounters columnCounts = new SearchCounters();
        SearchCounters assembledCounts = new SearchCounters();
        List<Found> columns = new ArrayList<>();
        List<Found> assembled = new ArrayList<>();
        AttributeKeys keys = search.evaluationFields().attributes();
        List<String> read = block.mapper().evaluationColumns(block.schema(), search.evaluationFields());
        Predicate pruning = search.pruning(block.mapper(), block.schema());
        int batches = 0;
        int taken = 0;
        try (ParquetReader reader = ParquetReader.open(block.file(), ReadOptions.defaults().withColumns(read))) {
            for (int g = 0; g < reader.rowGroupCount(); g++) {
                try (RowGroupBatch batch = reader.readRowGroup(g)) {
                    batches++;
                    List<Found> mine = new ArrayList<>();
                    // rows the query's pruning predicate rules out are not decided; the assembled path below
                    // evaluates every row
                    CandidateRows candidates = CandidateRows.of(pruning, batch.nested(), block.mapper().spanPath());
                    if (search.matcher(request, columnCounts).matchColumns(block.mapper(), batch, keys, candidates,
                            (rowGroup, row, match) -> mine.add(new Found(rowGroup, row, match.result())))) {
                        taken++;
                        columns.addAll(mine);
                    } else {
                        assertThat(mine).as("a declined batch handed nothing").isEmpty();
                    }
                    TraceQlSearch.Matcher matcher = search.matcher(request, assembledCounts);
                    block.mapper().forEachRowTrace(batch, keys, r -> true, r -> { }, row -> matcher.evaluate(row.trace())
                            .ifPresent(match -> assembled.add(new Found(row.rowGroup(), row.row(), match.result()))));
                }
            }
        }
        return new Answers(columns, assembled, columnCounts.metrics(1, 0), assembledCounts.metrics(1, 0), batches, taken);
    }

    @Test
    void columnQueriesAreDecidedOnColumnsOnEveryBatchAndMatchAsAssembledTraces() {
        decidedOnColumns(COLUMN_QUERIES);
    }

    @Test
    void pipelinesRelatingSpansRunOnColumnsOnEveryBatchAndMatchAsAssembledTraces() {
        decidedOnColumns(PIPELINE_QUERIES);
    }

    private static void decidedOnColumns(List<String> queries) {
        int withMatches = 0;
        for (String text : queries) {
            for (Map.Entry<String, MappedBlocks.Mapped> block : blocks.entrySet()) {
                Answers answers = answers(text, block.getValue());
                String what = text + " on " + block.getKey();
                assertThat(answers.batches()).as(what).isPositive();
                assertThat(answers.taken()).as("%s: batches decided on columns", what).isEqualTo(answers.batches());
                assertThat(answers.columns()).as(what).isEqualTo(answers.assembled());
                assertThat(answers.columnCounts()).as("%s: inspected", what).isEqualTo(answers.assembledCounts());
                assertThat(answers.columnCounts().inspectedSpans()).as(what).isPositive();
                if (!answers.columns().isEmpty()) withMatches++;
            }
        }
        // the comparison means something: most of the queries match traces on most blocks
        assertThat(withMatches).isGreaterThan(queries.size() * blocks.size() / 2);
    }

    @Test
    void aRelatingPipelineFailingAtATraceDeclinesTheBatch() {
        // by() makes a spanset per name, and a structural operator over several fails the search, as Tempo's does
        String text = "({ } | by(name)) > ({ })";
        TraceQlSearch search = TraceQlSearch.compile(text);
        SearchRequest request = new SearchRequest(text, null, null, 0, 3);
        MappedBlocks.Mapped block = blocks.get("vParquet4");
        AttributeKeys keys = search.evaluationFields().attributes();
        List<String> read = block.mapper().evaluationColumns(block.schema(), search.evaluationFields());
        try (ParquetReader reader = ParquetReader.open(block.file(), ReadOptions.defaults().withColumns(read));
             RowGroupBatch batch = reader.readRowGroup(0)) {
            SearchCounters counters = new SearchCounters();
            List<MatchedTrace> handed = new ArrayList<>();
            CandidateRows candidates = CandidateRows.of(search.pruning(block.mapper(), block.schema()), batch.nested(),
                    block.mapper().spanPath());
            assertThat(search.matcher(request, counters).matchColumns(block.mapper(), batch, keys, candidates,
                    (rowGroup, row, match) -> handed.add(match))).as("decided on columns").isFalse();
            assertThat(handed).isEmpty();
            assertThat(counters.metrics(1, 0).inspectedTraces()).as("counted").isZero();
            TraceQlSearch.Matcher assembled = search.matcher(request, new SearchCounters());
            assertThatThrownBy(() -> block.mapper().forEachRowTrace(batch, keys, r -> true, r -> { },
                    row -> assembled.evaluate(row.trace()))).isInstanceOf(TraceQlException.class)
                    .hasMessageContaining("multiple spansets");
        }
    }

    @Test
    void otherQueriesAreLeftToTheAssembledPath() {
        for (String text : ASSEMBLED_QUERIES) {
            for (Map.Entry<String, MappedBlocks.Mapped> block : blocks.entrySet()) {
                Answers answers = answers(text, block.getValue());
                String what = text + " on " + block.getKey();
                assertThat(answers.taken()).as("%s: batches decided on columns", what).isZero();
                assertThat(answers.columns()).as(what).isEmpty();
                assertThat(answers.columnCounts().inspectedTraces()).as("%s: counted by the column path", what).isZero();
            }
        }
    }
}
