package io.pqflux.reactive.dataset;

import io.pqflux.filter.Predicate;
import io.pqflux.format.meta.Footer;
import io.pqflux.filter.FileStatistics;
import io.pqflux.filter.Match;
import io.pqflux.io.InputFile;
import io.pqflux.reactive.ParquetBatch;
import io.pqflux.reactive.ParquetFlux;
import io.pqflux.reactive.ScanOptions;
import io.pqflux.reactive.internal.dataset.ColumnTypes;
import io.pqflux.reactive.internal.dataset.InFlightBatches;
import io.pqflux.reactive.internal.dataset.OpenedFile;
import io.pqflux.reactive.internal.dataset.PredicateFolding.Folded;
import io.pqflux.reactive.internal.dataset.PredicateFolding;
import io.pqflux.reactive.internal.dataset.ScanCounters;
import io.pqflux.reader.ReadOptions;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.schema.MessageSchema;
import io.pqflux.storage.RemoteObject;
import io.pqflux.storage.BlockingCall;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * One scan of a dataset: list -> skip by partition values -> skip by the index -> per file, on the I/O scheduler,
 * the footer (cached, or read) -> skip by schema and statistics -> the file's batches through {@code ParquetFlux},
 * with the predicate folded for the file and the projection cut to the columns it has. {@code flatMapSequential}
 * keeps file order while {@link Dataset#withFilesInFlight} files are worked on.
 */
final class DatasetScan {

    private final Dataset dataset;
    /** The files to scan; null: the dataset's listing. */
    private final List<DatasetFile> only;
    private final ScanOptions options;
    private final Predicate predicate;
    private final Scheduler io;
    private final ScanCounters counters = new ScanCounters();
    private final AtomicBoolean reported = new AtomicBoolean();
    private final InFlightBatches<DatasetBatch> inFlight = new InFlightBatches<>();
    /** The first file (in path order, of those opened) that had each column, and its type there. */
    private final Map<String, TypedIn> typesSeen = new ConcurrentHashMap<>();

    private record TypedIn(String file, ColumnDescriptor type) {
    }

    /** A file to scan: its read options and where each output column comes from. */
    private record Plan(DatasetFile file, ScanOptions options, List<Source> columns) {
    }

    /** Where an output column comes from in one file: the reader's column {@code index}, or a constant. */
    private record Source(int index, Object constant) {
    }

    DatasetScan(Dataset dataset, List<DatasetFile> only, ScanOptions options) {
        this.dataset = dataset;
        this.only = only == null ? null : List.copyOf(only);
        this.options = options;
        this.predicate = options.readOptions().filter();
        this.io = options.ioScheduler();
    }

    Flux<DatasetBatch> batches() {
        return Flux.defer(() -> new DatasetScan(dataset, only, options).run());
    }

    private Flux<DatasetBatch> run() {
        Mono<Dataset.Listing> listed = only == null ? dataset.listing(io) : Mono.just(new Dataset.Listing(only, 0));
        return listed
                .flatMapMany(listing -> {
                    List<DatasetFile> files = listing.files();
                    counters.listed(files.size(), listing.ignored());
                    List<String> projection = options.readOptions().columns();
                    Mono<List<String>> columns = projection != null ? Mono.just(projection)
                            : dataset.schema(files, io).map(schema -> schema.columns().stream().map(DatasetColumn::path).toList());
                    return columns.flatMapMany(names -> scan(files, names));
                })
                .doOnNext(inFlight::delivered)
                // batches still queued are closed before the error reaches the subscriber, and on cancellation
                .onErrorResume(error -> {
                    inFlight.end();
                    return Mono.error(error);
                })
                .doOnCancel(inFlight::end)
                .doFinally(signal -> inFlight.end())
                .doOnDiscard(DatasetBatch.class, DatasetBatch::close)
                // before the subscriber hears of the end, so that it sees the metrics once its scan is over
                .doOnTerminate(this::reportMetrics)
                .doOnCancel(this::reportMetrics);
    }

    private void reportMetrics() {
        if (reported.compareAndSet(false, true)) dataset.metricsListener().accept(counters.snapshot());
    }

    private Flux<DatasetBatch> scan(List<DatasetFile> files, List<String> columns) {
        return Flux.fromIterable(files)
                .filter(file -> counted(mayMatchPartition(file, predicate), counters::skippedByPartition))
                .filter(file -> counted(mayMatchIndex(dataset, file, predicate), counters::skippedByIndex))
                .flatMapSequential(file -> scanFile(file, columns), dataset.filesInFlight(), 1);
    }

    private static boolean counted(boolean may, Runnable skipped) {
        if (!may) skipped.run();
        return may;
    }

    /** Whether {@code file}'s partition values leave {@code predicate} a chance (null: every file). */
    static boolean mayMatchPartition(DatasetFile file, Predicate predicate) {
        Folded folded = PredicateFolding.fold(predicate, leaf -> {
            String column = FileStatistics.column(leaf);
            return file.partitionValues().containsKey(column)
                    ? PredicateFolding.onConstant(leaf, file.partitionValues().get(column)) : Match.SOME;
        });
        return !(folded instanceof Folded.Constant c && !c.value());
    }

    /** Whether the dataset's index (if any) leaves {@code predicate} a chance in {@code file}. */
    static boolean mayMatchIndex(Dataset dataset, DatasetFile file, Predicate predicate) {
        DatasetIndex index = dataset.index();
        return predicate == null || index == null || index.mayMatch(file, predicate);
    }

    private Flux<DatasetBatch> scanFile(DatasetFile file, List<String> columns) {
        return Flux.defer(() -> {
            OpenedFile opened = new OpenedFile();
            return BlockingCall.on(io, () -> plan(file, columns, opened))
                    .flatMapMany(plan -> ParquetFlux.batches(file.identity().name(), opened::take, plan.options())
                            .mapNotNull(batch -> batch(plan, columns, batch)))
                    // counted before the end reaches the subscriber, which may be this file's end
                    .doOnTerminate(() -> countRequests(opened))
                    .doFinally(signal -> {
                        countRequests(opened);
                        opened.end();
                    });
        });
    }

    private void countRequests(OpenedFile opened) {
        InputFile kept = opened.countOnce();
        if (kept != null) counters.requests(requests(kept));
    }

    /** Requests a remote file has sent so far (none for a local one). */
    private static long requests(InputFile file) {
        return file.feature(RemoteObject.class).map(remote -> remote.metrics().requests()).orElse(0L);
    }

    /**
     * Reads the footer (cache first) and decides: null when the file's schema or statistics rule it out, else how to
     * scan it. Runs on the I/O scheduler; the file opened for the footer goes to {@code opened}, and the scan reads
     * through it (an object's head and footer are fetched already, its version pinned; a mapping is not made twice).
     */
    private Plan plan(DatasetFile file, List<String> columns, OpenedFile opened) {
        Footer footer = dataset.cachedFooter(file);
        InputFile input = null;
        try {
            if (footer == null) {
                input = dataset.store().openInputFile(file.path(), 0);
                counters.opened();
                footer = dataset.readFooter(input);
                counters.footerParsed();
            }
            MessageSchema schema = dataset.schemaOf(file, footer);
            checkTypes(file, schema, columns);
            Plan plan = plan(file, footer, schema, columns);
            if (plan == null) {
                counters.skippedByStatistics();
                return null;
            }
            if (input == null) {
                input = dataset.store().openInputFile(file.path(), 0);
                counters.opened();
            }
            InputFile kept = input;
            input = null;
            if (!opened.keep(kept)) kept.close();
            return plan;
        } finally {
            if (input != null) {
                counters.requests(requests(input));
                input.close();
            }
        }
    }

    private Plan plan(DatasetFile file, Footer footer, MessageSchema schema, List<String> columns) {
        Function<Predicate, Match> known = leaf -> {
            String column = FileStatistics.column(leaf);
            if (file.partitionValues().containsKey(column)) {
                return PredicateFolding.onConstant(leaf, file.partitionValues().get(column));
            }
            return schema.column(column).isPresent() ? Match.SOME : PredicateFolding.onMissingColumn(leaf);
        };
        Predicate residual = null;
        switch (PredicateFolding.fold(predicate, known)) {
            case Folded.Constant c -> {
                if (!c.value()) return null;
            }
            case Folded.Residual r -> residual = r.predicate();
        }
        if (residual != null) {
            int rowGroups = footer.metaData().rowGroups().size();
            var statistics = FileStatistics.ofFooter(footer.metaData(), schema, PredicateFolding.columns(residual));
            if (!FileStatistics.mayMatch(residual, rowGroups, statistics)) return null;
        }
        List<String> read = new ArrayList<>();
        List<Source> sources = new ArrayList<>(columns.size());
        for (String name : columns) {
            if (file.partitionValues().containsKey(name)) {
                sources.add(new Source(-1, file.partitionValues().get(name)));
            } else if (schema.column(name).isPresent()) {
                sources.add(new Source(read.size(), null));
                read.add(name);
            } else if (schema.columns().stream().anyMatch(c -> c.dottedPath().startsWith(name + "."))) {
                throw new IllegalArgumentException("'" + name + "' is a group in " + file.identity().name()
                        + ": a dataset scan names leaf columns (" + schema.columns().stream()
                        .map(ColumnDescriptor::dottedPath).filter(p -> p.startsWith(name + ".")).toList() + ")");
            } else {
                sources.add(new Source(-1, null));
            }
        }
        ReadOptions readOptions = options.readOptions().withColumns(read).withFilter(residual)
                .withFooterCache(dataset.footerCache()).withLenientAnnotations(dataset.lenientAnnotations());
        if (dataset.decryption() != null) readOptions = readOptions.withDecryption(dataset.decryption());
        ScanOptions fileOptions = options.withReadOptions(readOptions)
                .withMemoryBudget(Math.max(1, options.memoryBudgetBytes() / dataset.filesInFlight()))
                .withMetricsListener(scan -> {
                    counters.read(scan.read());
                    options.metricsListener().accept(scan);
                });
        return new Plan(file, fileOptions, sources);
    }

    private DatasetBatch batch(Plan plan, List<String> columns, ParquetBatch batch) {
        List<DatasetBatch.Column> out = new ArrayList<>(columns.size());
        for (Source source : plan.columns()) {
            out.add(source.index() >= 0 ? new DatasetBatch.Column.Vector(batch.batch().columns().get(source.index()))
                    : new DatasetBatch.Column.Constant(source.constant()));
        }
        DatasetBatch made = new DatasetBatch(plan.file(), columns, out, batch);
        if (inFlight.add(made)) return made;
        made.close();
        return null;
    }

    /**
     * Every column the scan reads or tests must have one type across files, and no column may be named like a
     * partition key; the error names the first file (in path order) that had the column and this one.
     */
    private void checkTypes(DatasetFile file, MessageSchema schema, List<String> columns) {
        String name = file.identity().name();
        LinkedHashSet<String> used = new LinkedHashSet<>(columns);
        used.addAll(PredicateFolding.columns(predicate));
        for (String path : used) {
            ColumnDescriptor column = schema.column(path).orElse(null);
            if (column == null) continue;
            if (file.partitionValues().containsKey(path)) throw new SchemaConflictException(path, name);
            TypedIn seen = typesSeen.putIfAbsent(path, new TypedIn(name, column));
            if (seen != null && !ColumnTypes.compatible(seen.type(), column)) {
                // files are opened concurrently: name them in path order whichever was opened first
                boolean seenFirst = seen.file().compareTo(name) <= 0;
                throw seenFirst ? new SchemaConflictException(path, seen.file(), seen.type(), name, column)
                        : new SchemaConflictException(path, name, column, seen.file(), seen.type());
            }
        }
    }
}
