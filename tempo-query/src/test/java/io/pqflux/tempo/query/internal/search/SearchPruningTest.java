package io.pqflux.tempo.query.internal.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.filter.Predicate;
import io.pqflux.reader.ParquetReader;
import io.pqflux.schema.MessageSchema;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.testing.MappedBlocks;
import io.pqflux.tempo.internal.assembly.TraceMapper;
import io.pqflux.traceql.internal.TraceQlParser;
import io.pqflux.reader.FooterCache;
import io.pqflux.storage.ObjectStores;
import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.columns.BlockColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pruning predicate of a query, worked out by hand for a vParquet4 file whose resources dedicate {@code ip} and
 * spans {@code component}: what each condition needs the trace to store, and the conditions that give nothing.
 */
class SearchPruningTest {

    private static final String RS = "rs.list.element.Resource.";
    private static final String SPAN = "rs.list.element.ss.list.element.Spans.list.element.";
    private static final String SPAN_KEY = SPAN + "Attrs.list.element.Key";
    private static final String RESOURCE_KEY = RS + "Attrs.list.element.Key";

    private static TraceMapper mapper;
    private static MessageSchema schema;

    @BeforeAll
    static void open() {
        try (ParquetReader reader = ParquetReader.open(MappedBlocks.VP4.resolve("data.parquet"))) {
            schema = reader.schema();
        }
        // the bundled block's meta with one dedicated column of each scope: resource "ip", span "component"
        String json = new String(readMeta(), StandardCharsets.UTF_8)
                .replaceFirst("\"dedicatedColumns\":\\[.*\\]", "\"dedicatedColumns\":[{\"s\":\"resource\",\"n\":\"ip\"},{\"n\":\"component\"}]");
        BlockMeta meta = BlockMeta.parse(json.getBytes(StandardCharsets.UTF_8), "test");
        mapper = new BlockColumns(ObjectStores.local(MappedBlocks.VP4), "", meta, FooterCache.ofMaxBytes(1 << 20), null)
                .mapper(schema, TracePreset.FULL, Long.MAX_VALUE);
    }

