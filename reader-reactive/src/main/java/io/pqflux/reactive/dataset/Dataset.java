package io.pqflux.reactive.dataset;

import io.pqflux.crypto.DecryptionProperties;
import io.pqflux.error.ParquetException;
import io.pqflux.error.SourceLocation;
import io.pqflux.filter.Predicate;
import io.pqflux.format.meta.Footer;
import io.pqflux.io.FileIdentity;
import io.pqflux.io.InputFile;
import io.pqflux.reactive.ScanOptions;
import io.pqflux.reactive.internal.dataset.ColumnTypes;
import io.pqflux.reactive.internal.dataset.DataFileNames;
import io.pqflux.reactive.internal.dataset.HivePartitions;
import io.pqflux.reader.FooterCache;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.schema.MessageSchema;
import io.pqflux.schema.SchemaBuilder;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.ObjectStores;
import io.pqflux.storage.StoredObject;
import io.pqflux.storage.BlockingCall;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A directory (or object-storage prefix) of Parquet files read as one table: files found recursively, {@code
 * key=value} folders turned into partition columns, columns matched across files by path (a column a file lacks
 * reads as nulls; the same path with different types is a {@link SchemaConflictException}), footers kept in a shared
 * {@link FooterCache}, and a predicate pushed down through partitions, a {@link DatasetIndex}, footer statistics, row
 * groups and pages. Immutable; each {@code with…} returns a copy. See {@code docs/datasets.md}.
 *
 * <pre>{@code
 * Dataset events = Dataset.local(Path.of("events"));
 * events.batches(ScanOptions.defaults().withReadOptions(ReadOptions.defaults()
 *         .withColumns(List.of("year", "user", "amount"))
 *         .withFilter(Predicate.and(Predicate.eq("year", 2024), Predicate.gt("amount", 10.0)))))
 *     .concatMap(batch -> { try (batch) { return Mono.just(sum(batch)); } })
 * }</pre>
 */
public final class Dataset {

    /** Footers of this many serialized bytes are cached by default (a few hundred MiB on the heap at most). */
    public static final long DEFAULT_FOOTER_CACHE_BYTES = 64L << 20;

    private final ObjectStore store;
    private final FooterCache footerCache;
    private final DatasetIndex index;
    private final int filesInFlight;
    private final Consumer<DatasetMetrics> metricsListener;
    private final boolean everyFile;
    private final DecryptionProperties decryption;
    private final boolean lenientAnnotations;

    private Dataset(ObjectStore store, FooterCache footerCache, DatasetIndex index, int filesInFlight,
                    Consumer<DatasetMetrics> metricsListener, boolean everyFile, DecryptionProperties decryption,
                    boolean lenientAnnotations) {
        this.store = store;
        this.footerCache = footerCache;
        this.index = index;
        this.filesInFlight = filesInFlight;
        this.metricsListener = metricsListener;
        this.everyFile = everyFile;
        this.decryption = decryption;
        this.lenientAnnotations = lenientAnnotations;
    }

    /**
     * The Parquet files below {@code store}'s root (any store: a local directory, an S3 or Azure prefix), listed with
     * {@link ObjectStore#list} and read through {@link ObjectStore#openInputFile}; the store stays the caller's to close.
     */
    public static Dataset of(ObjectStore store) {
        return new Dataset(Objects.requireNonNull(store, "store"), FooterCache.ofMaxBytes(DEFAULT_FOOTER_CACHE_BYTES), null,
                2, metrics -> { }, false, null, false);
    }

    /** The Parquet files below {@code directory}, memory-mapped. */
    public static Dataset local(Path directory) {
        return of(ObjectStores.local(Objects.requireNonNull(directory, "directory")));
    }

    /** Footers come from, and go to, {@code cache} (for example one shared by several datasets). */
    public Dataset withFooterCache(FooterCache cache) {
        return new Dataset(store, Objects.requireNonNull(cache, "cache"), index, filesInFlight, metricsListener, everyFile, decryption, lenientAnnotations);
    }

    /** Skips files by this index where its entries still describe them (same length and version); null: none. */
    public Dataset withIndex(DatasetIndex newIndex) {
        return new Dataset(store, footerCache, newIndex, filesInFlight, metricsListener, everyFile, decryption, lenientAnnotations);
    }

    /**
     * How many files are opened and scanned at once (2 by default); batches still come in file order, and each file
     * gets an equal share of the scan's memory budget.
     */
    public Dataset withFilesInFlight(int files) {
        if (files <= 0) throw new IllegalArgumentException("files in flight must be positive: " + files);
        return new Dataset(store, footerCache, index, files, metricsListener, everyFile, decryption, lenientAnnotations);
    }

