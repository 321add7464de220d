package io.pqflux.reader;

import io.pqflux.error.ParquetException;
import io.pqflux.error.SourceLocation;
import io.pqflux.internal.filter.BoundPredicate;
import io.pqflux.internal.filter.PredicateBinder;
import io.pqflux.filter.RowRanges;
import io.pqflux.format.meta.Footer;
import io.pqflux.internal.format.FooterReader;
import io.pqflux.internal.format.PageIndexReader;
import io.pqflux.format.meta.ColumnChunk;
import io.pqflux.format.meta.FileMetaData;
import io.pqflux.format.meta.RowGroup;
import io.pqflux.internal.crypto.ColumnDecryptor;
import io.pqflux.internal.crypto.FileDecryptor;
import io.pqflux.io.InputFile;
import io.pqflux.io.MappedInputFile;
import io.pqflux.nested.NestedSchema;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.schema.MessageSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Entry point for reading a Parquet file: footer and schema on open, then row groups on demand,
 * decoded into off-heap column vectors. Row groups may be read from several threads at once; the reader owns
 * the file, and {@link #close()} waits for the reads in flight before it unmaps it (native decompressors read
 * the mapping by address, so closing under them would not fail cleanly). A batch, once returned, holds only
 * its own memory and outlives the reader.
 */
public final class ParquetReader implements AutoCloseable {

    private final InputFile file;
    private final Footer footer;
    private final MessageSchema schema;
    private final List<ColumnDescriptor> projection;
    private final NestedSchema nestedSchema;
    /** The file's decryption, or null for a plaintext file. */
    private final FileDecryptor decryptor;
    private final DecompressorPool decompressors = new DecompressorPool();
    /** Reads hold it shared, {@link #close()} exclusively. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;
    private final RowGroupScanner scanner;

    private ParquetReader(InputFile file, ReadOptions options) {
        this.file = file;
        SourceLocation where = SourceLocation.ofFile(file.name());
        try {
            FooterCache cache = options.footerCache();
            ParsedFooter parsed = cache == null || options.decryption() != null
                    ? ParsedFooter.of(FooterReader.open(file, options.footerSuffix(), options.decryption()),
                            options.lenientAnnotations())
                    : cache.parsed(file, options.footerSuffix(), options.lenientAnnotations());
            this.footer = parsed.footer();
            this.schema = parsed.schema();
            this.decryptor = parsed.decryptor();
        } catch (ParquetException e) {
            throw e.locatedIn(where);
        }
        ColumnSelection selection = ColumnSelection.of(schema, options.columns());
        this.projection = Projection.select(schema, selection.columnPaths());
        this.nestedSchema = NestedSchema.of(schema, projection, selection.emptyGroups());
        BoundPredicate filter = options.filter() == null ? null : PredicateBinder.bind(options.filter(), schema);
        BoundPredicate pruning = options.pruning() == null ? null : PredicateBinder.bindForPruning(options.pruning(), schema);
        this.scanner = new RowGroupScanner(file, footer.metaData(), projection, nestedSchema, filter, pruning, options,
                decompressors, decryptor);
    }

    public static ParquetReader open(Path path) {
        return open(path, ReadOptions.defaults());
    }

    public static ParquetReader open(Path path, ReadOptions options) {
        return open(MappedInputFile.open(path), options);
    }

    /** Takes ownership of {@code file}: it is closed with the reader, or at once if opening fails. */
    public static ParquetReader open(InputFile file, ReadOptions options) {
        try {
            return new ParquetReader(file, options);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    public String fileName() {
        return file.name();
    }

    public FileMetaData metaData() {
        return footer.metaData();
    }

    public Footer footer() {
        return footer;
    }

    public MessageSchema schema() {
        return schema;
    }

    /** The leaf columns every batch holds, in the order {@link ReadOptions#withColumns} asked for them. */
    public List<ColumnDescriptor> projectedColumns() {
        return projection;
    }

    /** The projected fields with LIST and MAP groups interpreted: what rows and batches hold. */
    public NestedSchema nestedSchema() {
        return nestedSchema;
    }

    public int rowGroupCount() {
        return footer.metaData().rowGroups().size();
    }

    /**
     * Decodes the projected columns of one row group: every row, or with a filter (or first row) in the options
     * only the rows that may match, with the matching ones selected. The caller closes the batch.
     */
    public RowGroupBatch readRowGroup(int index) {
        return whileOpen(() -> scanner.read(this, index, scanner.requestedRows(index)));
    }

    /** Rows of every row group in order, nested fields as list, map and struct views. */
    public RowCursor rows() {
        return new RowCursor(this);
    }

    /**
     * Decodes {@code rows} of one row group (and with a filter, those of them that may match): with an offset
     * index only the pages holding those rows are read, so this seeks to a row without decoding earlier pages.
     */
    public RowGroupBatch readRowGroup(int index, RowRanges rows) {
        return whileOpen(() -> scanner.read(this, index, rows.intersect(scanner.requestedRows(index))));
    }

    /**
     * Plans the read of {@code rows} of one row group (with a filter, those of them that may match), to be run in
     * stages: its byte ranges fetched by the caller if it likes, its columns decoded on any threads, then the batch
     * ({@link RowGroupRead}). Pruning happens here, reading statistics, dictionaries, bloom filters and page indexes
     * from the file as needed: call it where the file may block. The caller closes the read, before this reader.
     */
    public RowGroupRead plan(int index, RowRanges rows) {
        return whileOpen(() -> scanner.plan(this, true, index, rows.intersect(scanner.requestedRows(index))).sliceWhole());
    }

    /**
     * Plans the read of {@code rows} of one row group as {@link #plan} does, to be read in slices of it ({@link
     * RowGroupPlan#slice}) from one fetch of its bytes: how a scan reads a large row group in batches. Call it where
     * the file may block. The caller closes the plan and its slices, before this reader.
     */
    public RowGroupPlan planRowGroup(int index, RowRanges rows) {
        return whileOpen(() -> scanner.plan(this, true, index, rows.intersect(scanner.requestedRows(index))));
    }

    /** Runs {@code read} unless the reader is closed; {@link #close()} waits for it. */
    <T> T whileOpen(Supplier<T> read) {
        lifecycle.readLock().lock();
        try {
            if (closed) throw new IllegalStateException("the reader of " + file.name() + " is closed");
            return read.get();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * The page index of one column chunk (any column of the schema, projected or not): its column index (per-page
     * bounds and null counts) and offset index (where each page starts and its first row), each null when the writer
     * wrote none. Reads them from the file: call it where the file may block. Consumers plan reads with it, as the
     * OTAP join does to know how far a child table's rows can still refer to a parent.
     */
    public PageIndex pageIndex(int rowGroup, ColumnDescriptor column) {
        return whileOpen(() -> {
            RowGroup group = footer.metaData().rowGroups().get(rowGroup);
            ColumnChunk chunk = group.columns().get(column.index());
            ColumnDecryptor chunkDecryptor = chunk.cryptoMetadata() == null || decryptor == null ? null
                    : decryptor.column(group, rowGroup, column.index(), column.dottedPath());
            SourceLocation where = new SourceLocation(file.name(), rowGroup, column.dottedPath(), -1);
            return new PageIndex(PageIndexReader.columnIndex(file, chunk, chunkDecryptor, where),
                    PageIndexReader.offsetIndex(file, chunk, chunkDecryptor, where));
        });
    }

    /** What the reads so far skipped and read. */
    public ReadMetrics metrics() {
        return scanner.metrics();
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) return;
            closed = true;
            decompressors.close();
            file.close();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }
}
