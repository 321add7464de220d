package io.pqflux.bench.server;

import io.pqflux.bench.tempo.SearchAnswer;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.ObjectStores;
import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.TempoTenant;
import io.pqflux.tempo.query.TempoQuerier;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The requests of a load over one tenant and the answers they must get, from the library over the same blocks: trace
 * IDs ({@link ExpectedTraces}), searches with Grafana's default limit over the tenant's time range
 * ({@link ExpectedSearch}) and one metrics range query ({@link ExpectedQueryRange}).
 *
 * @param root        the backend root
 * @param tenant      the tenant's name under it
 * @param traceIds    how many trace IDs to ask for
 * @param searches    TraceQL searches
 * @param naive       the naive evaluator's answer to a search, which the library's must equal
 * @param rangeQuery  a TraceQL metrics query
 */
record LoadPlan(Path root, String tenant, int traceIds, List<String> searches, Function<String, SearchAnswer> naive,
                String rangeQuery) {

    /** Grafana's default search limit. */
    static final int SEARCH_LIMIT = 20;
    static final Duration RANGE_STEP = Duration.ofMinutes(1);

    /** The requests, each with its check; what they are is printed to {@code out}. */
    LoadMix mix(PrintStream out) {
        try (ObjectStore store = ObjectStores.local(root)) {
            TempoTenant blocks = TempoTenant.of(store, tenant);
            TempoQuerier querier = TempoQuerier.of(blocks);
            List<BlockMeta> metas = blocks.blocks();
            // the API's times are whole seconds: from the blocks' first to the one after their last
            Instant start = metas.stream().map(BlockMeta::startTime).min(Comparator.naturalOrder()).orElseThrow()
                    .truncatedTo(ChronoUnit.SECONDS);
            Instant end = metas.stream().map(BlockMeta::endTime).max(Comparator.naturalOrder()).orElseThrow()
                    .truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);

            List<LoadCall> traces = new ArrayList<>();
            for (ExpectedTraces.ExpectedTrace trace : ExpectedTraces.sample(root, tenant, blocks, traceIds)) {
                traces.add(new LoadCall(LoadMix.TRACE_BY_ID, TempoApiPaths.traceV2(trace.id()), trace::problem));
            }
            List<LoadCall> searchCalls = new ArrayList<>();
            for (String query : searches) {
                ExpectedSearch expected = ExpectedSearch.of(querier, query, naive.apply(query));
                out.printf("search %s: %d matching traces, asked with limit %d%n", query, expected.traceCount(), SEARCH_LIMIT);
                searchCalls.add(new LoadCall(LoadMix.SEARCH, TempoApiPaths.search(query, SEARCH_LIMIT,
                        SearchAnswer.SPANS_PER_SPANSET, start, end), body -> expected.problem(body, SEARCH_LIMIT)));
            }
            ExpectedQueryRange expectedRange = ExpectedQueryRange.of(querier, rangeQuery, start, end, RANGE_STEP);
            out.printf("tenant %s: %d blocks, %d traces (under %s); %d trace IDs; query_range %s: %d series%n", tenant,
                    metas.size(), metas.stream().mapToLong(BlockMeta::totalObjects).sum(), root, traces.size(), rangeQuery,
                    expectedRange.seriesCount());
            LoadCall rangeCall = new LoadCall(LoadMix.QUERY_RANGE, TempoApiPaths.queryRange(rangeQuery, start, end,
                    RANGE_STEP), expectedRange::problem);
            return new LoadMix(traces, searchCalls, List.of(rangeCall));
        }
    }
}
