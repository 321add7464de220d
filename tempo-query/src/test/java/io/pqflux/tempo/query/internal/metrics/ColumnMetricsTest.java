package io.pqflux.tempo.query.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.tempo.query.MetricsResponse;
import io.pqflux.tempo.query.SearchResponse;
import io.pqflux.traceql.TraceQlException;
import io.pqflux.tempo.internal.assembly.AttributeKeys;
import io.pqflux.tempo.internal.assembly.EvaluationFields;
import io.pqflux.tempo.testing.MappedBlocks;
import io.pqflux.tempo.internal.assembly.TraceRows;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metrics read from span columns ({@code MetricsAccumulator.observeColumns}) against the same batches' traces
 * assembled and observed: for the queries it takes (span intrinsics with columns of their own, span and resource
 * attributes from generic, dedicated and well-known columns), the column path must be taken on every batch of every
 * format and
 * give the assembled path's series, exemplars and counts exactly; the queries it does not take it must decline, having
 * observed nothing. (Both paths against the naive evaluator: {@code MetricsAgreementTest}.)
 */
class ColumnMetricsTest {

    private static final int EXEMPLARS = 5;
    /** Queries whose spans are read from columns: one filter and functions over span intrinsics and attributes. */
    private static final List<String> COLUMN_QUERIES = List.of("{ } | rate()", "{} | count_over_time() by (status)",
            "{ status = error } | rate() by (name)", "{ kind = server || duration > 1ms } | count_over_time() by (kind, status)",
            "{ } | quantile_over_time(duration, .5, .99) by (kind)", "{ } | histogram_over_time(duration)",
            "{ name =~ \".*a.*\" && !(status = ok) } | avg_over_time(duration) by (statusMessage)",
            "{ duration >= 100us } | min_over_time(duration) by (name)", "{ } | max_over_time(duration)",
            "{ kind != internal } | sum_over_time(duration) by (name, kind) with(exemplars=3)",
            "{ name = \"no span has this name\" } | rate()", "{ duration * 2 > 3ms } | rate() by (status)",
            "{ } | rate() by (resource.service.name)", "{ span.http.method = \"GET\" } | rate() by (span.http.status_code)",
            "{ } | avg_over_time(span.http.status_code) by (.service.name)", "{ .http.url != nil } | count_over_time() by (.http.url)",
            "{ resource.service.name =~ \"c.*\" || span.http.status_code >= 400 } | max_over_time(duration) by (span.http.method)",
            "{ } | sum_over_time(span.peer.port) by (resource.k8s.cluster.name)", "{ .nope = 1 } | rate()",
            "{ } | histogram_over_time(span.http.status_code) by (kind)", "{ span.http.status_code > 200 } | quantile_over_time(span.process.pid, .5)");
    /**
     * compare() queries whose spans are read from columns on every format but vParquet5 (whose {@code span:childCount}
     * is numbered over the assembled trace): filters over span intrinsics and span and resource attributes, failing
     * ones (the span goes to the baseline), windows, exemplars.
     */
    private static final List<String> COMPARE_QUERIES = List.of("{ } | compare({ status = error })",
            "{ } | compare({ kind = server }, 3)", "{ resource.service.name != nil } | compare({ duration > 1ms }, 1)",
            "{ } | compare({ span.http.status_code >= 400 }, 1000)", "{ } | compare({ .nope = 1 })",
            "{ status = error } | compare({ })", "{ } | compare({ name =~ \".*a.*\" }, 2, 1, 1700000000000000000)",
            "{ } | compare({ .peer.port / 0 > 1 }, 2)", "{ kind != internal } | compare({ .service.name =~ \"c.*\" }, 4)",
            "{ } | compare({ }, 1) with(exemplars=3)", "{ } > { } | compare({ kind = client })",
            "{ } >> { status = error } | compare({ duration > 1ms }, 2)");
    /**
     * Queries of such fields whose pipelines relate spans or spansets, run whole on each row's columns: structural
     * operators, spanset {@code &&} and {@code ||}, aggregates compared before the function.
     */
    private static final List<String> PIPELINE_QUERIES = List.of("{ } > { } | rate()", "{ } | count() > 1 | rate()",
            "{ } > { } | rate() by (name)", "{ kind = server } >> { status = error } | count_over_time() by (resource.service.name)",
            "{ } ~ { } | quantile_over_time(duration, .5, .9)", "{ } && { kind = client } | rate()",
            "{ status = error } || { duration > 1ms } | histogram_over_time(duration)", "{ } !> { } | rate() by (kind)",
            "{ } &>> { } | max_over_time(duration) by (kind)", "{ } << { span.http.method = \"GET\" } | sum_over_time(duration)",
            "{ } | avg(duration) > 1ms | rate() by (status) with(exemplars=2)");
    /** Queries that read something else (trace, scope, event fields, nested sets). */
    private static final List<String> ASSEMBLED_QUERIES = List.of("{ } > { event.x = 1 } | rate()",
            "{ nestedSetParent = -1 } | rate()", "{ } | compare({ event.x = 1 })",
            "{ } | compare({ rootName = \"x\" })", "{ } | rate() by (rootName)", "{ trace:duration > 1s } | rate()",
            "{ } | rate() by (span:id)", "{ instrumentation.x = 1 } | rate()", "{ event.x = 1 } | rate()",
            "{ } | rate() by (instrumentation:name)");

