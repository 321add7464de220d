package io.pqflux.tempo.query;

import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.TempoBlock;
import io.pqflux.tempo.TempoTenant;
import io.pqflux.tempo.columns.BlockColumns;
import io.pqflux.tempo.query.internal.metrics.BlockMetrics;
import io.pqflux.tempo.query.internal.metrics.MetricsQuery;
import io.pqflux.tempo.query.internal.metrics.PartialMetrics;
import io.pqflux.tempo.query.internal.metrics.TimeGrid;
import io.pqflux.reactive.BlockingLanes;
import io.pqflux.tempo.query.internal.search.BlockSearch;
import io.pqflux.tempo.query.internal.search.SearchCounters;
import io.pqflux.tempo.query.internal.search.TraceQlSearch;
import io.pqflux.tempo.query.internal.tags.TagSearch;
import io.pqflux.traceql.TraceQlException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * TraceQL queries over a Tempo tenant's live blocks, or over one block, answered as Tempo's queriers answer them:
 * search ({@code /api/search}), metrics ({@code /api/metrics/query_range} and {@code /api/metrics/query}), tag names
 * and values ({@code /api/v2/search/tags}, {@code /api/v2/search/tag/{tag}/values}). Each query takes the blocks of its
 * time range from the tenant's listing (or polled block list, see {@link TempoTenant#withBlocklistPoll}) and reads only
 * the columns it needs.
 *
 * <pre>{@code
 * TempoQuerier querier = TempoQuerier.of(TempoTenant.local(root, "single-tenant"));
 * SearchResponse found = querier.searchResponse(SearchRequest.of("{ status = error }")).block();
 * }</pre>
 */
public final class TempoQuerier {

    /**
     * Blocks a query reads at once unless {@link #withSearchConcurrency set}, one per core, of each kind: small blocks
     * are searched whole in this many lanes (threads each searching one block after another), so they use the cores
     * side by side; large ones this many at a time through the scan pipeline, each decoding on every core within its
     * own memory budget, so the memory in flight is at most this many budgets.
     */
    public static final int SEARCH_CONCURRENCY = Math.max(1, Runtime.getRuntime().availableProcessors());

    /** The blocks overlapping a time range, either end open when null. */
    private interface Blocks {
        Mono<List<TempoBlock>> overlapping(Instant start, Instant end);
    }

    private final Blocks blocks;
    private final int searchConcurrency;
    private final QueryLimits limits;
    /** The largest block searched whole on one thread ({@link BlockSearch#searchWhole}); only tests change it. */
    private final long wholeSearchBytes;

    private TempoQuerier(Blocks blocks, int searchConcurrency, QueryLimits limits, long wholeSearchBytes) {
        this.blocks = blocks;
        this.searchConcurrency = searchConcurrency;
        this.limits = limits;
        this.wholeSearchBytes = wholeSearchBytes;
    }

    /** Queries over the live blocks of {@code tenant}, listed (or polled) as the tenant lists them. */
    public static TempoQuerier of(TempoTenant tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return new TempoQuerier((start, end) -> tenant.liveBlocks(start, end)
                .map(metas -> metas.stream().map(tenant::block).toList()),
                SEARCH_CONCURRENCY, QueryLimits.DEFAULTS, BlockSearch.WHOLE_SEARCH_BYTES);
    }

    /** Queries over one block: a search finds its matching traces in block (trace-ID) order. */
    public static TempoQuerier of(TempoBlock block) {
        Objects.requireNonNull(block, "block");
        return new TempoQuerier((start, end) -> Mono.fromSupplier(() -> block.meta().overlaps(start, end)
                        ? List.of(block) : List.<TempoBlock>of()),
                SEARCH_CONCURRENCY, QueryLimits.DEFAULTS, BlockSearch.WHOLE_SEARCH_BYTES);
    }

    /**
     * These queries reading {@code blocks} blocks at once instead of {@link #SEARCH_CONCURRENCY}: fewer leave cores to
     * other work. With one, a tenant of blocks searched whole (up to 4 MB each) is searched on one thread; a larger
     * block still decodes on every core.
     *
     * @throws IllegalArgumentException for fewer than one
     */
    public TempoQuerier withSearchConcurrency(int blocks) {
        if (blocks < 1) throw new IllegalArgumentException("search concurrency must be at least 1, got " + blocks);
        return new TempoQuerier(this.blocks, blocks, limits, wholeSearchBytes);
    }

    /** These queries under {@code limits} instead of {@link QueryLimits#DEFAULTS}. */
    public TempoQuerier withLimits(QueryLimits limits) {
        return new TempoQuerier(blocks, searchConcurrency, Objects.requireNonNull(limits, "limits"), wholeSearchBytes);
    }

