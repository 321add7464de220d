package io.pqflux.tempo.query.internal.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.tempo.testing.MappedBlocks;
import io.pqflux.traceql.internal.FieldExpr;
import io.pqflux.traceql.internal.Intrinsic;
import io.pqflux.traceql.internal.SpansetFilter;
import io.pqflux.traceql.internal.TraceQlParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A duel: filters decided by {@link ColumnFilter} against the {@link FieldEvaluator} alone, at every span slot of every
 * batch of the bundled vParquet3/4/5 blocks and a generated one, for random filters of remembered comparisons (name,
 * status message, kind, status against literals, every comparison and regex operator), comparisons it leaves to the
 * evaluator, negations, {@code &&} and {@code ||}: the same value, or the same failure, at every slot.
 */
class ColumnFilterTest {

    /** Comparisons the filter remembers per stored value (name and status message when dictionary-encoded). */
    private static final List<String> REMEMBERED = List.of("name = \"%s\"", "name != \"%s\"", "name =~ \"%s.*\"",
            "name !~ \".*%s\"", "name > \"%s\"", "name <= \"%s\"", "\"%s\" = name", "statusMessage = \"\"",
            "statusMessage != \"%s\"", "kind = client", "kind != server", "kind = internal", "status = error",
            "status != ok", "status = unset", "server = kind", "kind > 1", "status = 2");
    /** Parts evaluated span by span. */
    private static final List<String> EVALUATED = List.of("duration > 1ms", "span.http.method = \"GET\"", "1 = 1",
            ".service.name != nil", "name = nil", "kind != nil", "duration * 2 < 3ms", "false");
    private static final List<String> NAMES = List.of("GET /a", "GET", "M", "", "POST /checkout", "x");
    private static final int FILTERS = 300;
    /** A search reading every field the filters read. */
    private static final TraceQlSearch EVERY_FIELD = TraceQlSearch.compile("{ name = \"a\" && statusMessage = \"\""
            + " && kind = client && status = ok && duration > 1ms && span.http.method = \"GET\" && .service.name != nil }");

    @TempDir
    static Path root;
    private static Map<String, MappedBlocks.Mapped> blocks;

    @BeforeAll
    static void blocks() {
        blocks = MappedBlocks.formatsAndGenerated(root, 31);
    }

    @Test
    void randomFiltersGiveTheEvaluatorsValueAtEverySpan() {
        Random random = new Random(51);
        List<String> filters = new ArrayList<>();
        for (int i = 0; i < FILTERS; i++) filters.add("{ " + expr(random, 3) + " }");
        long slots = 0, remembered = 0, trueSomewhere = 0;
        for (Map.Entry<String, MappedBlocks.Mapped> block : blocks.entrySet()) {
            MappedBlocks.Mapped mapped = block.getValue();
            List<String> columns = mapped.mapper().evaluationColumns(mapped.schema(), EVERY_FIELD.evaluationFields());
            try (ParquetReader reader = ParquetReader.open(mapped.file(), ReadOptions.defaults().withColumns(columns))) {
                for (int g = 0; g < reader.rowGroupCount(); g++) {
                    try (RowGroupBatch batch = reader.readRowGroup(g)) {
                        for (String text : filters) {
                            FieldExpr expr = ((SpansetFilter) TraceQlParser.parse(text).pipeline().stages().getFirst()).expr();
                            FieldEvaluator evaluator = new FieldEvaluator();
                            ColumnSpans spans = ColumnSpans.bind(mapped.mapper(), batch, EVERY_FIELD.evaluationFields().attributes(), true, evaluator);
                            assertThat(spans).as("%s: span columns", block.getKey()).isNotNull();
                            ColumnFilter.Part filter = ColumnFilter.of(expr, spans, evaluator);
                            remembered += remembered(filter);
                            for (int i = 0; i < spans.rowCount(); i++) {
                                long range = spans.spanSlots(spans.row(i));
                                for (int s = (int) (range >>> 32), end = (int) range; s < end; s++) {
                                    int slot = s;
                                    Object expected = valueOrFailure(() -> evaluator.evaluate(expr, spans, slot,
                                            FieldEvaluator.UNBOUND, FieldEvaluator.UNBOUND));
                                    Object actual = valueOrFailure(() -> filter.value(slot));
                                    assertThat(actual).as("%s on %s, row group %d, slot %d", text, block.getKey(), g, s)
                                            .isEqualTo(expected);
                                    if (expected.equals(FieldValue.TRUE)) trueSomewhere++;
                                    slots++;
                                }
                            }
                        }
                    }
                }
            }
        }
        // the duel means something: many spans, many remembered comparisons, filters that hold and that do not
        assertThat(slots).isGreaterThan(100_000);
        assertThat(remembered).isGreaterThan(FILTERS);
        assertThat(trueSomewhere).isBetween(slots / 20, slots - slots / 20);
    }

