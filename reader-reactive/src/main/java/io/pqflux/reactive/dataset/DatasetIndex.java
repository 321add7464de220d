package io.pqflux.reactive.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pqflux.column.ColumnVector;
import io.pqflux.column.DictionaryForm;
import io.pqflux.error.CorruptFileException;
import io.pqflux.error.SourceLocation;
import io.pqflux.filter.Predicate;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.filter.SplitBlockBloomFilter;
import io.pqflux.filter.FileStatistics.ColumnStatistics;
import io.pqflux.filter.FileStatistics;
import io.pqflux.filter.Match;
import io.pqflux.io.BorrowedInputFile;
import io.pqflux.io.FileIdentity;
import io.pqflux.io.InputFile;
import io.pqflux.reactive.internal.dataset.IndexDocument.IndexedColumn;
import io.pqflux.reactive.internal.dataset.IndexDocument.IndexedFile;
import io.pqflux.reactive.internal.dataset.IndexDocument;
import io.pqflux.reactive.internal.dataset.PredicateFolding;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.storage.BlockingCall;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A persisted summary of a dataset's files (the sidecar {@code pqflux index} writes, {@value #FILE_NAME} by
 * convention): per file its identity (path, length, version) and, for chosen columns, the chunk statistics of every
 * row group and optionally a bloom filter of every value, so a scan can skip files whose footers it never read. An
 * entry whose file changed since (other length or version) is ignored. Immutable; JSON (see docs/datasets.md).
 */
public final class DatasetIndex {

    /** The sidecar's conventional name, in the dataset root; hidden from listings by its leading underscore. */
    public static final String FILE_NAME = "_pqflux_index.json";

    /** Bloom filters get this many bits per value (about 1% false positives), at most {@link #MAX_BLOOM_BYTES}. */
    private static final int BLOOM_BITS_PER_VALUE = 10;
    private static final int MAX_BLOOM_BYTES = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final IndexDocument document;
    private final Map<String, Entry> byPath = new LinkedHashMap<>();

    /** A file's entry as a scan uses it: its identity, and its indexed columns as the reader's statistics. */
    private record Entry(IndexedFile file, Map<String, ColumnStatistics> statistics) {
    }

    /**
     * Converts every entry up front, so that a sidecar holding something no writer of it writes (a missing field, an
     * unknown type, order or logical type, statistics for another number of row groups) is refused when read, naming
     * the entry, rather than failing the scans that consult it.
     */
    private DatasetIndex(IndexDocument document) {
        this.document = document;
        if (document.columns() == null || document.files() == null) throw malformed("no columns or files", null);
        for (int i = 0; i < document.files().size(); i++) {
            IndexedFile file = document.files().get(i);
            try {
                Map<String, ColumnStatistics> statistics = new LinkedHashMap<>();
                file.columns().forEach((path, column) -> statistics.put(path, IndexDocument.statistics(path, column)));
                Objects.requireNonNull(file.path(), "path");
                Objects.requireNonNull(file.absent(), "absent");
                for (ColumnStatistics column : statistics.values()) {
                    // FileStatistics.mayMatch checks this too, but only when a scan asks
                    if (column.rowGroups().size() != file.rowGroups()) {
                        throw new IllegalArgumentException(column.rowGroups().size() + " statistics for "
                                + file.rowGroups() + " row groups");
                    }
                }
                byPath.put(file.path(), new Entry(file, statistics));
            } catch (RuntimeException e) {
                // IndexDocument's conversions refuse what they cannot read with IllegalArgumentException, and Jackson
                // leaves a field the JSON lacks null
                throw malformed("files[" + i + "] (" + (file == null ? null : file.path()) + "): " + e.getMessage(), e);
            }
        }
    }

    private static CorruptFileException malformed(String what, Throwable cause) {
        return new CorruptFileException("not a usable " + IndexDocument.FORMAT + " version " + IndexDocument.VERSION
                + " document: " + what, SourceLocation.ofFile(FILE_NAME), cause);
    }

    /**
     * Indexes every file of {@code dataset}: reads each footer (through the dataset's footer cache) and, with {@code
     * bloomFilters}, every value of the columns to build a filter per file. Blocking reads run on the bounded-elastic
     * scheduler, {@link Dataset#withFilesInFlight} files at a time.
     */
    public static Mono<DatasetIndex> build(Dataset dataset, List<String> columns, boolean bloomFilters) {
        List<String> indexed = List.copyOf(columns);
        Scheduler io = Schedulers.boundedElastic();
        return dataset.files(io)
                .flatMapMany(Flux::fromIterable)
                .flatMapSequential(file -> BlockingCall.on(io, () -> index(dataset, file, indexed, bloomFilters)),
                        dataset.filesInFlight(), 1)
                .collectList()
                .map(files -> new DatasetIndex(new IndexDocument(IndexDocument.FORMAT, IndexDocument.VERSION, indexed,
                        files)));
    }