    /** Told a scan's metrics once per subscription, when it completes, fails or is cancelled. */
    public Dataset withMetricsListener(Consumer<DatasetMetrics> listener) {
        return new Dataset(store, footerCache, index, filesInFlight, Objects.requireNonNull(listener, "listener"), everyFile, decryption, lenientAnnotations);
    }

    /**
     * Whether every file is data, not only names ending in {@code .parquet} (the default, for writers that name their
     * files otherwise). Hidden names, starting with '.' or '_' ({@code _SUCCESS}, {@code .crc} files, temporary
     * folders), are never read; {@link DatasetMetrics#filesIgnored()} counts what was left out by name.
     */
    public Dataset withEveryFile(boolean every) {
        return new Dataset(store, footerCache, index, filesInFlight, metricsListener, every, decryption, lenientAnnotations);
    }

    /**
     * Reads files written with Parquet modular encryption with these keys (null, the default: none): their footers,
     * read and decrypted for every scan without the footer cache, and their columns, whatever the scan's read options
     * say.
     */
    public Dataset withDecryption(DecryptionProperties properties) {
        return new Dataset(store, footerCache, index, filesInFlight, metricsListener, everyFile, properties, lenientAnnotations);
    }

    /**
     * Whether a column whose annotation cannot annotate its physical type is read as the physical type (the files'
     * schemas and the scans' reads alike, whatever the scan's read options say) instead of failing the dataset's schema
     * or scan with an {@link io.pqflux.error.InvalidAnnotationException}; see
     * {@link io.pqflux.reader.ReadOptions#withLenientAnnotations}. Off by default.
     */
    public Dataset withLenientAnnotations(boolean lenient) {
        return new Dataset(store, footerCache, index, filesInFlight, metricsListener, everyFile, decryption, lenient);
    }

    /** Whether annotations that do not fit their columns' types are dropped; see {@link #withLenientAnnotations}. */
    public boolean lenientAnnotations() {
        return lenientAnnotations;
    }

    /** The keys of encrypted files, or null. */
    public DecryptionProperties decryption() {
        return decryption;
    }

    /** The store's root, as a URI. */
    public String root() {
        return store.root();
    }

    public FooterCache footerCache() {
        return footerCache;
    }

    /** The data files, sorted by path, with their partition values; listed anew on each subscription. */
    public Flux<DatasetFile> files() {
        return files(Schedulers.boundedElastic()).flatMapIterable(files -> files);
    }

    /**
     * The merged schema: every file's footer is read (through the footer cache), so this costs one footer read per
     * file the first time.
     *
     * @throws SchemaConflictException (as the error) when two files type a column differently
     */
    public Mono<DatasetSchema> schema() {
        Scheduler io = Schedulers.boundedElastic();
        return files(io).flatMap(files -> schema(files, io));
    }

    /** The merged schema of {@code files}, as {@link #files()} listed them: without listing the dataset again. */
    public Mono<DatasetSchema> schema(List<DatasetFile> files) {
        return schema(List.copyOf(files), Schedulers.boundedElastic());
    }

    /**
     * Batches of every file in path order, of the columns {@code options}' read options name (dotted leaf paths and
     * partition keys, in that order; none: the {@linkplain #schema() merged schema}, which reads every footer), of
     * the rows its filter may match (a predicate over data and partition columns). Projection, filter, batch rows,
     * slices in flight, schedulers and the memory budget (shared by the files in flight) apply as in
     * {@link io.pqflux.reactive.ParquetFlux}; the subscriber closes every batch.
     */
    public Flux<DatasetBatch> batches(ScanOptions options) {
        return new DatasetScan(this, null, Objects.requireNonNull(options, "options")).batches();
    }

    /**
     * The data files a scan with {@code filter} would open, in path order: the listing less the files their
     * partition values or the {@linkplain #withIndex index} rule out (null filter: every file). With
     * {@link #batches(DatasetFile, ScanOptions)}, a scan split across machines: one plans, each reads its files.
     */
    public Flux<DatasetFile> files(Predicate filter) {
        return files().filter(file -> DatasetScan.mayMatchPartition(file, filter) && DatasetScan.mayMatchIndex(this, file, filter));
    }

    /**
     * One file's batches as {@link #batches(ScanOptions)} gives them for that file, without listing the dataset:
     * partition columns as constants, columns the file lacks as nulls, the filter folded for the file, and the read
     * options' {@linkplain io.pqflux.reader.ReadOptions#withRows row range} of the file. {@code options} must name
     * the columns (a merged schema needs every file). Its metrics listener hears the file's read metrics.
     */
    public Flux<DatasetBatch> batches(DatasetFile file, ScanOptions options) {
        Objects.requireNonNull(file, "file");
        if (Objects.requireNonNull(options, "options").readOptions().columns() == null) {
            throw new IllegalArgumentException("a scan of one file of a dataset names its columns");
        }
        return new DatasetScan(this, List.of(file), options).batches();
    }

