package io.pqflux.tempo.query.internal.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.filter.Predicate;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.tempo.TempoBlock;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TraceReadOptions;
import io.pqflux.tempo.generator.TempoBlockWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first pass's row test, asked of every row of a generated vParquet4 block against what the row's trace, read whole
 * and independently, holds: for the predicates below the answer is exact (a row is a candidate exactly when some span
 * or resource of its trace has the value), so the test neither loses a trace that could match nor keeps every row.
 */
class CandidateRowsTest {

    private static final long SEED = 41;
    private static final String SPAN = "rs.list.element.ss.list.element.Spans.list.element.";
    private static final String RESOURCE = "rs.list.element.Resource.";

    @TempDir
    static Path root;
    private static Path data;
    /** The block's traces in row order. */
    private static List<Trace> traces;

    @BeforeAll
    static void writeBlock() {
        TempoBlockWriter.WrittenBlock written = TempoBlockWriter.generate(root, TempoBlockWriter.Settings.defaults(SEED)
                .withRowGroupSizeBytes(64 << 10), SEED, 300);
        assertThat(written.rowGroupCount()).isGreaterThan(1);
        data = written.directory().resolve("data.parquet");
        traces = TempoBlock.open(written.directory()).traces(TraceReadOptions.defaults()).collectList().block();
    }

    private static Stream<Span> spans(Trace trace) {
        return trace.resourceSpans().stream().flatMap(rs -> rs.getScopeSpansList().stream())
                .flatMap(ss -> ss.getSpansList().stream());
    }

    private static String attribute(List<KeyValue> attributes, String key) {
        return attributes.stream().filter(kv -> kv.getKey().equals(key)).map(kv -> kv.getValue().getStringValue())
                .findFirst().orElse(null);
    }