    @Test
    void comparisonsOfFewValuedIntrinsicsAreRememberedAndTheRestEvaluated() throws Exception {
        MappedBlocks.Mapped mapped = blocks.get("vParquet4");
        assertThat(mapped).isNotNull();
        try (ParquetReader reader = ParquetReader.open(mapped.file(), ReadOptions.defaults());
             RowGroupBatch batch = reader.readRowGroup(0)) {
            FieldEvaluator evaluator = new FieldEvaluator();
            ColumnSpans spans = ColumnSpans.bind(mapped.mapper(), batch, EVERY_FIELD.evaluationFields().attributes(), true, evaluator);
            assertThat(part("{ kind = client && (status != error || name =~ \"G.*\") }", spans, evaluator))
                    .isInstanceOfSatisfying(ColumnFilter.Combined.class, and -> {
                        assertThat(and.lhs()).isInstanceOf(ColumnFilter.Remembered.class);
                        assertThat(and.rhs()).isInstanceOfSatisfying(ColumnFilter.Combined.class, or -> {
                            assertThat(or.lhs()).isInstanceOf(ColumnFilter.Remembered.class);
                            assertThat(or.rhs()).isInstanceOf(spans.intrinsicLeaf(Intrinsic.NAME)
                                    .dictionarySize() > 0 ? ColumnFilter.Remembered.class : ColumnFilter.Evaluated.class);
                        });
                    });
            assertThat(part("{ duration > 1ms }", spans, evaluator)).isInstanceOf(ColumnFilter.Evaluated.class);
            assertThat(part("{ !(kind = client) }", spans, evaluator)).isInstanceOf(ColumnFilter.Evaluated.class);
            assertThat(part("{ kind = client || duration > 1ms }", spans, evaluator))
                    .isInstanceOfSatisfying(ColumnFilter.Combined.class,
                            or -> assertThat(or.rhs()).isInstanceOf(ColumnFilter.Evaluated.class));
        }
    }

    private static ColumnFilter.Part part(String text, ColumnSpans spans, FieldEvaluator evaluator) {
        FieldExpr expr = ((SpansetFilter) TraceQlParser.parse(text).pipeline().stages().getFirst()).expr();
        return ColumnFilter.of(expr, spans, evaluator);
    }

    /** Remembered parts in {@code part}. */
    private static int remembered(ColumnFilter.Part part) {
        return switch (part) {
            case ColumnFilter.Remembered ignored -> 1;
            case ColumnFilter.Combined c -> remembered(c.lhs()) + remembered(c.rhs());
            default -> 0;
        };
    }

    private static String expr(Random random, int depth) {
        int pick = random.nextInt(10);
        if (depth == 0 || pick < 4) return part(random);
        if (pick == 4) return "!(" + expr(random, depth - 1) + ")";
        String op = random.nextBoolean() ? " && " : " || ";
        return "(" + expr(random, depth - 1) + op + expr(random, depth - 1) + ")";
    }

    private static String part(Random random) {
        List<String> from = random.nextInt(4) == 0 ? EVALUATED : REMEMBERED;
        return from.get(random.nextInt(from.size())).formatted(NAMES.get(random.nextInt(NAMES.size())));
    }

    /** The value, or the failure's class and message. */
    private static Object valueOrFailure(Supplier<FieldValue> value) {
        try {
            return Objects.requireNonNull(value.get());
        } catch (EvaluationFailure e) {
            return "failure: " + e.getMessage();
        }
    }
}