    ObjectStore store() {
        return store;
    }

    DatasetIndex index() {
        return index;
    }

    int filesInFlight() {
        return filesInFlight;
    }

    Consumer<DatasetMetrics> metricsListener() {
        return metricsListener;
    }

    /** The data files (sorted by path, partition values typed over the whole listing). */
    Mono<List<DatasetFile>> files(Scheduler io) {
        return listing(io).map(Listing::files);
    }

    /** The data files, and how many listed files their names left out. */
    record Listing(List<DatasetFile> files, long ignored) {
    }

    Mono<Listing> listing(Scheduler io) {
        // below hidden folders (names starting with '.' or '_') writers keep temporary output: not listed as files
        return store.list("").filter(object -> !DataFileNames.inHiddenFolder(object.path())).collectList().map(listed -> {
            List<StoredObject> sorted = new ArrayList<>(listed.size());
            for (StoredObject file : listed) {
                if (DataFileNames.isData(file.path(), everyFile)) sorted.add(file);
            }
            sorted.sort(Comparator.comparing(StoredObject::path));
            List<Map<String, String>> raw = sorted.stream().map(f -> HivePartitions.parse(f.path())).toList();
            Map<String, Boolean> integerKeys = HivePartitions.integerKeys(raw);
            List<DatasetFile> files = new ArrayList<>(sorted.size());
            for (int i = 0; i < sorted.size(); i++) {
                StoredObject file = sorted.get(i);
                FileIdentity identity = new FileIdentity(store.describe(file.path()), file.size(), file.version());
                files.add(new DatasetFile(file.path(), identity, HivePartitions.typed(raw.get(i), integerKeys)));
            }
            return new Listing(files, listed.size() - files.size());
        });
    }

    /**
     * Reads each file's schema (footer from the cache, or read and cached), files in flight at a time. When several
     * files fail, the error is the first one's in path order, whichever failed first in time.
     */
    Mono<DatasetSchema> schema(List<DatasetFile> files, Scheduler io) {
        // each read's outcome as a signal, in path order, so an error of a later file that failed first waits its turn
        return Flux.fromIterable(files)
                .flatMapSequential(file -> BlockingCall.on(io, () -> fileSchema(file)).materialize(), filesInFlight, 1)
                .<MessageSchema>dematerialize()
                .collectList()
                .map(schemas -> merge(files, schemas));
    }

    private MessageSchema fileSchema(DatasetFile file) {
        Footer footer = cachedFooter(file);
        if (footer == null) {
            try (InputFile input = store.openInputFile(file.path(), 0)) {
                footer = readFooter(input);
            }
        }
        return schemaOf(file, footer);
    }

    /** The file's footer from the cache; null when it is not there, or the dataset decrypts (its footers are not cached). */
    Footer cachedFooter(DatasetFile file) {
        return decryption == null ? footerCache.cached(file.identity()) : null;
    }

    /** The file's footer, read (and decrypted, when the dataset has keys) and cached when it may be. */
    Footer readFooter(InputFile input) {
        return footerCache.footer(input, decryption);
    }

    MessageSchema schemaOf(DatasetFile file, Footer footer) {
        try {
            return SchemaBuilder.build(footer.metaData().schema(), lenientAnnotations);
        } catch (ParquetException e) {
            throw e.locatedIn(SourceLocation.ofFile(file.identity().name()));
        }
    }

    private static DatasetSchema merge(List<DatasetFile> files, List<MessageSchema> schemas) {
        Map<String, DatasetColumn> columns = new LinkedHashMap<>();
        Map<String, String> firstFile = new LinkedHashMap<>();
        Map<String, Object> partitions = files.isEmpty() ? Map.of() : files.getFirst().partitionValues();
        for (int i = 0; i < files.size(); i++) {
            String name = files.get(i).identity().name();
            for (ColumnDescriptor column : schemas.get(i).columns()) {
                String path = column.dottedPath();
                if (partitions.containsKey(path)) throw new SchemaConflictException(path, name);
                DatasetColumn seen = columns.get(path);
                if (seen == null) {
                    columns.put(path, new DatasetColumn(path, column, false));
                    firstFile.put(path, name);
                } else if (!ColumnTypes.compatible(seen.type(), column)) {
                    throw new SchemaConflictException(path, firstFile.get(path), seen.type(), name, column);
                }
            }
        }
        List<DatasetColumn> all = new ArrayList<>(columns.values());
        for (String key : partitions.keySet()) {
            boolean integer = files.stream().map(f -> f.partitionValues().get(key)).allMatch(v -> v == null || v instanceof Long);
            all.add(new DatasetColumn(key, ColumnTypes.partition(key, integer), true));
        }
        return new DatasetSchema(all);
    }
}