    /** These queries with blocks up to {@code bytes} searched whole on one thread: tests run both ways. */
    TempoQuerier withWholeSearchBytes(long bytes) {
        return new TempoQuerier(blocks, searchConcurrency, limits, bytes);
    }

    /**
     * The traces a TraceQL search matches in the blocks of the request's time range (all blocks without one), blocks
     * searched {@link #withSearchConcurrency concurrency} at a time, results streamed as each block yields them; a
     * trace found in several blocks (before compaction merges them) comes once, from the first block that yields it.
     * Stops reading once the request's limit is met (0: the {@link QueryLimits#maxTraces limit}).
     *
     * @throws TraceQlException (when subscribed) for a query that is not valid TraceQL, or not a search query
     * @throws QueryLimitException (when subscribed) for a limit or spans per spanset over the {@link #withLimits limits}
     */
    public Flux<TraceSearchResult> search(SearchRequest request) {
        return planned(request).flatMapMany(planned -> search(planned, planned.request(), new SearchCounters()));
    }

    /**
     * The whole answer to a search, as Tempo's {@code /api/search} gives it: up to the limit of matching traces, most
     * recent first (with {@code with(most_recent=true)} every block is searched and the most recent are kept; without
     * it, the first found), a trace found in several blocks once, and what the search looked at.
     *
     * @throws TraceQlException (when subscribed) for a query that is not valid TraceQL, or not a search query
     * @throws QueryLimitException (when subscribed) for a limit or spans per spanset over the {@link #withLimits limits}
     */
    public Mono<SearchResponse> searchResponse(SearchRequest asked) {
        return planned(asked).flatMap(planned -> {
            SearchRequest request = planned.request();
            SearchCounters counters = new SearchCounters();
            SearchRequest perBlock = planned.search().mostRecent() ? request.withLimit(0) : request;
            return search(planned, perBlock, counters).collectList().map(found -> whole(planned, found, counters));
        });
    }

    /**
     * A search answered as it goes, as Tempo's streaming querier answers one: about every {@code interval} (or every
     * 1,000 traces) a response with the traces found since the previous one and the counters so far, then last the
     * whole answer, exactly {@link #searchResponse}'s.
     *
     * @throws TraceQlException (when subscribed) for a query that is not valid TraceQL, or not a search query
     * @throws QueryLimitException (when subscribed) for a limit or spans per spanset over the {@link #withLimits limits}
     */
    public Flux<SearchResponse> searchProgress(SearchRequest asked, Duration interval) {
        Objects.requireNonNull(interval, "interval");
        return planned(asked).flatMapMany(planned -> {
            SearchCounters counters = new SearchCounters();
            SearchRequest perBlock = planned.search().mostRecent() ? planned.request().withLimit(0) : planned.request();
            List<TraceSearchResult> found = new ArrayList<>();
            return search(planned, perBlock, counters)
                    .doOnNext(found::add)
                    .bufferTimeout(1000, interval, true)
                    .map(since -> new SearchResponse(since, metrics(planned, counters)))
                    .concatWith(Mono.fromSupplier(() -> whole(planned, found, counters)));
        });
    }

    /** The answer from every trace found: most recent first, up to the limit. */
    private static SearchResponse whole(PlannedSearch planned, List<TraceSearchResult> found, SearchCounters counters) {
        List<TraceSearchResult> traces = new ArrayList<>(found);
        traces.sort((a, b) -> Long.compare(b.startTimeUnixNano(), a.startTimeUnixNano()));
        int limit = planned.request().limit();
        if (limit > 0 && traces.size() > limit) traces = traces.subList(0, limit);
        return new SearchResponse(traces, metrics(planned, counters));
    }

    private static SearchResponse.Metrics metrics(PlannedSearch planned, SearchCounters counters) {
        return counters.metrics(planned.blocks().size(), bytes(planned.blocks()));
    }

    /** A compiled search, the request as run (its limits checked) and the blocks of its time range. */
    private record PlannedSearch(TraceQlSearch search, SearchRequest request, List<TempoBlock> blocks) {
    }

    private Mono<PlannedSearch> planned(SearchRequest asked) {
        return Mono.fromCallable(() -> limits.check(asked))
                .flatMap(request -> Mono.fromCallable(() -> TraceQlSearch.compile(request.query()))
                        .zipWith(blocks.overlapping(request.start(), request.end()),
                                (search, found) -> new PlannedSearch(search, request, found)));
    }

