package io.pqflux.tempo.query.internal.search;

import io.pqflux.filter.Predicate;
import io.pqflux.filter.RowRanges;
import io.pqflux.reactive.BatchMapper;
import io.pqflux.reactive.ParquetFlux;
import io.pqflux.reactive.ScanOptions;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.reader.RowGroupPlan;
import io.pqflux.reader.RowGroupRead;
import io.pqflux.schema.MessageSchema;
import io.pqflux.storage.BlockingCall;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.TraceReadOptions;
import io.pqflux.tempo.columns.BlockColumns;
import io.pqflux.tempo.internal.assembly.AttributeKeys;
import io.pqflux.tempo.internal.assembly.SpanFieldRows;
import io.pqflux.tempo.internal.assembly.TraceMapper;
import io.pqflux.tempo.query.SearchRequest;
import io.pqflux.tempo.query.TraceSearchResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A compiled search over one block, in two passes: the first reads what evaluating the query needs (pruned by the
 * query's columns, over the request's time range) and finds the matching traces, evaluating each once; the second
 * reads, through the offset index, only the pages of the matching rows that hold what their results show and the
 * first did not read. A block of at most {@link #WHOLE_SEARCH_BYTES} is searched whole on the calling thread
 * ({@link #searchWhole}); a larger one through the scan pipeline, its columns decoding on every core.
 */
public final class BlockSearch {

    /** A block's data.parquet of at most this many bytes is searched whole on one thread ({@link #searchWhole}). */
    public static final long WHOLE_SEARCH_BYTES = 4L << 20;
    /**
     * Bytes of the second pass's pages that make a decoding task worth its hand-off: a tenant's small blocks give
     * second passes of tens of kilobytes, and two cores spent more time handing them to workers than decoding them.
     */
    private static final long BYTES_PER_DECODE_TASK = 1L << 20;

    private final BlockColumns block;
    private final TraceQlSearch search;
    private final SearchRequest request;
    private final SearchCounters counters;

    public BlockSearch(BlockColumns block, TraceQlSearch search, SearchRequest request, SearchCounters counters) {
        this.block = block;
        this.search = search;
        this.request = request;
        this.counters = counters;
    }

    /**
     * The matching traces of the block, in block (trace-ID) order, streamed through the scan pipeline: the first pass's
     * columns decode on every core, the second pass runs a row group's matches at a time on the bounded-elastic
     * scheduler.
     */
    public Flux<TraceSearchResult> pipelined() {
        TraceReadOptions read = searchOptions();
        if (!block.overlaps(read)) return Flux.empty();
        Supplier<TraceQlSearch.Matcher> matcher = () -> search.matcher(request, counters);
        return block.withData(data -> {
                    SearchPlan plan = plan(data.schema());
                    return plan.completionColumns().isEmpty()
                        // the first pass read all the results hold: it builds them, evaluating each trace once
                        ? ParquetFlux.read(data.name(), data.file()::view, read.scanOptions().withReadOptions(
                                firstPassRead(plan, read)), firstPassRows(plan, matcher, BlockSearch::matched))
                        : Flux.usingWhen(
                        BlockingCall.on(Schedulers.boundedElastic(), () -> ParquetReader.open(data.file().view(),
                                        block.readOptions().withColumns(plan.completionColumns())))
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

    /** Whether the block's data.parquet is at most {@code wholeSearchBytes} (as its meta gives its size). */
    public static boolean searchesWhole(BlockColumns block, long wholeSearchBytes) {
        return block.meta().size() > 0 && block.meta().size() <= wholeSearchBytes;
    }

    /**
     * The search of this block on the calling thread, which must allow blocking: what {@link #pipelined} streams, at
     * once. The file is opened once, the first pass runs slice after slice (planned, fetched, decoded, its traces
     * evaluated), then the second pass row group after row group. For small blocks: through the pipeline, a tenant's
     * small blocks (an ingester's fresh blocks of a few hundred kilobytes) took about eight thread hand-offs each, and
     * on two cores waking the other one for each cost more than the search itself; searched whole, blocks use the
     * cores by being searched side by side ({@code BlockingLanes}). It holds one slice's vectors at a time, as little as
     * the pipeline holds at its least.
     */
    public List<TraceSearchResult> searchWhole() {
        TraceReadOptions options = searchOptions();
        if (!block.overlaps(options)) return List.of();
        Supplier<TraceQlSearch.Matcher> matcher = () -> search.matcher(request, counters);
        List<TraceSearchResult> results = new ArrayList<>();
        BlockColumns.Data data = block.openData();
        try {
            SearchPlan plan = plan(data.schema());
            if (plan.completionColumns().isEmpty()) {
                scannedWhole(data, firstPassRead(plan, options), options.scanOptions().batchRows(),
                        firstPassRows(plan, matcher, BlockSearch::matched), results::addAll, counters);
            } else {
                List<MatchedRow> matched = new ArrayList<>();
                scannedWhole(data, firstPassRead(plan, options), options.scanOptions().batchRows(),
                        firstPassRows(plan, matcher, BlockSearch::evaluated), matched::addAll, counters);
                if (!matched.isEmpty()) completedWhole(data, plan, matched, results::addAll);
            }
        } finally {
            data.file().close();
        }
        counters.blockCompleted();
        return results;
    }

    /** The second pass of {@link #searchWhole} over the first pass's matches (in block order), row group by row group. */
    private void completedWhole(BlockColumns.Data data, SearchPlan plan, List<MatchedRow> matched,
                                Consumer<List<TraceSearchResult>> out) {
        try (ParquetReader completions = ParquetReader.open(data.file().view(),
                block.readOptions().withColumns(plan.completionColumns()))) {
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
    private TraceReadOptions searchOptions() {
        // no size limit: sizing every trace costs a tenth of a scan, and a search keeps only spans' summaries
        TraceReadOptions options = TraceReadOptions.defaults().withMaxTraceBytes(Long.MAX_VALUE)
                .withScanOptions(countedScan(counters));
        if (request.start() == null && request.end() == null) return options;
        return options.withTimeRange(request.start() == null ? Instant.EPOCH : request.start(),
                request.end() == null ? Instant.MAX : request.end());
    }

    /**
     * A search's or a metrics query's scan, what it reads counted: slices of {@link TraceReadOptions#DEFAULT_BATCH_ROWS}
     * traces, so a block of a few large row groups keeps every core busy, each row group still planned and fetched
     * once (the scan's row groups are shared by their slices).
     */
    public static ScanOptions countedScan(SearchCounters counters) {
        return ScanOptions.defaults().withBatchRows(TraceReadOptions.DEFAULT_BATCH_ROWS)
                .withMetricsListener(m -> counters.bytesRead(m.read().bytesRead()));
    }

    /**
     * Every row group of {@code read} planned and fetched once, then its slices decoded and mapped on this thread, one
     * at a time, in file order: the stages the scan pipeline runs, without its schedulers. Not the pipeline itself with
     * every scheduler immediate: that adds its per-slice operators and budget reservations to every small block.
     */
    private static <T> void scannedWhole(BlockColumns.Data data, ReadOptions read, int batchRows, BatchMapper<T> mapper,
                                         Consumer<List<T>> out, SearchCounters counters) {
        try (ParquetReader reader = ParquetReader.open(data.file().view(), read)) {
            for (int g = 0; g < reader.rowGroupCount(); g++) {
                long rows = reader.metaData().rowGroups().get(g).numRows();
                try (RowGroupPlan plan = reader.planRowGroup(g, RowRanges.all(rows))) {
                    plan.fetch();
                    for (long start = 0; start < rows; start += batchRows) {
                        try (RowGroupRead slice = plan.slice(RowRanges.range(start, Math.min(rows, start + batchRows)))) {
                            slice.decodeColumns(null, 0);
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
    private SearchPlan plan(MessageSchema schema) {
        TraceMapper mapper = block.mapper(schema, TracePreset.FULL, Long.MAX_VALUE);
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
    private Flux<List<MatchedRow>> matchingRows(BlockColumns.Data data, SearchPlan plan, TraceReadOptions options,
                                                Supplier<TraceQlSearch.Matcher> matcher) {
        return ParquetFlux.read(data.name(), data.file()::view,
                        options.scanOptions().withReadOptions(firstPassRead(plan, options)),
                        firstPassRows(plan, matcher, BlockSearch::evaluated))
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
        return block.readOptions(options, plan.evaluationColumns(), plan.pruning());
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
     * decode at once on {@code decoders} (on this thread when null, or when the read is small).
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
            read.decodeColumns(decoders == null ? null : decoders::schedule, BYTES_PER_DECODE_TASK);
            try (RowGroupBatch batch = read.finish()) {
                SpanFieldRows second = plan.mapper().spanFields(batch);
                if (second.rowCount() != rows.size()) {
                    throw new IllegalStateException(block.dataName() + ": the second pass read " + second.rowCount()
                            + " of " + rows.size() + " rows of row group " + rowGroup);
                }
                for (int i = 0; i < rows.size(); i++) {
                    MatchedRow row = rows.get(i);
                    if (second.spanCount(i) != row.match().spanCount()) {
                        throw new IllegalStateException(block.dataName() + ": row " + row.row() + " of row group " + rowGroup
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
}