    private static byte[] readMeta() {
        try {
            return Files.readAllBytes(MappedBlocks.VP4.resolve("meta.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Predicate pruning(String query) {
        return SearchPruning.of(TraceQlParser.parse(query).pipeline(), mapper, schema);
    }

    @Test
    void intrinsicsPruneByTheirSpanColumns() {
        assertThat(pruning("{ name = \"x\" }")).isEqualTo(Predicate.eq(SPAN + "Name", "x"));
        assertThat(pruning("{ \"x\" = name }")).isEqualTo(Predicate.eq(SPAN + "Name", "x"));
        assertThat(pruning("{ status = error }")).isEqualTo(Predicate.eq(SPAN + "StatusCode", 2L));
        assertThat(pruning("{ status != ok }")).isEqualTo(Predicate.notEq(SPAN + "StatusCode", 1L));
        assertThat(pruning("{ kind = server }")).isEqualTo(Predicate.eq(SPAN + "Kind", 2L));
        assertThat(pruning("{ duration > 50ms }")).isEqualTo(Predicate.gt(SPAN + "DurationNano", 50_000_000L));
        assertThat(pruning("{ 1s <= duration }")).isEqualTo(Predicate.gtEq(SPAN + "DurationNano", 1_000_000_000L));
        assertThat(pruning("{ rootServiceName != \"a\" }")).isEqualTo(Predicate.notEq("RootServiceName", "a"));
        assertThat(pruning("{ traceDuration >= 2s }")).isEqualTo(Predicate.gtEq("DurationNano", 2_000_000_000L));
    }

    @Test
    void attributesNeedTheirColumnsOrTheirKey() {
        assertThat(pruning("{ resource.service.name = \"a\" }")).isEqualTo(Predicate.eq(RS + "ServiceName", "a"));
        assertThat(pruning("{ span.foo = \"x\" }")).isEqualTo(Predicate.eq(SPAN_KEY, "foo"));
        assertThat(pruning("{ span.component = \"x\" }")).isEqualTo(
                Predicate.or(Predicate.eq(SPAN + "DedicatedAttributes.String01", "x"), Predicate.eq(SPAN_KEY, "component")));
        assertThat(pruning("{ span.component =~ \"x.*\" }")).isEqualTo(
                Predicate.or(Predicate.isNotNull(SPAN + "DedicatedAttributes.String01"), Predicate.eq(SPAN_KEY, "component")));
        assertThat(pruning("{ span.http.method = \"GET\" }")).isEqualTo(
                Predicate.or(Predicate.eq(SPAN + "HttpMethod", "GET"), Predicate.eq(SPAN_KEY, "http.method")));
        assertThat(pruning("{ span.http.status_code >= 500 }")).isEqualTo(
                Predicate.or(Predicate.gtEq(SPAN + "HttpStatusCode", 500L), Predicate.eq(SPAN_KEY, "http.status_code")));
        assertThat(pruning("{ resource.ip != nil }")).isEqualTo(
                Predicate.or(Predicate.isNotNull(RS + "DedicatedAttributes.String01"), Predicate.eq(RESOURCE_KEY, "ip")));
        assertThat(pruning("{ resource.k8s.cluster.name = \"c\" }")).isEqualTo(
                Predicate.or(Predicate.eq(RS + "K8sClusterName", "c"), Predicate.eq(RESOURCE_KEY, "k8s.cluster.name")));
        assertThat(pruning("{ .foo = 1.5 }")).isEqualTo(
                Predicate.or(Predicate.eq(SPAN_KEY, "foo"), Predicate.eq(RESOURCE_KEY, "foo")));
    }

    @Test
    void spansetOperatorsCombineWhatTheirSidesNeed() {
        Predicate a = Predicate.eq(SPAN + "Name", "a");
        Predicate b = Predicate.eq(SPAN + "Name", "b");
        assertThat(pruning("{ name = \"a\" && name = \"b\" }")).isEqualTo(Predicate.and(a, b));
        assertThat(pruning("{ name = \"a\" } && { name = \"b\" }")).isEqualTo(Predicate.and(a, b));
        assertThat(pruning("{ name = \"a\" } || { name = \"b\" }")).isEqualTo(Predicate.or(a, b));
        assertThat(pruning("{ name = \"a\" } >> { name = \"b\" }")).isEqualTo(Predicate.and(a, b));
        assertThat(pruning("{ name = \"a\" } &~ { name = \"b\" }")).isEqualTo(Predicate.and(a, b));
        assertThat(pruning("{ name = \"a\" } !>> { name = \"b\" }")).isEqualTo(b);
        assertThat(pruning("{ name = \"a\" } | count() > 2 | { name = \"b\" }")).isEqualTo(Predicate.and(a, b));
        assertThat(pruning("({ name = \"a\" } | by(kind)) || ({ })")).isNull();
        assertThat(pruning("({ name = \"a\" } | by(kind)) && ({ name = \"b\" })")).isEqualTo(Predicate.and(a, b));
    }

    /** What can be true of a span without anything stored, or what the columns cannot tell, prunes nothing. */
    @Test
    void conditionsWithoutANecessaryValueGiveNothing() {
        for (String query : List.of("{ }", "{ true }", "{ !(name = \"a\") }", "{ name != \"a\" }", "{ name =~ \"a.*\" }",
                "{ duration < 10ms }", "{ resource.service.name != \"a\" }", "{ resource.service.name =~ \"a\" }",
                "{ span.foo = nil }", "{ span.a + 1 > 2 }", "{ name = \"a\" || span.a + 1 > 2 }", "{ event.foo = \"x\" }",
                "{ link.foo = \"x\" }", "{ instrumentation.foo = \"x\" }", "{ span:id = \"ab\" }", "{ span.x = span.y }",
                "{ } | count() > 1", "{ name = \"a\" } || { }")) {
            assertThat(pruning(query)).as(query).isNull();
        }
    }
}