    @TempDir
    static Path root;
    private static Map<String, MappedBlocks.Mapped> blocks;

    @BeforeAll
    static void blocks() {
        blocks = MappedBlocks.formatsAndGenerated(root, 23);
    }

    /** The two paths' answers and the batches the column path took. */
    private record Answers(MetricsResponse columns, MetricsResponse assembled, int batches, int taken, long spans) {
    }

    private static Answers answers(MetricsQuery metrics, MappedBlocks.Mapped block) {
        PipelineMetrics query = metrics.pipelines().getFirst();
        TimeGrid grid = TimeGrid.range(0, Long.MAX_VALUE / 2, Long.MAX_VALUE / 8);
        EvaluationFields fields = query.fields(EXEMPLARS, block.format());
        // a block's batches each observed into an accumulator of its own, merged in order, as a block read does
        MetricsAccumulator columns = query.accumulator(grid, EXEMPLARS, block.format());
        MetricsAccumulator assembled = query.accumulator(grid, EXEMPLARS, block.format());
        List<String> read = block.mapper().evaluationColumns(block.schema(), fields);
        AttributeKeys keys = fields.attributes();
        AtomicLong columnSpans = new AtomicLong();
        AtomicLong assembledSpans = new AtomicLong();
        int batches = 0;
        int taken = 0;
        try (ParquetReader reader = ParquetReader.open(block.file(), ReadOptions.defaults().withColumns(read))) {
            for (int g = 0; g < reader.rowGroupCount(); g++) {
                try (RowGroupBatch batch = reader.readRowGroup(g)) {
                    batches++;
                    MetricsAccumulator mine = query.accumulator(grid, EXEMPLARS, block.format());
                    if (mine.observeColumns(block.mapper(), batch, keys, columnSpans::addAndGet)) {
                        taken++;
                        columns.merge(mine);
                    } else {
                        assertThat(mine.traces()).as("a declined batch observed nothing").isZero();
                    }
                    MetricsAccumulator traces = query.accumulator(grid, EXEMPLARS, block.format());
                    block.mapper().forEachRowTrace(batch, keys, r -> true, r -> { },
                            row -> assembledSpans.addAndGet(traces.observe(row.trace())));
                    assembled.merge(traces);
                }
            }
        }
        assertThat(columnSpans.get()).isEqualTo(taken == 0 ? 0 : assembledSpans.get());
        SearchResponse.Metrics searched = new SearchResponse.Metrics(0, 0, 0, 1, 1, 0);
        return new Answers(metrics.finish(new PartialMetrics(List.of(columns)), grid, EXEMPLARS, searched),
                metrics.finish(new PartialMetrics(List.of(assembled)), grid, EXEMPLARS, searched), batches, taken,
                assembledSpans.get());
    }

    @Test
    void columnQueriesAreReadFromColumnsOnEveryBatchAndAnswerAsAssembledTraces() {
        readFromColumns(COLUMN_QUERIES);
    }

    @Test
    void pipelinesRelatingSpansRunOnColumnsOnEveryBatchAndAnswerAsAssembledTraces() {
        readFromColumns(PIPELINE_QUERIES);
    }

    private static void readFromColumns(List<String> queries) {
        int withSeries = 0;
        for (String text : queries) {
            MetricsQuery query = MetricsQuery.compile(text);
            for (Map.Entry<String, MappedBlocks.Mapped> block : blocks.entrySet()) {
                Answers answers = answers(query, block.getValue());
                String as = text + " on " + block.getKey();
                assertThat(answers.taken()).as(as).isEqualTo(answers.batches());
                assertThat(answers.spans()).as(as).isPositive();
                assertThat(answers.columns()).as(as).isEqualTo(answers.assembled());
                if (!answers.columns().series().isEmpty()) withSeries++;
            }
        }
        assertThat(withSeries).as("answers with series").isGreaterThan(queries.size() * blocks.size() * 2 / 3);
    }

    @Test
    void compareQueriesAreReadFromColumnsBeforeVParquet5AndAnswerAsAssembledTraces() {
        int withSeries = 0;
        for (String text : COMPARE_QUERIES) {
            MetricsQuery query = MetricsQuery.compile(text);
            for (Map.Entry<String, MappedBlocks.Mapped> block : blocks.entrySet()) {
                Answers answers = answers(query, block.getValue());
                String as = text + " on " + block.getKey();
                boolean columns = block.getValue().format() != io.pqflux.tempo.TempoFormat.VPARQUET5;
                assertThat(answers.taken()).as(as).isEqualTo(columns ? answers.batches() : 0);
                assertThat(answers.spans()).as(as).isPositive();
                assertThat(answers.columns()).as(as).isEqualTo(columns ? answers.assembled()
                        : new MetricsResponse(List.of(), false, answers.assembled().metrics()));
                if (!answers.assembled().series().isEmpty()) withSeries++;
            }
        }
        assertThat(withSeries).as("answers with series").isGreaterThan(COMPARE_QUERIES.size() * blocks.size() * 2 / 3);
    }