    private static IndexedFile index(Dataset dataset, DatasetFile file, List<String> columns, boolean bloomFilters) {
        InputFile input = dataset.store().openInputFile(file.path(), 0);
        ReadOptions read = ReadOptions.defaults().withFooterCache(dataset.footerCache())
                .withDictionaryForm(DictionaryForm.MATERIALIZED);
        try (ParquetReader reader = ParquetReader.open(input, read.withColumns(List.of()))) {
            Map<String, ColumnStatistics> statistics = FileStatistics.ofFooter(reader.metaData(), reader.schema(), columns);
            Map<String, SplitBlockBloomFilter> blooms = bloomFilters ? bloomFilters(input, statistics, read)
                    : Map.of();
            Map<String, IndexedColumn> indexed = new LinkedHashMap<>();
            List<String> absent = new ArrayList<>();
            for (String column : columns) {
                if (reader.schema().column(column).isEmpty()) absent.add(column);
                ColumnStatistics s = statistics.get(column);
                IndexedColumn entry = s == null ? null : IndexDocument.column(s, blooms.get(column));
                if (entry != null) indexed.put(column, entry);
            }
            return new IndexedFile(file.path(), file.identity().length(), file.identity().version(),
                    reader.rowGroupCount(), absent, indexed);
        }
    }

    /** Reads every value of the columns (each file once more, through a second reader) into one filter per column. */
    private static Map<String, SplitBlockBloomFilter> bloomFilters(InputFile input,
            Map<String, ColumnStatistics> statistics, ReadOptions read) {
        List<String> columns = statistics.keySet().stream()
                .filter(c -> statistics.get(c).column().physicalType() != PhysicalType.BOOLEAN)
                .toList();
        if (columns.isEmpty()) return Map.of();
        Map<String, SplitBlockBloomFilter> filters = new LinkedHashMap<>();
        for (String column : columns) {
            long values = statistics.get(column).valueCounts().stream().mapToLong(Long::longValue).sum();
            long bytes = Math.clamp((values * BLOOM_BITS_PER_VALUE + 7) / 8, SplitBlockBloomFilter.BLOCK_BYTES, MAX_BLOOM_BYTES);
            filters.put(column, SplitBlockBloomFilter.empty((int) (bytes / SplitBlockBloomFilter.BLOCK_BYTES)));
        }
        try (ParquetReader reader = ParquetReader.open(new BorrowedInputFile(input), read.withColumns(columns))) {
            for (int g = 0; g < reader.rowGroupCount(); g++) {
                try (RowGroupBatch batch = reader.readRowGroup(g)) {
                    for (int c = 0; c < columns.size(); c++) {
                        ColumnVector vector = batch.columns().get(c);
                        SplitBlockBloomFilter filter = filters.get(columns.get(c));
                        for (int v = 0; v < vector.valueCount(); v++) {
                            filter.insert(SplitBlockBloomFilter.hash(vector.getBytes(v)));
                        }
                    }
                }
            }
        }
        return filters;
    }

    /**
     * Reads a sidecar {@link #write} wrote.
     *
     * @throws CorruptFileException when the bytes are not such a sidecar: not JSON, another format or version, or an
     *                              entry that does not convert (the message names it)
     * @throws UncheckedIOException when reading {@code in} fails
     */
    public static DatasetIndex read(InputStream in) {
        IndexDocument document;
        try {
            document = JSON.readValue(in, IndexDocument.class);
        } catch (JsonProcessingException e) {
            throw malformed(e.getOriginalMessage(), e);
        } catch (CharConversionException e) {
            // Jackson's decoder of the detected encoding (UTF-16, UTF-32) met bytes that encode no character
            throw malformed(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dataset index: " + e.getMessage(), e);
        }
        if (document == null || !IndexDocument.FORMAT.equals(document.format()) || document.version() != IndexDocument.VERSION) {
            throw malformed(document == null ? "null" : "format " + document.format() + ", version " + document.version(), null);
        }
        return new DatasetIndex(document);
    }

    public static DatasetIndex read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dataset index " + file + ": " + e.getMessage(), e);
        }
    }

    public void write(OutputStream out) {
        try {
            JSON.writeValue(out, document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dataset index: " + e.getMessage(), e);
        }
    }

    public void write(Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dataset index " + file + ": " + e.getMessage(), e);
        }
    }

    /** The indexed columns. */
    public List<String> columns() {
        return document.columns();
    }

    /** The files indexed, by path below the dataset root. */
    public List<String> files() {
        return List.copyOf(byPath.keySet());
    }

    /**
     * False when the index entry of {@code file} (still describing it: same length and version) proves no row can
     * match: by its partition values, the indexed columns it lacks, their statistics or their bloom filters.
     */
    boolean mayMatch(DatasetFile file, Predicate predicate) {
        Entry indexed = byPath.get(file.path());
        if (indexed == null) return true;
        IndexedFile entry = indexed.file();
        if (entry.length() != file.identity().length() || !Objects.equals(entry.version(), file.identity().version())) {
            return true;
        }
        Function<Predicate, Match> known = leaf -> {
            String column = FileStatistics.column(leaf);
            if (file.partitionValues().containsKey(column)) {
                return PredicateFolding.onConstant(leaf, file.partitionValues().get(column));
            }
            return entry.absent().contains(column) ? PredicateFolding.onMissingColumn(leaf) : Match.SOME;
        };
        return switch (PredicateFolding.fold(predicate, known)) {
            case PredicateFolding.Folded.Constant c -> c.value();
            case PredicateFolding.Folded.Residual r -> {
                try {
                    yield FileStatistics.mayMatch(r.predicate(), entry.rowGroups(), indexed.statistics());
                } catch (IllegalArgumentException e) {
                    // a literal that does not fit the type the index records: the index cannot judge the file, whose own
                    // footer (the type it really has) will
                    yield true;
                }
            }
        };
    }
}
