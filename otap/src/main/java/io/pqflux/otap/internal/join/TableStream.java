package io.pqflux.otap.internal.join;

import io.pqflux.filter.RowRanges;
import io.pqflux.format.meta.BinaryValue;
import io.pqflux.format.meta.ColumnIndex;
import io.pqflux.format.meta.OffsetIndex;
import io.pqflux.format.meta.RowGroup;
import io.pqflux.format.meta.Statistics;
import io.pqflux.io.InputFile;
import io.pqflux.otap.OtapTable;
import io.pqflux.otap.PartFile;
import io.pqflux.otap.internal.rows.TableChunk;
import io.pqflux.otap.internal.rows.TableSchemas;
import io.pqflux.reactive.ScanMetrics;
import io.pqflux.reader.FooterCache;
import io.pqflux.reader.PageIndex;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.schema.MessageSchema;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.RemoteObject;
import io.pqflux.storage.RequestMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One table of one partition read in order (its files by creation, their row groups, slices of about {@link
 * #SLICE_ROWS} rows cut at the key column's page boundaries), knowing at every point the smallest key ({@code id} or
 * {@code parent_id}) the rows not yet read can hold. That bound comes from the page index (column index minima per
 * page), the row groups' statistics and the next file's footer — later files hold later batches, whose ids are all
 * larger — and tells a join when no more rows can refer to the parents it holds. Without statistics the bound is
 * unknown ({@link Long#MIN_VALUE}) and the join reads on, which costs memory, not correctness.
 *
 * <p>A stream may leave the slices whose keys all lie below a floor unread ({@link #skipBelow}), and read some slices
 * with fewer columns ({@link Projection}): the rows of batches a time range does not need whole.
 *
 * <p>At most two files are open at once (the current one and the next, for its footer). Slices are decoded one at a
 * time and released as soon as their rows are turned into heap objects.
 */
final class TableStream implements AutoCloseable {

    static final int SLICE_ROWS = 8192;
    private static final long FOOTER_CACHE_BYTES = 4L << 20;
    static final long UNKNOWN = Long.MIN_VALUE;
    static final long END = Long.MAX_VALUE;

    private final ObjectStore store;
    private final OtapTable table;
    private final List<PartFile> files;
    private final String keyColumn;
    /** Per file, the columns to decode. */
    private final Function<PartFile, Projection> projection;
    /**
     * The smallest key still wanted: slices whose keys all lie below it are not read, and rows below it are the
     * caller's to drop ({@link #keyFloor()}). {@link #UNKNOWN} wants every row.
     */
    private long keyFloor = UNKNOWN;
    /** Told each file's scan metrics when it is closed. */
    private final Consumer<ScanMetrics> metrics;
    /** The footers of the files open (the current one and the next), parsed once for the schema check and the reader. */
    private final FooterCache footers = FooterCache.ofMaxBytes(FOOTER_CACHE_BYTES);

    /** The index of the last file opened (the current one, the next one, or one passed over below the floor). */
    private int opened = -1;
    private OpenFile current;
    private OpenFile next;
    private int rowGroup;
    private int slice;

    /**
     * @param files      one table's files in one partition, in creation order by name
     * @param keyColumn  the column whose minima bound the unread rows ({@code id} or {@code parent_id})
     * @param projection per file, the columns to decode (those a file lacks are left out)
     * @param metrics    told each file's scan metrics when it is closed
     */
    TableStream(ObjectStore store, OtapTable table, List<PartFile> files, String keyColumn,
                Function<PartFile, Projection> projection, Consumer<ScanMetrics> metrics) {
        this.store = store;
        this.metrics = metrics;
        this.table = table;
        this.keyColumn = keyColumn;
        this.projection = projection;
        this.files = breakTies(files);
    }

    /**
     * Files created in the same millisecond (the name's only clock) are put in order of their smallest key: successive
     * files of a table hold successive batches, whose ids increase.
     */
    private List<PartFile> breakTies(List<PartFile> byName) {
        List<PartFile> ordered = new ArrayList<>(byName);
        for (int start = 0; start < ordered.size(); ) {
            int end = start + 1;
            while (end < ordered.size() && ordered.get(end).createdMillis() == ordered.get(start).createdMillis()) end++;
            if (end - start > 1) {
                List<PartFile> tied = ordered.subList(start, end);
                java.util.Map<PartFile, Long> minima = new java.util.HashMap<>();
                for (PartFile file : tied) {
                    try (OpenFile open = open(file)) {
                        minima.put(file, open.minimum);
                    }
                }
                tied.sort(java.util.Comparator.comparing(minima::get));
            }
            start = end;
        }
        return List.copyOf(ordered);
    }

    /**
     * The columns a file's slices are decoded with: {@code columns} (null: every column), or {@code narrow} (null: never)
     * for the slices that end at or before row {@code narrowUntil} and for those a read asks for narrow ({@link
     * #readNext(Consumer, long)}).
     */
    record Projection(List<String> narrow, long narrowUntil, List<String> columns) {
        /** Every slice with {@code columns}. */
        static Projection of(List<String> columns) {
            return new Projection(null, 0, columns);
        }
    }

    /** A decoded slice; the consumer closes it right after turning its rows into objects. */
    record Slice(PartFile file, TableChunk chunk, RowGroupBatch batch) implements AutoCloseable {
        @Override
        public void close() {
            batch.close();
        }
    }

    /**
     * Leaves unread the slices whose keys all lie below {@code floor} (by the page index or row-group statistics). Rows
     * below it in the slices read are the caller's to drop: no parent of theirs is wanted.
     */
    void skipBelow(long floor) {
        keyFloor = floor;
    }

    /** Leaves the first {@code count} files unread (not even opened); before any is read. */
    void skipFiles(int count) {
        if (current != null || next != null || opened >= 0) throw new IllegalStateException("files were read");
        opened = count - 1;
    }

    /** The smallest key wanted, or {@link #UNKNOWN} for every one. */
    long keyFloor() {
        return keyFloor;
    }

    /** The files in the order they are read (creation, ties broken by their smallest key). */
    List<PartFile> files() {
        return files;
    }

    /**
     * Decodes the next slice and hands it to {@code consumer}, closing it afterwards; false at the end of the table.
     */
    boolean readNext(Consumer<Slice> consumer) {
        return readNext(consumer, UNKNOWN);
    }

    /**
     * Decodes the next slice, with the projection's narrow columns when its keys all lie at or below {@code
     * narrowThrough} (by the page index or row-group statistics), and hands it to {@code consumer}, closing it
     * afterwards; false at the end of the table.
     */
    boolean readNext(Consumer<Slice> consumer, long narrowThrough) {
        while (true) {
            if (current == null) {
                if (!advanceFile()) return false;
            }
            if (rowGroup < current.slices.size()) {
                List<long[]> slices = current.slices.get(rowGroup);
                if (slice < slices.size() && skipped(current, rowGroup, slice)) {
                    slice++;
                    continue;
                }
                if (slice < slices.size()) {
                    long[] range = slices.get(slice++);
                    long maxKey = current.sliceMaxima.get(rowGroup)[slice - 1];
                    boolean narrow = current.rowGroupStart[rowGroup] + range[1] <= current.narrowUntil
                            || (maxKey != END && maxKey <= narrowThrough);
                    RowGroupBatch batch = current.reader(narrow).readRowGroup(rowGroup, RowRanges.range(range[0], range[1]));
                    try (Slice s = new Slice(current.file, new TableChunk(store.describe(current.file.path()), batch,
                            current.rowGroupStart[rowGroup] + range[0]), batch)) {
                        consumer.accept(s);
                    }
                    return true;
                }
                rowGroup++;
                slice = 0;
                continue;
            }
            current.close();
            current = null;
        }
    }

    /** The smallest key the rows not read yet can hold: {@link #END} when none are left, {@link #UNKNOWN} without statistics. */
    long unreadMinimum() {
        if (current == null && peekFile() == null) return END;
        long min = current == null ? END : minimum(current, rowGroup, slice);
        if (min == UNKNOWN) return UNKNOWN;
        OpenFile following = peekFile();
        if (following != null) min = Math.min(min, minimum(following, 0, 0));
        return min;
    }

    /** The smallest key of {@code file}'s slices from slice {@code slice} of row group {@code group} on, skipped ones left out. */
    private long minimum(OpenFile file, int group, int slice) {
        long min = END;
        for (int g = group; g < file.slices.size(); g++) {
            for (int s = g == group ? slice : 0; s < file.slices.get(g).size(); s++) {
                if (!skipped(file, g, s)) min = Math.min(min, file.sliceMinima.get(g)[s]);
            }
        }
        return min;
    }

    /** An unsigned INT32 key's statistic (the exporter's UInt16 and UInt32 ids), or UNKNOWN when it is no INT32. */
    private static long unsigned(BinaryValue value) {
        if (value.length() != 4) return UNKNOWN;
        byte[] b = value.toByteArray();
        return Integer.toUnsignedLong((b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24);
    }

    /** Whether slice {@code s} of row group {@code g} of {@code file} holds only keys below the floor. */
    private boolean skipped(OpenFile file, int g, int s) {
        return keyFloor != UNKNOWN && file.sliceMaxima.get(g)[s] < keyFloor;
    }

    /**
     * The file after the current one, opened for its footer, or null past the last. Files whose keys all lie below the
     * floor are passed over (opened for their footers only).
     */
    private OpenFile peekFile() {
        while (next == null && opened + 1 < files.size()) {
            OpenFile file = open(files.get(++opened));
            if (allSkipped(file)) file.close();
            else next = file;
        }
        return next;
    }

    private boolean allSkipped(OpenFile file) {
        for (int g = 0; g < file.slices.size(); g++) {
            for (int s = 0; s < file.slices.get(g).size(); s++) {
                if (!skipped(file, g, s)) return false;
            }
        }
        return true;
    }

    private boolean advanceFile() {
        current = peekFile();
        next = null;
        rowGroup = 0;
        slice = 0;
        return current != null;
    }

    /** Opens a file for its plan and the reading of its slices. */
    private OpenFile open(PartFile file) {
        Projection columns = projection.apply(file);
        FileReader reader = openReader(file, columns.columns());
        try {
            return new OpenFile(file, reader, columns.narrow() != null ? () -> openReader(file, columns.narrow()) : null,
                    columns.narrowUntil(), keyColumn, keyFloor, metrics);
        } catch (RuntimeException e) {
            reader.reader().close();
            throw e;
        }
    }

    /** A reader with its input (for the object store's request metrics). */
    private record FileReader(InputFile input, ParquetReader reader) {
        /** What the reader read, with the requests for it. */
        ScanMetrics metrics() {
            RequestMetrics requests = input.feature(RemoteObject.class).map(RemoteObject::metrics).orElse(null);
            return requests == null ? new ScanMetrics(reader.metrics(), 0, 0, 0)
                    : new ScanMetrics(reader.metrics(), requests.requests(), requests.retries(), requests.bytesFetched());
        }
    }

    /**
     * A reader of {@code file}: its footer read once (a stream-wide cache hands the parsed footer to the reader), the
     * schema checked, then the columns of {@code wanted} it has (null: all).
     */
    private FileReader openReader(PartFile file, List<String> wanted) {
        InputFile input = store.openInputFile(file.path(), 0);
        try {
            MessageSchema schema = footers.schema(input);
            TableSchemas.check(table, schema, store.describe(file.path()));
            List<String> columns = wanted == null ? null
                    : wanted.stream().filter(p -> schema.column(p).isPresent()).toList();
            return new FileReader(input, ParquetReader.open(input, ReadOptions.defaults().withColumns(columns)
                    .withFooterCache(footers)));
        } catch (RuntimeException e) {
            input.close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (current != null) current.close();
        if (next != null) next.close();
        current = null;
        next = null;
        opened = files.size();
    }

    /** An open file with its slices planned and their key minima. */
    private static final class OpenFile implements AutoCloseable {
        final PartFile file;
        /** Plans the slices and reads them, but the narrow ones. */
        final ParquetReader reader;
        final FileReader main;
        /** Opens the reader of the narrow slices (fewer columns), or null when none is. */
        final Supplier<FileReader> narrowOpener;
        final long narrowUntil;
        FileReader narrowReader;
        final Consumer<ScanMetrics> metrics;
        final long[] rowGroupStart;
        /** Per row group, the slices' [start, end) rows. */
        final List<List<long[]>> slices = new ArrayList<>();
        /** Per row group, each slice's smallest key (END when all null, UNKNOWN without statistics). */
        final List<long[]> sliceMinima = new ArrayList<>();
        /** Per row group, each slice's largest key (END without statistics: it may hold any key). */
        final List<long[]> sliceMaxima = new ArrayList<>();
        final long minimum;

        /**
         * @param keyFloor the stream's smallest key wanted: a row group whose statistics put it all below is planned
         *                 as one slice, without reading its page index
         */
        OpenFile(PartFile file, FileReader main, Supplier<FileReader> narrowOpener, long narrowUntil,
                 String keyColumn, long keyFloor, Consumer<ScanMetrics> metrics) {
            this.file = file;
            this.main = main;
            this.reader = main.reader();
            this.narrowOpener = narrowOpener;
            this.narrowUntil = narrowUntil;
            this.metrics = metrics;
            List<RowGroup> groups = reader.metaData().rowGroups();
            // a key that is not INT32 has no usable minima (UNKNOWN); the chunk's decoder refuses it with a clear error
            ColumnDescriptor key = reader.schema().column(keyColumn).orElse(null);
            rowGroupStart = new long[groups.size()];
            long start = 0;
            long min = END;
            for (int g = 0; g < groups.size(); g++) {
                rowGroupStart[g] = start;
                long rows = groups.get(g).numRows();
                start += rows;
                plan(g, rows, key, keyFloor);
                for (long m : sliceMinima.get(g)) min = Math.min(min, m);
            }
            this.minimum = key == null ? END : min;
        }

        private void plan(int g, long rows, ColumnDescriptor key, long keyFloor) {
            List<long[]> ranges = new ArrayList<>();
            List<Long> minima = new ArrayList<>();
            List<Long> maxima = new ArrayList<>();
            long groupMax = key == null ? END : rowGroupBound(g, key, false);
            boolean belowFloor = keyFloor != UNKNOWN && groupMax != UNKNOWN && groupMax < keyFloor;
            PageIndex index = key == null || belowFloor ? null : reader.pageIndex(g, key);
            OffsetIndex offsets = index == null ? null : index.offsetIndex();
            ColumnIndex columns = index == null ? null : index.columnIndex();
            if (offsets != null && columns != null && columns.minValues().size() == offsets.pageLocations().size()) {
                int pages = offsets.pageLocations().size();
                long sliceStart = 0;
                long sliceMin = END;
                long sliceMax = -1;
                for (int p = 0; p < pages; p++) {
                    long pageEnd = p + 1 < pages ? offsets.pageLocations().get(p + 1).firstRowIndex() : rows;
                    if (!columns.nullPages().get(p)) {
                        sliceMin = Math.min(sliceMin, unsigned(columns.minValues().get(p)));
                        long max = unsigned(columns.maxValues().get(p));
                        sliceMax = Math.max(sliceMax, max == UNKNOWN ? END : max);
                    }
                    if (pageEnd - sliceStart >= SLICE_ROWS || p == pages - 1) {
                        ranges.add(new long[] {sliceStart, pageEnd});
                        minima.add(sliceMin);
                        // a slice of null keys only: rows without a parent, which the join reports, so it is read
                        maxima.add(sliceMax < 0 ? END : sliceMax);
                        sliceStart = pageEnd;
                        sliceMin = END;
                        sliceMax = -1;
                    }
                }
            } else {
                long groupMin = key == null ? END : rowGroupBound(g, key, true);
                for (long s = 0; s < rows; s += SLICE_ROWS) {
                    ranges.add(new long[] {s, Math.min(rows, s + SLICE_ROWS)});
                    // one bound for the whole row group: every slice may hold its minimum and its maximum
                    minima.add(groupMin);
                    maxima.add(groupMax == UNKNOWN ? END : groupMax);
                }
            }
            slices.add(ranges);
            sliceMinima.add(minima.stream().mapToLong(Long::longValue).toArray());
            sliceMaxima.add(maxima.stream().mapToLong(Long::longValue).toArray());
        }

        /**
         * The row group's smallest ({@code min}) or largest key by its statistics: END when all are null (for the
         * largest too: such a row group holds rows without a parent, which are read), UNKNOWN without statistics.
         */
        private long rowGroupBound(int g, ColumnDescriptor key, boolean min) {
            var chunk = reader.metaData().rowGroups().get(g).columns().get(key.index()).metaData();
            Statistics statistics = chunk == null ? null : chunk.statistics();
            if (statistics == null) return UNKNOWN;
            if (statistics.nullCount() != null && statistics.nullCount() == chunk.numValues()) return END;
            BinaryValue bound = min ? (statistics.minValue() != null ? statistics.minValue() : statistics.min())
                    : (statistics.maxValue() != null ? statistics.maxValue() : statistics.max());
            return bound == null ? UNKNOWN : unsigned(bound);
        }

        /** The reader of a slice, narrow or not. */
        ParquetReader reader(boolean narrow) {
            if (narrowOpener == null || !narrow) return reader;
            if (narrowReader == null) narrowReader = narrowOpener.get();
            return narrowReader.reader();
        }

        /** Closes the readers (and their inputs) and reports what was read. */
        @Override
        public void close() {
            ScanMetrics read = main.metrics();
            reader.close();
            if (narrowReader != null) {
                ScanMetrics more = narrowReader.metrics();
                narrowReader.reader().close();
                read = new ScanMetrics(read.read().plus(more.read()), read.requests() + more.requests(),
                        read.retries() + more.retries(), read.bytesFetched() + more.bytesFetched());
            }
            metrics.accept(read);
        }
    }
}
