package io.pqflux.bench.tempo;

import io.pqflux.io.CountingInputFile;
import io.pqflux.io.InputFile;
import io.pqflux.reader.FooterCache;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.schema.MessageSchema;
import io.pqflux.storage.ObjectStore;
import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.DedicatedColumn;
import io.pqflux.tempo.SearchRequest;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.TraceSearchResult;
import io.pqflux.tempo.internal.assembly.TraceMapper;
import io.pqflux.tempo.internal.search.SearchCounters;
import io.pqflux.tempo.internal.search.TraceQlSearch;
import io.pqflux.tempo.internal.vparquet4.Vp4TraceMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The search baseline: a TraceQL search as Tempo reads a block, whole column chunks, with pqflux's reader over the
 * same block store. One pass: in every row group the whole chunks of every column the engine's search reads at all
 * (its second pass's result columns: the span columns and the named owners' attribute columns, which hold its first
 * pass's evaluation columns, since the second pass runs the query again on them alone), one request per chunk, no page
 * index and no pruning predicate; every row assembled into a trace
 * by the same mapper (with the attributes the query names) and matched by the engine's own matcher ({@link TraceQlSearch.Matcher}), so the answers are the
 * engine's by construction and the two variants differ only in what they read. Tempo would also skip a chunk whose
 * dictionary rules a condition out (reading that dictionary page only); this baseline does not (see
 * docs/benchmarks.md). Bytes: every read of {@code data.parquet}, the footer included (a new footer cache per search).
 */
public final class WholeChunkSearch {

    /** What one search found and read of {@code data.parquet}. */
    public record Result(List<TraceSearchResult> traces, long requests, long bytesRead) {
    }

    private final ObjectStore store;
    private final String data;
    private final BlockMeta meta;

    /** @param data the block's {@code data.parquet} relative to the store's root */
    public WholeChunkSearch(ObjectStore store, String data, BlockMeta meta) {
        this.store = store;
        this.data = data;
        this.meta = meta;
    }

    public Result search(SearchRequest request) {
        TraceQlSearch search = TraceQlSearch.compile(request.query());
        TraceQlSearch.Matcher matcher = search.matcher(request, new SearchCounters());
        ReadOptions options = ReadOptions.defaults().withFooterCache(FooterCache.ofMaxBytes(16L << 20))
                .withFooterSuffix(meta.footerSize() + 8);
        List<TraceSearchResult> results = new ArrayList<>();
        try (InputFile file = store.openInputFile(data, meta.footerSize())) {
            CountingInputFile counted = new CountingInputFile(file);
            MessageSchema schema;
            try (ParquetReader footer = ParquetReader.open(counted, options)) {
                schema = footer.schema();
            }
            TraceMapper mapper = new Vp4TraceMapper(counted.name(), schema, TracePreset.FULL,
                    meta.dedicatedSlots(DedicatedColumn.Scope.RESOURCE), meta.dedicatedSlots(DedicatedColumn.Scope.SPAN),
                    Long.MAX_VALUE);
            try (ParquetReader reader = ParquetReader.open(counted, options.withColumns(mapper.evaluationColumns(schema, search.resultFields())))) {
                for (int g = 0; g < reader.rowGroupCount(); g++) {
                    try (RowGroupBatch batch = reader.readRowGroup(g)) {
                        for (Trace trace : mapper.map(batch, search.resultFields().attributes())) {
                            matcher.match(trace).ifPresent(results::add);
                        }
                    }
                }
            }
            return new Result(results, counted.requests(), counted.bytes());
        }
    }
}
