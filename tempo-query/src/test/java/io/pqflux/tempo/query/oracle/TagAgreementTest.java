package io.pqflux.tempo.query.oracle;

import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import io.pqflux.tempo.query.TempoQuerier;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.query.TagNames;
import io.pqflux.tempo.query.TagValues;
import io.pqflux.tempo.query.TagValuesRequest;
import io.pqflux.tempo.query.TagsRequest;
import io.pqflux.tempo.TempoBlock;
import io.pqflux.tempo.TempoTenant;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TracePreset;
import io.pqflux.traceql.TraceQlException;
import io.pqflux.tempo.TraceReadOptions;
import io.pqflux.tempo.generator.TempoBlockWriter;
import io.pqflux.tempo.query.internal.tags.TagSearch;
import io.pqflux.traceql.internal.Pipeline;
import io.pqflux.traceql.internal.Query;
import io.pqflux.traceql.testing.RandomQueries;
import io.pqflux.traceql.internal.SourceRange;
import io.pqflux.traceql.internal.TraceQlPrinter;
import io.pqflux.testdata.Corpus;
import io.pqflux.testdata.TestScale;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;

/**
 * Tag names and values ({@code internal.tags}) against the test-only oracle {@link TagOracle}, which walks every span of
 * the OTLP: the three bundled blocks (vParquet3, vParquet4, vParquet5) and two generated ones; every scope; tags of
 * every kind found in the data (dedicated, well-known, generic, intrinsic, unscoped); without a filter, with
 * hand-picked filters and with random ones ({@link RandomQueries}). The bulk runs the exact path on traces read once;
 * {@link #tenantAnswersAgree} runs the public {@link TempoTenant} API end to end (column fast path included).
 */
@DisabledIfSystemProperty(named = TestScale.POOL_DEBUG_PROPERTY, matches = "true",
        disabledReason = "an oracle comparison; the release paths it takes are the other tests' too")
class TagAgreementTest {

    private static final int RANDOM_FILTERS = TestScale.cases(30);
    private static final Map<String, Loaded> BLOCKS = new LinkedHashMap<>();

    record Loaded(String name, TempoBlock block, Path root, String tenant, List<Trace> traces) {
        @Override
        public String toString() {
            return name;
        }

        TagSearch.Block source() {
            return new TagSearch.Block(block.meta(), options -> Flux.fromIterable(traces), null);
        }

        TagOracle oracle() {
            return new TagOracle(traces, block.meta());
        }
    }

    @BeforeAll
    static void load(@TempDir Path temp) throws IOException {
        add("vParquet4 (bundled)", Corpus.root().resolve("tempo"), "single-tenant");
        add("vParquet3 (bundled)", Corpus.root().resolve("tempo-vparquet3"), "single-tenant");
        add("vParquet5 (bundled)", Corpus.root().resolve("tempo-vparquet5"), "single-tenant");
        for (long seed : new long[] {7L, 20_261_124L}) {
            TempoBlockWriter.WrittenBlock written = TempoBlockWriter.generate(temp.resolve("seed-" + seed),
                    TempoBlockWriter.Settings.defaults(seed), seed, 200);
            Path tenantDir = written.directory().getParent();
            add("generated " + seed, tenantDir.getParent(), tenantDir.getFileName().toString());
        }
    }

    private static void add(String name, Path root, String tenant) throws IOException {
        try (Stream<Path> dirs = Files.list(root.resolve(tenant))) {
            Path dir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
            TempoBlock block = TempoBlock.open(dir);
            List<Trace> traces = block.traces(TraceReadOptions.defaults().withPreset(TracePreset.FULL)
                    .withMaxTraceBytes(Long.MAX_VALUE)).collectList().block();
            BLOCKS.put(name, new Loaded(name, block, root, tenant, traces));
        }
    }

    static Stream<String> blocks() {
        return Stream.of("vParquet4 (bundled)", "vParquet3 (bundled)", "vParquet5 (bundled)", "generated 7", "generated 20261124");
    }

    @ParameterizedTest
    @MethodSource("blocks")
    void namesAgreeForEveryScopeAndFilter(String name) {
        Loaded block = BLOCKS.get(name);
        TagOracle oracle = block.oracle();
        int nonEmpty = 0;
        for (String q : filters(block)) {
            for (TagsRequest.Scope scope : scopesAndAll()) {
                TagsRequest request = new TagsRequest(scope, q, null, null, 0);
                TagNames names;
                try {
                    names = TagSearch.names(List.of(block.source()), request, 1, TagSearch.Paths.EXACT_ONLY).block();
                } catch (TraceQlException e) {
                    assertThat(e.getMessage()).contains("maximum condition groups");
                    continue;
                }
                Map<String, SortedSet<String>> expected = oracle.names(scope == null ? null : scope.word(), q);
                Map<String, SortedSet<String>> actual = new TreeMap<>();
                for (TagNames.ScopeNames s : names.scopes()) {
                    if (!s.name().equals("intrinsic")) actual.put(s.name(), new TreeSet<>(s.tags()));
                }
                assertThat(actual).as("%s, scope %s, q %s", name, scope, q).isEqualTo(expected);
                boolean intrinsics = scope == null || scope == TagsRequest.Scope.INTRINSIC;
                assertThat(names.scope("intrinsic")).as("intrinsics").hasSize(intrinsics ? 25 : 0);
                if (!expected.isEmpty()) nonEmpty++;
            }
        }
        assertThat(nonEmpty).isGreaterThan(10);
    }