    /** Each row's answer, in row order over every row group, reading only {@code columns}. */
    private static List<Boolean> candidates(Predicate predicate, List<String> columns) {
        List<Boolean> out = new ArrayList<>();
        try (ParquetReader reader = ParquetReader.open(data, ReadOptions.defaults().withColumns(columns))) {
            for (int g = 0; g < reader.rowGroupCount(); g++) {
                try (RowGroupBatch batch = reader.readRowGroup(g)) {
                    CandidateRows rows = CandidateRows.of(predicate, batch.nested(), SPAN);
                    for (int row = 0; row < batch.rowCount(); row++) {
                        out.add(rows.test(row));
                        if (columns.stream().anyMatch(c -> c.startsWith(SPAN))) {
                            assertThat(rows.spanCount(row)).as("spans of row %d", out.size() - 1)
                                    .isEqualTo(traces.get(out.size() - 1).spanCount());
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The rows whose trace {@code holds}: what {@link #candidates} must give exactly. */
    private static List<Boolean> expected(Function<Trace, Boolean> holds) {
        return traces.stream().map(holds).toList();
    }

    @Test
    void spanNamesSelectExactlyTheTracesHoldingThem() {
        TreeSet<String> names = new TreeSet<>();
        traces.forEach(t -> spans(t).forEach(s -> names.add(s.getName())));
        names.add("no span has this name");
        int rejecting = 0;
        for (String name : names) {
            List<Boolean> got = candidates(Predicate.eq(SPAN + "Name", name), List.of(SPAN + "Name", SPAN + "Kind"));
            assertThat(got).as(name).isEqualTo(expected(t -> spans(t).anyMatch(s -> s.getName().equals(name))));
            if (got.contains(false)) rejecting++;
            assertThat(candidates(Predicate.notEq(SPAN + "Name", name), List.of(SPAN + "Name"))).as("!= " + name)
                    .isEqualTo(expected(t -> spans(t).anyMatch(s -> !s.getName().equals(name))));
        }
        assertThat(rejecting).as("names some traces lack").isGreaterThan(names.size() / 2);
    }

    @Test
    void kindsCompareAsStoredIntegers() {
        for (int kind = 0; kind <= 5; kind++) {
            int k = kind;
            List<String> columns = List.of(SPAN + "Kind");
            assertThat(candidates(Predicate.eq(SPAN + "Kind", (long) k), columns)).as("kind = %d", k)
                    .isEqualTo(expected(t -> spans(t).anyMatch(s -> s.getKindValue() == k)));
            assertThat(candidates(Predicate.gt(SPAN + "Kind", (long) k), columns)).as("kind > %d", k)
                    .isEqualTo(expected(t -> spans(t).anyMatch(s -> s.getKindValue() > k)));
            assertThat(candidates(Predicate.notEq(SPAN + "Kind", (long) k), columns)).as("kind != %d", k)
                    .isEqualTo(expected(t -> spans(t).anyMatch(s -> s.getKindValue() != k)));
        }
    }

    @Test
    void resourceLeavesAndCombinationsAskEachLeafOfTheRow() {
        TreeSet<String> services = new TreeSet<>();
        traces.forEach(t -> t.resourceSpans().forEach(rs -> {
            String service = attribute(rs.getResource().getAttributesList(), "service.name");
            // "" is what the required column reads for a resource without a string service.name
            if (service != null && !service.isEmpty()) services.add(service);
        }));
        assertThat(services).hasSizeGreaterThan(1);
        String name = spans(traces.getFirst()).findFirst().orElseThrow().getName();
        List<String> columns = List.of(RESOURCE + "ServiceName", SPAN + "Name");
        for (String service : services) {
            Function<Trace, Boolean> hasService = t -> t.resourceSpans().stream().map(ResourceSpans::getResource)
                    .anyMatch(r -> service.equals(attribute(r.getAttributesList(), "service.name")));
            Function<Trace, Boolean> hasName = t -> spans(t).anyMatch(s -> s.getName().equals(name));
            Predicate service_ = Predicate.eq(RESOURCE + "ServiceName", service);
            Predicate name_ = Predicate.eq(SPAN + "Name", name);
            assertThat(candidates(service_, columns)).as(service).isEqualTo(expected(hasService));
            assertThat(candidates(Predicate.and(service_, name_), columns)).as(service + " and " + name)
                    .isEqualTo(expected(t -> hasService.apply(t) && hasName.apply(t)));
            assertThat(candidates(Predicate.or(service_, name_), columns)).as(service + " or " + name)
                    .isEqualTo(expected(t -> hasService.apply(t) || hasName.apply(t)));
        }
    }

    @Test
    void aLeafWhoseColumnWasNotReadHoldsForEveryRow() {
        List<Boolean> got = candidates(Predicate.and(Predicate.eq(SPAN + "Name", "no span has this name"),
                Predicate.eq(SPAN + "Kind", 99L)), List.of(SPAN + "Kind"));
        assertThat(got).as("the Name leaf is unknown, the Kind leaf rejects all").doesNotContain(true);
        assertThat(candidates(Predicate.eq(SPAN + "Name", "no span has this name"), List.of(SPAN + "Kind")))
                .hasSize(traces.size()).doesNotContain(false);
        assertThat(candidates(Predicate.eq(RESOURCE + "ServiceName", "no service"), List.of(RESOURCE + "ServiceName")))
                .as("no span leaf: a rejected row's spans could not be counted").doesNotContain(false);
    }

    @Test
    void scopeSpansAreReachedThroughEveryRepeatedLevel() {
        // traces with several resources and scopes are where a wrong level walk would show
        assertThat(traces.stream().filter(t -> t.resourceSpans().size() > 1
                || t.resourceSpans().stream().anyMatch(rs -> rs.getScopeSpansCount() > 1))).isNotEmpty();
        assertThat(traces.stream().flatMap(t -> t.resourceSpans().stream()).flatMap(rs -> rs.getScopeSpansList().stream())
                .mapToInt(ScopeSpans::getSpansCount).max().orElse(0)).isGreaterThan(1);
    }
}