    private Flux<TraceSearchResult> search(PlannedSearch planned, SearchRequest request, SearchCounters counters) {
        Map<Boolean, List<BlockSearch>> whole = planned.blocks().stream().map(BlockColumns::of)
                .collect(Collectors.partitioningBy(block -> BlockSearch.searchesWhole(block, wholeSearchBytes),
                        Collectors.mapping(block -> new BlockSearch(block, planned.search(), request, counters),
                                Collectors.toList())));
        // small blocks in lanes, each a thread searching one block after another with no hand-off between them;
        // large ones through the scan pipeline, each decoding on every core
        Flux<TraceSearchResult> lanes = BlockingLanes.of(whole.get(true), searchConcurrency, Schedulers.boundedElastic(),
                BlockSearch::searchWhole);
        Flux<TraceSearchResult> pipelined = Flux.fromIterable(whole.get(false))
                .flatMap(BlockSearch::pipelined, searchConcurrency);
        // distinct() keeps the IDs seen per subscription: the merged results arrive one at a time
        Flux<TraceSearchResult> results = (whole.get(false).isEmpty() ? lanes : whole.get(true).isEmpty() ? pipelined
                : Flux.merge(lanes, pipelined))
                .distinct(TraceSearchResult::traceId);
        return request.limit() > 0 ? results.take(request.limit(), true) : results;
    }

    /**
     * A TraceQL metrics query ({@code query_range}, or an instant query) over the blocks overlapping its range, as
     * Tempo's {@code /api/metrics/query_range} and {@code /api/metrics/query} answer it: steps aligned as Tempo aligns
     * them, blocks read {@link #withSearchConcurrency concurrency} at a time, each block's partial result (counts,
     * sums, extremes, bucket counts) merged exactly, then the function's values, labels, exemplars and second stages.
     *
     * @throws TraceQlException (when subscribed) for a query that is not valid TraceQL or not a metrics query
     * @throws QueryLimitException (when subscribed) for a step that makes more intervals than the
     *     {@link #withLimits limits} allow
     */
    public Mono<MetricsResponse> queryRange(MetricsRequest request) {
        return Mono.fromCallable(() -> MetricsQuery.compile(request.query()))
                .flatMap(query -> {
                    TimeGrid grid = MetricsQuery.grid(request);
                    limits.checkIntervals(grid.end() - grid.start(), grid.step());
                    int exemplars = query.exemplars(request.exemplars());
                    SearchCounters counters = new SearchCounters();
                    return blocks.overlapping(Instant.ofEpochSecond(0, grid.start()), Instant.ofEpochSecond(0, grid.end()))
                            .flatMap(found -> Flux.fromIterable(found)
                                    .flatMapSequential(block -> BlockMetrics.of(BlockColumns.of(block), query, grid,
                                            exemplars, counters), searchConcurrency)
                                    .reduce(query.partial(grid, exemplars, null), PartialMetrics::merge)
                                    .map(merged -> query.finish(merged, grid, exemplars,
                                            counters.metrics(found.size(), bytes(found)))));
                });
    }

    /**
     * Tag names, as Tempo's {@code /api/v2/search/tags} answers: per scope the attribute names in the blocks whose
     * meta overlaps the request's range (every trace of them), narrowed by its filter, plus the intrinsics when no
     * scope or the intrinsic scope is asked for. Blocks are searched {@link #withSearchConcurrency concurrency} at a
     * time.
     */
    public Mono<TagNames> tagNames(TagsRequest request) {
        return tagBlocks(request.start(), request.end())
                .flatMap(found -> TagSearch.names(found, request, searchConcurrency));
    }

    /**
     * Tag values, as Tempo's {@code /api/v2/search/tag/{tag}/values} answers: the tag's distinct values in the blocks
     * whose meta overlaps the request's range, on the spans its filter matches; statuses, kinds and durations from
     * Tempo's fixed lists. A tag stored in a column of its own is read from that column alone when no filter applies.
     *
     * @throws TraceQlException (when subscribed) {@code PARSE_ERROR} for a tag that is not an identifier,
     *                          {@code UNSUPPORTED} for an intrinsic whose values are not served
     * @throws QueryLimitException (when subscribed) for a limit over the {@link #withLimits limits}; a request without
     *     one gets at most {@link QueryLimits#maxTagValues} values
     */
    public Mono<TagValues> tagValues(TagValuesRequest asked) {
        return Mono.fromCallable(() -> {
                    TagSearch.checkTag(asked.tag());
                    return limits.check(asked);
                })
                .flatMap(request -> tagBlocks(request.start(), request.end())
                        .flatMap(found -> TagSearch.values(found, request, searchConcurrency)));
    }

    /** The blocks overlapping {@code [start, end]} (either open) as tag searches read them. */
    private Mono<List<TagSearch.Block>> tagBlocks(Instant start, Instant end) {
        return blocks.overlapping(start, end)
                .map(found -> found.stream().map(block -> TagSearch.Block.of(BlockColumns.of(block))).toList());
    }

    private static long bytes(List<TempoBlock> blocks) {
        return blocks.stream().map(TempoBlock::meta).mapToLong(BlockMeta::size).sum();
    }
}
