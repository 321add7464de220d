package io.pqflux.tempo;

import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.column.DictionaryForm;
import io.pqflux.filter.Predicate;
import io.pqflux.format.meta.FileMetaData;
import io.pqflux.filter.RowRanges;
import io.pqflux.io.InputFile;
import io.pqflux.io.SharedInputFile;
import io.pqflux.reactive.BatchMapper;
import io.pqflux.reactive.ParquetBatch;
import io.pqflux.reactive.ParquetFlux;
import io.pqflux.reactive.ScanOptions;
import io.pqflux.reader.FooterCache;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.reader.RowGroupPlan;
import io.pqflux.reader.RowGroupRead;
import io.pqflux.schema.MessageSchema;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.ObjectStores;
import io.pqflux.storage.spi.BlockingCall;
import io.pqflux.tempo.internal.assembly.AttributeKeys;
import io.pqflux.tempo.internal.assembly.EvaluationFields;
import io.pqflux.tempo.internal.assembly.SpanFieldRows;
import io.pqflux.tempo.internal.assembly.TraceMapper;
import io.pqflux.tempo.internal.assembly.TraceRows;
import io.pqflux.tempo.internal.bloom.BloomShardCache;
import io.pqflux.tempo.internal.lookup.BlockLookup;
import io.pqflux.tempo.internal.metrics.MetricsAccumulator;
import io.pqflux.tempo.internal.metrics.MetricsQuery;
import io.pqflux.tempo.internal.metrics.TimeGrid;
import io.pqflux.tempo.internal.search.CandidateRows;
import io.pqflux.tempo.internal.search.SearchCounters;
import io.pqflux.tempo.internal.search.MatchedTrace;
import io.pqflux.tempo.internal.search.TraceQlSearch;
import io.pqflux.tempo.internal.tags.DataFile;
import io.pqflux.tempo.internal.vparquet3.Vp3TraceMapper;
import io.pqflux.tempo.internal.vparquet4.Vp4TraceMapper;
import io.pqflux.tempo.internal.vparquet5.Vp5DedicatedSlots;
import io.pqflux.tempo.internal.vparquet5.Vp5TraceMapper;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * One Tempo block ({@code <root>/<tenant>/<blockID>/}) on local disk or in object storage (through
 * {@link TempoTenant#of}): its meta, its traces as a {@code Flux} in block (trace-ID) order, and FindTraceByID. Opening
 * reads {@code meta.json} only; {@code data.parquet}'s footer is read with one request sized by the meta's
 * {@code footerSize}, parsed on first use and kept in the footer cache. Reads vParquet3, vParquet4 (both attribute
 * layouts) and vParquet5 (the {@code vParquet5-preview*} blocks and current vParquet5), each with the mapping of the
 * Tempo code that writes it; other formats fail at open with {@code UNSUPPORTED_FORMAT}.
 */
public final class TempoBlock {

    private static final long DEFAULT_FOOTER_CACHE_BYTES = 64L << 20;
    private static final long DEFAULT_BLOOM_CACHE_BYTES = 16L << 20;
    /** A second pass reading less than this decodes on its own thread ({@link #decodeColumns}). */
    private static final long INLINE_DECODE_BYTES = 1L << 20;
    /** A block's data.parquet of at most this many bytes is searched whole on one thread ({@link #searchWhole}). */
    static final long WHOLE_SEARCH_BYTES = 4L << 20;

    private final ObjectStore store;
    /** The block's directory relative to the store's root ("" when the root is the block). */
    private final String path;
    private final BlockMeta meta;
    private final FooterCache footers;
    private final BloomShardCache blooms;
    /** The largest data.parquet searched whole on one thread: {@link #WHOLE_SEARCH_BYTES} but in tests. */
    private final long wholeSearchBytes;
    /** data.parquet's schema, read once (a remote open costs requests even when the footer is cached). */
    private volatile MessageSchema schema;

    private TempoBlock(ObjectStore store, String path, BlockMeta meta, FooterCache footers, BloomShardCache blooms,
                       long wholeSearchBytes) {
        this.store = store;
        this.path = path;
        this.meta = meta;
        this.footers = footers;
        this.blooms = blooms;
        this.wholeSearchBytes = wholeSearchBytes;
    }

    /** The block in {@code directory}, with its own footer and bloom-shard caches (a tenant's blocks share theirs). */
    public static TempoBlock open(Path directory) {
        ObjectStore store = ObjectStores.local(directory);
        byte[] json = store.readBytes("meta.json").block();
        if (json == null) throw new TempoException(TempoException.Reason.BAD_META, directory.toString(), "no meta.json: not a live block");
        return of(store, "", BlockMeta.parse(json, store.describe("meta.json")), FooterCache.ofMaxBytes(DEFAULT_FOOTER_CACHE_BYTES),
                new BloomShardCache(DEFAULT_BLOOM_CACHE_BYTES), WHOLE_SEARCH_BYTES);
    }

    /** The block at {@code path} of {@code store} described by {@code meta} (from a listing or tenant index). */
    static TempoBlock of(ObjectStore store, String path, BlockMeta meta, FooterCache footers, BloomShardCache blooms,
                         long wholeSearchBytes) {
        meta.tempoFormat(); // fails for a format this reader does not know
        return new TempoBlock(store, path, meta, footers, blooms, wholeSearchBytes);
    }

    /** This block with searches of a data.parquet up to {@code bytes} run whole on one thread: tests run both ways. */
    TempoBlock withWholeSearchBytes(long bytes) {
        return new TempoBlock(store, path, meta, footers, blooms, bytes);
    }

    private static String file(String directory, String name) {
        return directory.isEmpty() ? name : directory + "/" + name;
    }

    public BlockMeta meta() {
        return meta;
    }

    /** The block's directory: a local path or an object store URI. */
    public String location() {
        return store.describe(path);
    }

    /** The block's traces in trace-ID order, assembled on the pipeline's decode scheduler. */
    public Flux<Trace> traces(TraceReadOptions options) {
        return traces(options, null);
    }

    /**
     * {@link #traces(TraceReadOptions)} with only the attributes {@code keys} keeps (the preset must be {@code FULL}),
     * or with the preset's columns when {@code keys} is null.
     */
    Flux<Trace> traces(TraceReadOptions options, AttributeKeys keys) {
        return projected(options, (mapper, schema) -> new Projection(mapper,
                keys == null ? mapper.columns() : mapper.columns(schema, keys), keys == null ? AttributeKeys.ALL : keys, null),
                plan -> batch -> plan.mapper().map(batch, plan.keys()));
    }

    /**
     * What {@code mapping} makes of the batches {@code projection} reads (its columns, attributes and pruning, over the
     * options' rows), mapped on the decode scheduler, in file order.
     */
    private <T> Flux<T> projected(TraceReadOptions options, BiFunction<TraceMapper, MessageSchema, Projection> projection,
                                  Function<Projection, BatchMapper<T>> mapping) {
        if (!overlapsMeta(options)) return Flux.empty();
        return withData(data -> {
                    Projection plan = projection.apply(mapper(data.schema(), options.preset(), options.maxTraceBytes()),
                            data.schema());
                    ReadOptions read = readOptions().withColumns(plan.columns()).withRows(options.firstRow(), options.endRow());
                    if (plan.pruning() != null) read = read.withPruning(plan.pruning());
                    Predicate filter = filter(options);
                    if (filter != null) read = read.withFilter(filter);
                    return ParquetFlux.read(data.name(), data.file()::view, options.scanOptions().withReadOptions(read),
                            mapping.apply(plan));
                });
    }

    /**
     * A file's mapper, the columns it is given (null: every column), the attributes it assembles and what prunes row
     * groups and pages (null: nothing).
     */
    private record Projection(TraceMapper mapper, List<String> columns, AttributeKeys keys, Predicate pruning) {
    }

    /**
     * The traces of this block a TraceQL search matches, in block (trace-ID) order, each with its spansets; every
     * matching trace (the request's limit applies to a tenant's search). Only the columns the query needs are read:
     * span structure and intrinsics, attributes only when the query touches one.
     *
     * @throws TraceQlException (when subscribed) for a query that is not valid TraceQL, or not a search query
     */
    public Flux<TraceSearchResult> search(SearchRequest request) {
        return Mono.fromCallable(() -> TraceQlSearch.compile(request.query()))
                .flatMapMany(search -> search(search, request, new SearchCounters()));
    }

    /**
     * {@link #search(SearchRequest)} with a compiled query, counting what it reads into {@code counters}. A block of at
     * most {@link #WHOLE_SEARCH_BYTES} (as its meta gives its size) is searched whole on one bounded-elastic thread
     * ({@link #searchWhole}); a larger one through the scan pipeline, its columns decoding on every core.
     */
    Flux<TraceSearchResult> search(TraceQlSearch search, SearchRequest request, SearchCounters counters) {
        if (searchesWhole()) {
            return BlockingCall.on(Schedulers.boundedElastic(), () -> searchWhole(search, request, counters))
                    .flatMapIterable(results -> results);
        }
        TraceReadOptions read = searchOptions(request, counters);
        if (!overlapsMeta(read)) return Flux.empty();
        Supplier<TraceQlSearch.Matcher> matcher = () -> search.matcher(request, counters);
        return withData(data -> {
                    SearchPlan plan = plan(search, data.schema());
                    return plan.completionColumns().isEmpty()
                        // the first pass read all the results hold: it builds them, evaluating each trace once
                        ? ParquetFlux.read(data.name(), data.file()::view, read.scanOptions().withReadOptions(
                                firstPassRead(plan, read)), firstPassRows(plan, matcher, TempoBlock::matched))
                        : Flux.usingWhen(
                        BlockingCall.on(Schedulers.boundedElastic(), () -> ParquetReader.open(data.file().view(),
                                        readOptions().withColumns(plan.completionColumns())))
                                .doOnDiscard(ParquetReader.class, ParquetReader::close),
                        completions -> matchingRows(data, plan, read, matcher)
                                .flatMapSequential(rows -> BlockingCall.on(Schedulers.boundedElastic(),
                                                () -> completed(completions, plan, rows, read.scanOptions().decodeScheduler()))
                                        .flatMapIterable(results -> results), Schedulers.DEFAULT_POOL_SIZE, 1),
                        completions -> Mono.fromRunnable(() -> {
                            counters.bytesRead(completions.metrics().bytesRead());
                            completions.close();
                        }));
                })
                .doOnComplete(counters::blockCompleted);
    }

    /** Whether a search of this block runs whole on one thread ({@link #searchWhole}): its data.parquet is small. */
    boolean searchesWhole() {
        return meta.size() > 0 && meta.size() <= wholeSearchBytes;
    }

    /**
     * The search of this block on the calling thread, which must allow blocking: what
     * {@link #search(TraceQlSearch, SearchRequest, SearchCounters)} streams, at once. The file is opened once, the
     * first pass runs slice after slice (planned, fetched, decoded, its traces evaluated), then the second pass row
     * group after row group. For small blocks: through the pipeline, a tenant's small blocks (an ingester's fresh
     * blocks of a few hundred kilobytes) took about eight thread hand-offs each, and on two cores waking the other one
     * for each cost more than the search itself; searched whole, blocks use the cores by being searched side by side
     * (a tenant's search works them one after another on each of a few threads). It holds one slice's vectors at a
     * time, as little as the pipeline holds at its least.
     */
    List<TraceSearchResult> searchWhole(TraceQlSearch search, SearchRequest request, SearchCounters counters) {
        TraceReadOptions options = searchOptions(request, counters);
        if (!overlapsMeta(options)) return List.of();
        Supplier<TraceQlSearch.Matcher> matcher = () -> search.matcher(request, counters);
        List<TraceSearchResult> results = new ArrayList<>();
        OpenData data = openData(file(path, "data.parquet"));
        try {
            SearchPlan plan = plan(search, data.schema());
            if (plan.completionColumns().isEmpty()) {
                scannedWhole(data, firstPassRead(plan, options), options.scanOptions().batchRows(),
                        firstPassRows(plan, matcher, TempoBlock::matched), results::addAll, counters);
            } else {
                List<MatchedRow> matched = new ArrayList<>();
                scannedWhole(data, firstPassRead(plan, options), options.scanOptions().batchRows(),
                        firstPassRows(plan, matcher, TempoBlock::evaluated), matched::addAll, counters);
                if (!matched.isEmpty()) completedWhole(data, plan, matched, results::addAll, counters);
            }
        } finally {
            data.file().close();
        }
        counters.blockCompleted();
        return results;
    }

    /** The second pass of {@link #searchWhole} over the first pass's matches (in block order), row group by row group. */
    private void completedWhole(OpenData data, SearchPlan plan, List<MatchedRow> matched,
                                Consumer<List<TraceSearchResult>> out, SearchCounters counters) {
        try (ParquetReader completions = ParquetReader.open(data.file().view(),
                readOptions().withColumns(plan.completionColumns()))) {
            // the first pass found them in block order: each row group's rows are a run
            for (int from = 0, to; from < matched.size(); from = to) {
                int rowGroup = matched.get(from).rowGroup();
                for (to = from + 1; to < matched.size() && matched.get(to).rowGroup() == rowGroup; to++) {
                }
                out.accept(completed(completions, plan, matched.subList(from, to), null));
            }
            counters.bytesRead(completions.metrics().bytesRead());
        }
    }

    /** A search's read: the request's time range, every trace whatever its size, what it reads counted. */
    private static TraceReadOptions searchOptions(SearchRequest request, SearchCounters counters) {
        // no size limit: sizing every trace costs a tenth of a scan, and a search keeps only spans' summaries
        TraceReadOptions options = TraceReadOptions.defaults().withMaxTraceBytes(Long.MAX_VALUE).withScanOptions(countedScan(counters));
        if (request.start() == null && request.end() == null) return options;
        return options.withTimeRange(request.start() == null ? Instant.EPOCH : request.start(),
                request.end() == null ? Instant.MAX : request.end());
    }

    /**
     * A search's or a metrics query's scan, what it reads counted: slices of {@link TraceReadOptions#DEFAULT_BATCH_ROWS}
     * traces, so a block of a few large row groups keeps every core busy, each row group still planned and fetched
     * once (the scan's row groups are shared by their slices).
     */
    private static ScanOptions countedScan(SearchCounters counters) {
        return ScanOptions.defaults().withBatchRows(TraceReadOptions.DEFAULT_BATCH_ROWS)
                .withMetricsListener(m -> counters.bytesRead(m.read().bytesRead()));
    }

    /**
     * Every row group of {@code read} planned and fetched once, then its slices decoded and mapped on this thread, one
     * at a time, in file order.
     */
    private static <T> void scannedWhole(OpenData data, ReadOptions read, int batchRows, BatchMapper<T> mapper,
                                         Consumer<List<T>> out, SearchCounters counters) {
        try (ParquetReader reader = ParquetReader.open(data.file().view(), read)) {
            for (int g = 0; g < reader.rowGroupCount(); g++) {
                long rows = reader.metaData().rowGroups().get(g).numRows();
                try (RowGroupPlan plan = reader.planRowGroup(g, RowRanges.all(rows))) {
                    plan.fetch();
                    for (long start = 0; start < rows; start += batchRows) {
                        try (RowGroupRead slice = plan.slice(RowRanges.range(start, Math.min(rows, start + batchRows)))) {
                            for (int c = 0; c < slice.columnCount(); c++) slice.decodeColumn(c);
                            try (RowGroupBatch batch = slice.finish()) {
                                if (batch.rowCount() > 0) out.accept(mapper.map(batch));
                            }
                        }
                    }
                }
            }
            counters.bytesRead(reader.metrics().bytesRead());
        }
    }

    /** The search's plan over a file of {@code schema}. */
    private SearchPlan plan(TraceQlSearch search, MessageSchema schema) {
        TraceMapper mapper = mapper(schema, TracePreset.FULL, Long.MAX_VALUE);
        return new SearchPlan(mapper, mapper.evaluationColumns(schema, search.evaluationFields()),
                search.completionLeaves().stream().map(leaf -> mapper.spanPath() + leaf).sorted().toList(),
                search.evaluationFields().attributes(), search.pruning(mapper, schema));
    }

    /**
     * A block search's reads: the first pass's columns (what evaluating the query needs), the second's (the span
     * fields its results hold that the first did not read, see {@link MatchedTrace}; none when it read them all),
     * the attributes assembled (those the query names) and the pruning predicate of the first (null: none).
     */
    private record SearchPlan(TraceMapper mapper, List<String> evaluationColumns, List<String> completionColumns,
                              AttributeKeys attributes, Predicate pruning) {
    }

    /** A row whose trace the query matched, and the trace evaluated. */
    private record MatchedRow(int rowGroup, long row, MatchedTrace match) {
    }

    /**
     * The first pass: the rows whose trace the query matches, evaluated (once) on traces holding only what the query
     * reads; in block order, a row group's at a time.
     */
    private Flux<List<MatchedRow>> matchingRows(OpenData data, SearchPlan plan, TraceReadOptions options,
                                                Supplier<TraceQlSearch.Matcher> matcher) {
        return ParquetFlux.read(data.name(), data.file()::view,
                        options.scanOptions().withReadOptions(firstPassRead(plan, options)),
                        firstPassRows(plan, matcher, TempoBlock::evaluated))
                // a row group's matches at once: slices of it would each read again the pages they share
                .bufferUntilChanged(MatchedRow::rowGroup);
    }

    /** What the first pass makes of one matched row: the row group, the row there and the trace evaluated. */
    private interface RowStep<T> {
        void accept(int rowGroup, long row, MatchedTrace match, List<T> out);
    }

    /** The step of a first pass that read all the results hold: it builds them, evaluating each trace once. */
    private static void matched(int rowGroup, long row, MatchedTrace match, List<TraceSearchResult> out) {
        out.add(match.result());
    }

    /** The step of a first pass whose results a second pass completes: the row of each match. */
    private static void evaluated(int rowGroup, long row, MatchedTrace match, List<MatchedRow> out) {
        out.add(new MatchedRow(rowGroup, row, match));
    }

    /** The first pass's read: what evaluating the query needs, pruned, over the options' time range. */
    private ReadOptions firstPassRead(SearchPlan plan, TraceReadOptions options) {
        ReadOptions read = readOptions().withColumns(plan.evaluationColumns()).withPruning(plan.pruning());
        Predicate filter = filter(options);
        return filter == null ? read : read.withFilter(filter);
    }

    /**
     * The first pass's mapping: each batch's rows handed to {@code step} where the batch is assembled, with a matcher
     * of the batch's own (a matcher keeps state).
     */
    private static <T> BatchMapper<T> firstPassRows(SearchPlan plan, Supplier<TraceQlSearch.Matcher> matcher,
                                                    RowStep<T> step) {
        return batch -> {
            TraceQlSearch.Matcher batchMatcher = matcher.get();
            List<T> out = new ArrayList<>();
            // rows whose columns rule out a match (the pruning predicate asked of each row) are never evaluated
            CandidateRows candidates = CandidateRows.of(plan.pruning(), batch.nested(), plan.mapper().spanPath());
            // a query the columns answer: no trace assembled at all
            if (batchMatcher.matchColumns(plan.mapper(), batch, plan.attributes(), candidates,
                    (rowGroup, row, match) -> step.accept(rowGroup, row, match, out))) {
                return out;
            }
            // otherwise the candidates are assembled, but for rows whose span columns show that no span satisfies
            // what the query needs
            candidates.forEachTrace(plan.mapper(), batch, plan.attributes(),
                    batchMatcher.candidates(plan.mapper(), batch, plan.attributes()), batchMatcher::ruledOut,
                    row -> batchMatcher.evaluate(row.trace())
                            .ifPresent(match -> step.accept(row.rowGroup(), row.row(), match, out)));
            return out;
        };
    }

    /**
     * The second pass over the matching rows of one row group: what else their results hold read through the offset
     * index (only the pages holding them), and each result completed with its returned spans' fields. The columns
     * decode at once on {@code decoders} (on this thread when null, see {@link #decodeColumns}).
     */
    private List<TraceSearchResult> completed(ParquetReader completions, SearchPlan plan, List<MatchedRow> rows,
                                              Scheduler decoders) {
        RowRanges.Builder ranges = new RowRanges.Builder();
        for (MatchedRow row : rows) ranges.add(row.row(), row.row() + 1);
        List<TraceSearchResult> results = new ArrayList<>(rows.size());
        int rowGroup = rows.getFirst().rowGroup();
        // a staged read: its ranges merge only while the gaps stay within a tenth of the bytes needed, where a
        // one-piece read would read through megabyte gaps between the scattered pages of the matching rows
        try (RowGroupRead read = completions.plan(rowGroup, ranges.build())) {
            read.fetch();
            decodeColumns(read, decoders);
            try (RowGroupBatch batch = read.finish()) {
                SpanFieldRows second = plan.mapper().spanFields(batch);
                if (second.rowCount() != rows.size()) {
                    throw new IllegalStateException(location() + ": the second pass read " + second.rowCount()
                            + " of " + rows.size() + " rows of row group " + rowGroup);
                }
                for (int i = 0; i < rows.size(); i++) {
                    MatchedRow row = rows.get(i);
                    if (second.spanCount(i) != row.match().spanCount()) {
                        throw new IllegalStateException(location() + ": row " + row.row() + " of row group " + rowGroup
                                + " has " + second.spanCount(i) + " spans in the second pass, "
                                + row.match().spanCount() + " in the first");
                    }
                    int r = i;
                    results.add(row.match().result(span -> second.span(r, span)));
                }
            }
        }
        return results;
    }

    /**
     * Decodes the read's columns at once, one task per column on {@code decoders}, and waits for every task, whatever
     * happens to this thread (the read is closed after, never under a decoding task); the first failure is thrown. A
     * read of less than {@link #INLINE_DECODE_BYTES} decodes on this thread: handing a column to a worker and waking
     * this thread again costs more than decoding a few pages (a tenant's small blocks give the second pass reads of
     * tens of kilobytes, and two cores spent more time handing them off than decoding them). So does every read when
     * {@code decoders} is null.
     */
    private static void decodeColumns(RowGroupRead read, Scheduler decoders) {
        if (decoders == null || read.rangeBytes() < INLINE_DECODE_BYTES) {
            for (int c = 0; c < read.columnCount(); c++) read.decodeColumn(c);
            return;
        }
        List<CompletableFuture<Void>> columns = new ArrayList<>(read.columnCount());
        try {
            for (int c = 0; c < read.columnCount(); c++) {
                int column = c;
                columns.add(CompletableFuture.runAsync(() -> read.decodeColumn(column), decoders::schedule));
            }
        } finally {
            // join() waits through interrupts; allOf completes once every task has, failed or not
            try {
                CompletableFuture.allOf(columns.toArray(CompletableFuture<?>[]::new)).join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) throw cause;
                if (e.getCause() instanceof Error cause) throw cause;
                throw e;
            }
        }
    }

    /**
     * A metrics query's partial result over this block: the traces overlapping the grid's range that the query's
     * pipeline can match (row groups and pages pruned by it), read with only the columns the query reads
     * ({@link MetricsQuery#fields}); each batch's traces observed where they are
     * assembled, on the decode workers, into an accumulator of its own, merged in file order; counts what it reads
     * into {@code counters}.
     */
    Mono<MetricsAccumulator> metrics(MetricsQuery query, TimeGrid grid, int exemplars, SearchCounters counters) {
        ScanOptions scan = countedScan(counters);
        TraceReadOptions options = TraceReadOptions.defaults().withPreset(TracePreset.FULL).withMaxTraceBytes(Long.MAX_VALUE)
                .withScanOptions(scan).withTimeRange(Instant.ofEpochSecond(0, grid.start()), Instant.ofEpochSecond(0, grid.end()));
        EvaluationFields fields = query.fields(exemplars, meta.tempoFormat());
        BiFunction<TraceMapper, MessageSchema, Projection> projection = (mapper, schema) -> new Projection(mapper,
                mapper.evaluationColumns(schema, fields), fields.attributes(), query.pruning(mapper, schema));
        // each batch's traces observed where they are assembled, on the decode workers, into an accumulator of its own
        return projected(options, projection, plan -> batch -> {
                    MetricsAccumulator observed = query.accumulator(grid, exemplars, meta.tempoFormat());
                    // spans read from their columns where the query allows it: no trace assembled at all
                    if (observed.observeColumns(plan.mapper(), batch, plan.keys(), counters::trace)) return List.of(observed);
                    // a trace whose columns rule out every span of the pipeline is never assembled (compare() has no
                    // pruning predicate: its baseline is every span)
                    CandidateRows.of(plan.pruning(), batch.nested(), plan.mapper().spanPath()).forEachTrace(
                            plan.mapper(), batch, plan.keys(), null, counters::trace,
                            row -> counters.trace(observed.observe(row.trace())));
                    return List.of(observed);
                })
                .reduceWith(() -> query.accumulator(grid, exemplars, meta.tempoFormat()), MetricsAccumulator::merge)
                .doOnSuccess(merged -> counters.blockCompleted());
    }

    /**
     * The block's spans, trace after trace in trace-ID order, each with its resource and scope: a span stream holds one
     * resource's spans of a trace at a time, so traces of any size are read (no {@code maxTraceBytes}). The preset must
     * read spans ({@code SPANS} or {@code FULL}).
     */
    public Flux<SpanWithContext> spans(TraceReadOptions options) {
        if (options.preset() == TracePreset.SUMMARY) throw new IllegalArgumentException("the SUMMARY preset reads no spans");
        if (!overlapsMeta(options)) return Flux.empty();
        return withData(data -> {
                    TraceMapper mapper = mapper(data.schema(), options.preset(), Long.MAX_VALUE);
                    ReadOptions read = readOptions().withColumns(mapper.columns()).withRows(options.firstRow(), options.endRow());
                    Predicate filter = filter(options);
                    if (filter != null) read = read.withFilter(filter);
                    return ParquetFlux.batches(data.name(), data.file()::view, options.scanOptions().withReadOptions(read))
                            .concatMap(batch -> Flux.using(() -> batch,
                                    b -> Flux.fromIterable(() -> new SpanIterator(mapper.resourceSpans(b.batch()))),
                                    ParquetBatch::close), 1)
                            // batches concatMap holds but never maps, when the stream is cancelled or fails
                            .doOnDiscard(ParquetBatch.class, ParquetBatch::close);
                });
    }

    /** Flattens resource spans into spans, one resource at a time. */
    private static final class SpanIterator implements Iterator<SpanWithContext> {
        private final Iterator<TraceRows.RowResourceSpans> resources;
        private final List<SpanWithContext> pending = new ArrayList<>();
        private int next;

        SpanIterator(Iterator<TraceRows.RowResourceSpans> resources) {
            this.resources = resources;
        }

        @Override
        public boolean hasNext() {
            while (next == pending.size()) {
                if (!resources.hasNext()) return false;
                pending.clear();
                next = 0;
                TraceRows.RowResourceSpans rs = resources.next();
                TraceId id = TraceId.of(rs.traceId().toByteArray());
                Resource resource = rs.resourceSpans().getResource();
                for (ScopeSpans ss : rs.resourceSpans().getScopeSpansList()) {
                    for (Span span : ss.getSpansList()) pending.add(new SpanWithContext(id, resource, ss.getScope(), span));
                }
            }
            return true;
        }

        @Override
        public SpanWithContext next() {
            if (!hasNext()) throw new NoSuchElementException();
            return pending.get(next++);
        }
    }

    /**
     * FindTraceByID in this block: bloom shard, then row-group statistics, the {@code TraceID} column index and the
     * offset indexes, so only the pages holding the trace's row are read. The shard is read without blocking, the
     * data file on the bounded-elastic scheduler.
     */
    public Mono<TraceLookup> findTrace(TraceId id, TracePreset preset, long maxTraceBytes) {
        return Mono.defer(() -> new BlockLookup(store.below(path), meta, blooms, location())
                .find(id, readOptions(), footerSize(), schema -> mapper(schema, preset, maxTraceBytes)));
    }

    /**
     * {@code data.parquet}'s metadata (row groups, their rows and sizes): how a distributed reader plans splits of
     * the block. One request when the meta gives the footer's size, then the footer cache. Blocking.
     */
    public FileMetaData dataMetaData() {
        try (ParquetReader reader = ParquetReader.open(store.openInputFile(file(path, "data.parquet"), footerSize()), readOptions())) {
            return reader.metaData();
        }
    }

    /** The footer with its 8-byte tail when the meta gives its size, else the reader's default guess. */
    private int footerSuffix() {
        return meta.footerSize() > 0 ? meta.footerSize() + 8 : ReadOptions.defaults().footerSuffix();
    }

    /** The footer's size for the opening read of a remote file; 0 when the meta does not give it. */
    private long footerSize() {
        return Math.max(0, meta.footerSize());
    }

    /** Footers from the tenant's cache; a miss reads exactly the footer when the meta gives its size. */
    private ReadOptions readOptions() {
        return ReadOptions.defaults().withFooterCache(footers).withFooterSuffix(footerSuffix());
    }

    /**
     * {@code reads} over data.parquet opened once, on the bounded-elastic scheduler (opening may block), with its
     * schema: every pass of the read takes its own view of the file, which closes once the last of them is done. The
     * open is never interrupted (through {@code subscribeOn}, a cancellation interrupted it, inside file I/O), and a
     * file opened for a read cancelled meanwhile is closed, not dropped with its buffers.
     */
    private <T> Flux<T> withData(Function<OpenData, Flux<T>> reads) {
        String data = file(path, "data.parquet");
        return Flux.usingWhen(BlockingCall.on(Schedulers.boundedElastic(), () -> openData(data))
                        .doOnDiscard(OpenData.class, open -> open.file().close()), reads,
                open -> Mono.fromRunnable(open.file()::close));
    }

    private OpenData openData(String data) {
        SharedInputFile file = SharedInputFile.of(store.openInputFile(data, footerSize()));
        try {
            return new OpenData(store.describe(data), file, footers.schema(file.file(), footerSuffix()));
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** data.parquet open for one read: its name for messages, the file its passes take views of, and its schema. */
    private record OpenData(String name, SharedInputFile file, MessageSchema schema) {
    }

    private MessageSchema schema(String data) {
        MessageSchema known = schema;
        if (known == null) {
            try (InputFile file = store.openInputFile(data, footerSize())) {
                schema = known = footers.schema(file, footerSuffix());
            }
        }
        return known;
    }

    private TraceMapper mapper(MessageSchema schema, TracePreset preset, long maxTraceBytes) {
        String source = store.describe(file(path, "data.parquet"));
        return switch (meta.tempoFormat()) {
            case VPARQUET3 -> new Vp3TraceMapper(source, schema, preset, meta.dedicatedSlots(DedicatedColumn.Scope.RESOURCE),
                    meta.dedicatedSlots(DedicatedColumn.Scope.SPAN), maxTraceBytes);
            case VPARQUET4 -> new Vp4TraceMapper(source, schema, preset, meta.dedicatedSlots(DedicatedColumn.Scope.RESOURCE),
                    meta.dedicatedSlots(DedicatedColumn.Scope.SPAN), maxTraceBytes);
            case VPARQUET5 -> new Vp5TraceMapper(source, schema, preset, Vp5DedicatedSlots.of(meta), maxTraceBytes);
        };
    }

    private boolean overlapsMeta(TraceReadOptions options) {
        return options.start() == null || meta.overlaps(options.start(), options.end());
    }

    /** Row-level conditions, pushed down to statistics and page indexes; null when the read keeps every trace. */
    private static Predicate filter(TraceReadOptions options) {
        List<Predicate> conditions = new ArrayList<>();
        if (options.start() != null) {
            conditions.add(Predicate.ltEq("StartTimeUnixNano", nanos(options.end())));
            conditions.add(Predicate.gtEq("EndTimeUnixNano", nanos(options.start())));
        }
        if (options.firstId() != null) {
            conditions.add(Predicate.gtEq("TraceID", options.firstId().bytes()));
            conditions.add(Predicate.ltEq("TraceID", options.lastId().bytes()));
        }
        return switch (conditions.size()) {
            case 0 -> null;
            case 1 -> conditions.getFirst();
            default -> Predicate.and(conditions.toArray(Predicate[]::new));
        };
    }

    /**
     * Unix nanoseconds as an unsigned 64-bit literal: instants before the epoch clamp to 0, instants after the last
     * one the columns can hold (in the year 2554) to that one, so an open end ({@code Instant.MAX}) keeps every trace.
     */
    private static BigInteger nanos(Instant instant) {
        BigInteger nanos = BigInteger.valueOf(instant.getEpochSecond()).multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(instant.getNano()));
        if (nanos.signum() < 0) return BigInteger.ZERO;
        return nanos.compareTo(MAX_UNSIGNED_NANOS) > 0 ? MAX_UNSIGNED_NANOS : nanos;
    }

    private static final BigInteger MAX_UNSIGNED_NANOS = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** {@code data.parquet} for single-column reads (tag values from a column's dictionary). */
    DataFile dataFile() {
        String data = file(path, "data.parquet");
        return new DataFile() {
            @Override
            public MessageSchema schema() {
                return TempoBlock.this.schema(data);
            }

            @Override
            public ParquetReader open(List<String> columns) {
                return ParquetReader.open(store.openInputFile(data, footerSize()),
                        readOptions().withColumns(columns).withDictionaryForm(DictionaryForm.KEPT));
            }
        };
    }
}