    @Test
    void otherQueriesAreDeclinedAndAssembled() {
        for (String text : ASSEMBLED_QUERIES) {
            MetricsQuery query = MetricsQuery.compile(text);
            for (Map.Entry<String, MappedBlocks.Mapped> block : blocks.entrySet()) {
                assertThat(answers(query, block.getValue()).taken()).as(text + " on " + block.getKey()).isZero();
            }
        }
    }

    @Test
    void aFilterFailingOnABatchDeclinesIt() {
        // a division by zero: the assembled path fails the query on the first span it evaluates
        List<String> failing = List.of("{ name = \"a\" || 2 % 0 = 0 } | rate()", "{ 1 / 0 = 1 && status = error } | rate()");
        for (String text : failing) {
            PipelineMetrics query = MetricsQuery.compile(text).pipelines().getFirst();
            MappedBlocks.Mapped block = blocks.get("vParquet4");
            TimeGrid grid = TimeGrid.range(0, Long.MAX_VALUE / 2, Long.MAX_VALUE / 8);
            ReadOptions read = ReadOptions.defaults().withColumns(
                    block.mapper().evaluationColumns(block.schema(), query.fields(0, block.format())));
            try (ParquetReader reader = ParquetReader.open(block.file(), read); RowGroupBatch batch = reader.readRowGroup(0)) {
                MetricsAccumulator accumulator = query.accumulator(grid, 0, block.format());
                assertThat(accumulator.observeColumns(block.mapper(), batch, query.fields(0, block.format()).attributes(), spans -> { })).as(text).isFalse();
                assertThat(accumulator.traces()).isZero();
                // where the assembled path fails the query
                List<TraceRows.RowTrace> rows = new ArrayList<>();
                block.mapper().forEachRowTrace(batch, query.fields(0, block.format()).attributes(), r -> true, r -> { },
                        rows::add);
                TraceRows.RowTrace first = rows.getFirst();
                assertThatThrownBy(() -> accumulator.observe(first.trace())).isInstanceOf(TraceQlException.class)
                        .hasMessageContaining("by zero");
            }
        }
    }

    /**
     * compare() reads what it groups (every span, resource and scope attribute; names, statuses, kinds, scopes) and
     * what its pipeline and filter evaluate, in every format, and none of the event, link, ID, nested-set or duration
     * leaves it has no use for; vParquet5's {@code span:childCount} is numbered from span and parent IDs.
     */
    @Test
    void compareReadsWhatItGroupsAndNothingElse() {
        for (String format : List.of("vParquet3", "vParquet4", "vParquet5", "generated")) {
            MappedBlocks.Mapped block = blocks.get(format);
            String span = block.mapper().spanPath();
            List<String> read = columns(block, "{ } | compare({ status = error })", 0);
            assertThat(read).as(format).contains(span + "Name", span + "StatusCode", span + "StatusMessage", span + "Kind",
                    span + "StartTimeUnixNano");
            assertThat(read).as(format).anyMatch(c -> c.startsWith(span + "Attrs") && c.endsWith(".Key"))
                    .anyMatch(c -> c.startsWith(block.mapper().resourcePath() + "Attrs") && c.endsWith(".Key"))
                    .anyMatch(c -> c.contains(".Scope.") || c.contains(".InstrumentationLibrary."))
                    .noneMatch(c -> c.contains(".Events.") || c.contains(".Links.") || c.contains("NestedSet")
                            || c.equals(span + "DurationNano") || c.equals(span + "EndUnixNanos"));
            boolean ids = block.format() == io.pqflux.tempo.TempoFormat.VPARQUET5;
            assertThat(read.contains(span + "SpanID") && read.contains(span + "ParentSpanID")).as(format).isEqualTo(ids);
            assertThat(columns(block, "{ } | compare({ status = error })", 2)).as(format).contains(span + "SpanID");
            // what the filter and the pipeline evaluate is read as well
            assertThat(columns(block, "{ duration > 1ms } | compare({ event.x = 1 })", 0)).as(format)
                    .contains(span + "DurationNano").anyMatch(c -> c.contains(".Events.") && c.endsWith(".Key"))
                    .noneMatch(c -> c.contains(".Links."));
        }
    }

    private static List<String> columns(MappedBlocks.Mapped block, String query, int exemplars) {
        return block.mapper().evaluationColumns(block.schema(), MetricsQuery.compile(query).pipelines().getFirst()
                .fields(exemplars, block.format()));
    }
}