    @ParameterizedTest
    @MethodSource("blocks")
    void valuesAgreeForEveryKindOfTagAndFilter(String name) {
        Loaded block = BLOCKS.get(name);
        TagOracle oracle = block.oracle();
        int compared = 0;
        int nonEmpty = 0;
        for (String tag : tags(block)) {
            for (String q : filters(block)) {
                TagValues values;
                try {
                    values = TagSearch.values(List.of(block.source()), new TagValuesRequest(tag, q, null, null, 0), 1,
                            TagSearch.Paths.EXACT_ONLY).block();
                } catch (TraceQlException e) {
                    assertThat(e.getMessage()).contains("maximum condition groups");
                    continue;
                }
                SortedSet<String> actual = new TreeSet<>();
                for (TagValues.TagValue v : values.values()) actual.add(v.type() + ":" + v.value());
                assertThat(actual).as("%s, tag %s, q %s", name, tag, q).isEqualTo(oracle.values(tag, q));
                compared++;
                if (!actual.isEmpty()) nonEmpty++;
            }
        }
        assertThat(compared).isGreaterThan(100);
        assertThat(nonEmpty).isGreaterThan(compared / 5);
    }

    /** The public API end to end (block listing, column fast path for intrinsics) against the oracle, no filter and a few. */
    @ParameterizedTest
    @MethodSource("blocks")
    void tenantAnswersAgree(String name) {
        Loaded block = BLOCKS.get(name);
        TempoTenant tenant = TempoTenant.local(block.root(), block.tenant());
        TagOracle oracle = block.oracle();
        List<String> filters = new ArrayList<>(filters(block).subList(0, 6));
        List<String> tags = tags(block);
        for (int i = 0; i < tags.size(); i++) {
            if (!TestScale.runs(i)) continue;
            String tag = tags.get(i);
            for (String q : filters) {
                TagValues values = TempoQuerier.of(tenant).tagValues(new TagValuesRequest(tag, q, null, null, 0)).block();
                SortedSet<String> actual = new TreeSet<>();
                for (TagValues.TagValue v : values.values()) actual.add(v.type() + ":" + v.value());
                assertThat(actual).as("%s, tag %s, q %s", name, tag, q).isEqualTo(oracle.values(tag, q));
                assertThat(values.metrics().totalBlocks()).isEqualTo(1);
            }
        }
        TagNames all = TempoQuerier.of(tenant).tagNames(TagsRequest.all()).block();
        assertThat(all.scope("resource")).containsExactlyElementsOf(oracle.names(null, null).get("resource"));
        assertThat(all.metrics().inspectedBytes()).isPositive();
    }

    private static List<TagsRequest.Scope> scopesAndAll() {
        List<TagsRequest.Scope> scopes = new ArrayList<>();
        scopes.add(null);
        scopes.addAll(List.of(TagsRequest.Scope.values()));
        return scopes;
    }

    /** Tags of every kind present in the block: per scope some of its names, unscoped forms, intrinsics. */
    static List<String> tags(Loaded block) {
        Set<String> tags = new LinkedHashSet<>(List.of("name", "statusMessage", "rootServiceName", "rootName", "event:name",
                "instrumentation:name", "instrumentation:version", "resource.service.name", ".service.name",
                "span.http.method", "span.http.status_code", ".http.url", "span.nope", "status", "kind", "duration"));
        Map<String, SortedSet<String>> names = block.oracle().names(null, null);
        names.forEach((scope, scopeNames) -> {
            int i = 0;
            for (String n : scopeNames) {
                if (!n.matches("[A-Za-z0-9_.]+")) continue;
                if (i % 3 == 0 || scopeNames.size() < 8) tags.add(scope + "." + n);
                if (i % 5 == 0 && (scope.equals("span") || scope.equals("resource"))) tags.add("." + n);
                i++;
            }
        });
        for (String dedicated : block.block().meta().dedicatedColumns().stream().map(c -> c.name()).toList()) {
            if (dedicated.matches("[A-Za-z0-9_.]+")) tags.add("." + dedicated);
        }
        return List.copyOf(tags);
    }

    /** No filter, filters Tempo ignores, hand-picked ones over the block's own values, and random ones. */
    static List<String> filters(Loaded block) {
        List<String> out = new ArrayList<>();
        String service = block.traces().getFirst().rootServiceName();
        out.add(null);
        out.add("{ resource.service.name = \"" + service + "\" }");
        out.add("{ status = error || kind = server }");
        out.add("{ .service.name = \"" + service + "\" && span.http.method = \"GET\" }");
        out.add("{ span.http.method = \"GET\" || name =~ \"a.*\" }");
        out.add("{ duration > 1ms && resource.service.name != \"" + service + "\" } | count() > 1");
        out.add("{}");
        out.add("not traceql {");
        out.add("{ .a } > { .b }");
        out.add("{ span.http.status_code >= 400 && event:name = \"exception\" }");
        out.add("{ name = \"" + block.traces().getFirst().rootSpanName() + "\" }");
        out.add("{ instrumentation:name != \"\" && resource.service.name =~ \".*\" }");
        RandomQueries random = new RandomQueries(block.name().hashCode(), List.of("service.name", "http.method",
                "http.status_code", "http.url", "cluster", "k8s.pod.name", "host.name", "component", "region", "labels"),
                List.of("", "GET", "POST", service, "frontend", "cart", "db", "pod-1", "exception"),
                List.of(".*", "s.*", "GET|POST", "[a-z]+"));
        for (int i = 0; i < RANDOM_FILTERS; i++) {
            Query query = new Query(new Pipeline(List.of(random.filter()), SourceRange.NONE), null, List.of(), List.of(),
                    SourceRange.NONE);
            out.add(TraceQlPrinter.print(query));
        }
        return out;
    }

    static BlockMeta meta(String name) {
        return BLOCKS.get(name).block().meta();
    }
}
