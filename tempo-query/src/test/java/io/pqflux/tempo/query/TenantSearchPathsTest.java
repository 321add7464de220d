package io.pqflux.tempo.query;

import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.TempoTenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.pqflux.tempo.generator.TempoBlockWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.test.StepVerifier;

/**
 * A tenant's search over twelve generated blocks of different sizes, its small blocks searched in lanes and its
 * large ones through the scan pipeline: all blocks small, all large, and a mix (the threshold at the median size) give
 * the same traces as the blocks searched one by one, with and without a time range, also one block at a time (a
 * search concurrency of one) either way; a limit stops the search before
 * it has searched every block; results come on demand.
 */
class TenantSearchPathsTest {

    private static final int BLOCKS = 12;
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final List<String> QUERIES = List.of(
            "{ }",
            "{ span.http.method = \"GET\" }",
            "{ status = error } | count() > 1",
            "{ kind = server } >> { kind = client }",
            "{ duration > 10ms } | select(span.http.status_code)",
            "{ resource.service.name =~ \"s.*\" && name != \"nothing\" }");

    @TempDir
    static Path root;
    private static TempoTenant tenant;
    private static List<TempoBlockWriter.WrittenBlock> written;
    private static long medianSize;

    @BeforeAll
    static void writeTenant() {
        written = new ArrayList<>();
        for (int b = 0; b < BLOCKS; b++) {
            // 10 to 230 traces: a few kilobytes to a few hundred
            written.add(TempoBlockWriter.generate(root, TempoBlockWriter.Settings.defaults(100 + b), 100 + b, 10 + 20 * b));
        }
        tenant = TempoTenant.local(root, TempoBlockWriter.Settings.defaults(100).tenant());
        medianSize = written.stream().mapToLong(TempoBlockWriter.WrittenBlock::size).sorted().skip(BLOCKS / 2).findFirst()
                .orElseThrow();
        assertThat(tenant.blocks()).hasSize(BLOCKS);
    }

    /** The query on every way to search the tenant: small blocks in lanes, large through the pipeline, or a mix. */
    static Stream<Arguments> queriesAndPaths() {
        return QUERIES.stream().flatMap(query -> paths().map(path -> Arguments.of(query, path)));
    }

    private static TempoQuerier searched(String path) {
        return switch (path) {
            case "lanes" -> TempoQuerier.of(tenant);
            case "pipelined" -> SearchPaths.pipelined(tenant);
            case "mixed" -> SearchPaths.wholeUpTo(tenant, medianSize);
            case "one lane" -> TempoQuerier.of(tenant).withSearchConcurrency(1);
            case "one pipelined" -> SearchPaths.pipelined(tenant).withSearchConcurrency(1);
            default -> throw new IllegalArgumentException(path);
        };
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("queriesAndPaths")
    void everyWayGivesWhatTheBlocksGiveOneByOne(String query, String path) {
        SearchRequest request = SearchRequest.of(query).withLimit(0);
        Map<String, TraceSearchResult> expected = byTraceId(oneByOne(request, null, null));
        assertThat(expected).as("the query matches something").isNotEmpty();

        SearchResponse response = searched(path).searchResponse(request).block(PATIENCE);
        assertThat(byTraceId(response.traces())).isEqualTo(expected);
        assertThat(response.metrics().totalBlocks()).isEqualTo(BLOCKS);
        assertThat(response.metrics().completedJobs()).isEqualTo(BLOCKS);
        long traces = written.stream().mapToLong(TempoBlockWriter.WrittenBlock::traceCount).sum();
        if (query.equals("{ }")) assertThat(response.metrics().inspectedTraces()).isEqualTo(traces);
        else assertThat(response.metrics().inspectedTraces()).isBetween(1L, traces);

        List<TraceSearchResult> streamed = searched(path).search(request).collectList().block(PATIENCE);
        assertThat(streamed).hasSameSizeAs(expected.values());
        assertThat(byTraceId(streamed)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("queriesAndPaths")
    void aTimeRangeKeepsTheTracesItOverlaps(String query, String path) {
        // the third quarter of the blocks' window: traces outside it are left out by their start and end times
        Instant first = written.stream().map(TempoBlockWriter.WrittenBlock::startTime).min(Comparator.naturalOrder()).orElseThrow();
        Instant last = written.stream().map(TempoBlockWriter.WrittenBlock::endTime).max(Comparator.naturalOrder()).orElseThrow();
        Duration quarter = Duration.between(first, last).dividedBy(4);
        Instant from = first.plus(quarter.multipliedBy(2));
        Instant to = from.plus(quarter);
        SearchRequest request = SearchRequest.of(query).withLimit(0).withTimeRange(from, to);
        Map<String, TraceSearchResult> expected = byTraceId(oneByOne(request, from, to));
        Map<String, TraceSearchResult> all = byTraceId(oneByOne(SearchRequest.of(query).withLimit(0), null, null));
        assertThat(expected.size()).as("the range leaves traces out").isLessThan(all.size());

        SearchResponse response = searched(path).searchResponse(request).block(PATIENCE);
        assertThat(byTraceId(response.traces())).isEqualTo(expected);
        assertThat(response.metrics().totalBlocks()).isEqualTo(tenant.blocks(from, to).size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void aLimitStopsTheSearchBeforeItSearchedEveryBlock(String path) {
        SearchResponse response = searched(path).searchResponse(SearchRequest.of("{ }").withLimit(3)).block(PATIENCE);
        assertThat(response.traces()).hasSize(3);
        assertThat(response.metrics().completedJobs()).isLessThan(BLOCKS);
        Map<String, TraceSearchResult> all = byTraceId(oneByOne(SearchRequest.of("{ }").withLimit(0), null, null));
        assertThat(response.traces()).allSatisfy(found -> assertThat(found).isEqualTo(all.get(found.traceId())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void resultsComeOnDemandAndTheSearchCanBeCancelled(String path) {
        StepVerifier.create(searched(path).search(SearchRequest.of("{ }").withLimit(0)), 0)
                .thenRequest(1)
                .expectNextCount(1)
                .thenRequest(10)
                .expectNextCount(10)
                .thenCancel()
                .verify(PATIENCE);
    }

    static Stream<String> paths() {
        return Stream.of("lanes", "pipelined", "mixed", "one lane", "one pipelined");
    }

    @Test
    void aSearchConcurrencyBelowOneIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> TempoQuerier.of(tenant).withSearchConcurrency(0))
                .withMessage("search concurrency must be at least 1, got 0");
    }

    /** Every block searched on its own (blocks selected by the range as the tenant selects them). */
    private static List<TraceSearchResult> oneByOne(SearchRequest request, Instant from, Instant to) {
        List<TraceSearchResult> results = new ArrayList<>();
        for (BlockMeta meta : tenant.blocks(from, to)) {
            results.addAll(TempoQuerier.of(tenant.block(meta)).search(request).collectList().block(PATIENCE));
        }
        return results;
    }

    private static Map<String, TraceSearchResult> byTraceId(List<TraceSearchResult> results) {
        Map<String, TraceSearchResult> byId = new TreeMap<>();
        for (TraceSearchResult result : results) {
            assertThat(byId.put(result.traceId(), result)).as("trace %s found twice", result.traceId()).isNull();
        }
        return byId;
    }
}
