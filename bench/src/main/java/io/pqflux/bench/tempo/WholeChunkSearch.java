package io.pqflux.bench.tempo;

import io.pqflux.tempo.query.SearchRequest;
import io.pqflux.tempo.query.TraceSearchResult;
import io.pqflux.tempo.query.internal.search.SearchCounters;
import io.pqflux.tempo.query.internal.search.TraceQlSearch;
import java.util.ArrayList;
import java.util.List;

/**
 * The search baseline: a TraceQL search as Tempo reads a block, whole column chunks ({@link WholeChunkRead}) of every
 * column the engine's search reads at all (its second pass's result columns: the span columns and the named owners'
 * attribute columns, which hold its first pass's evaluation columns, since the second pass runs the query again on
 * them alone), every trace matched by the engine's own matcher ({@link TraceQlSearch.Matcher}), so the answers are the
 * engine's by construction and the two variants differ only in what they read. Tempo would also skip a chunk whose
 * dictionary rules a condition out (reading that dictionary page only); this baseline does not (see
 * docs/benchmarks.md). Bytes: every read of {@code data.parquet}, the footer included (a new footer cache per search).
 */
public final class WholeChunkSearch {

    /** What one search found and read of {@code data.parquet}. */
    public record Result(List<TraceSearchResult> traces, long requests, long bytesRead) {
    }

    private final WholeChunkRead read;

    public WholeChunkSearch(WholeChunkRead read) {
        this.read = read;
    }

    public Result search(SearchRequest request) {
        TraceQlSearch search = TraceQlSearch.compile(request.query());
        TraceQlSearch.Matcher matcher = search.matcher(request, new SearchCounters());
        List<TraceSearchResult> results = new ArrayList<>();
        WholeChunkRead.Reads reads = read.read(search.resultFields(), trace -> matcher.match(trace).ifPresent(results::add));
        return new Result(results, reads.requests(), reads.bytes());
    }
}
