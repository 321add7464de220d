package io.pqflux.otap.internal.join;

import io.pqflux.format.meta.BinaryValue;
import io.pqflux.format.meta.ColumnIndex;
import io.pqflux.format.meta.ColumnMetaData;
import io.pqflux.format.meta.LogicalType;
import io.pqflux.format.meta.OffsetIndex;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.format.meta.RowGroup;
import io.pqflux.format.meta.Statistics;
import io.pqflux.io.InputFile;
import io.pqflux.otap.PartFile;
import io.pqflux.otap.Signal;
import io.pqflux.otap.TimeRange;
import io.pqflux.reader.FooterCache;
import io.pqflux.reader.PageIndex;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.storage.ObjectStore;
import java.util.List;

/**
 * Where in a partition's root files the records of a time range may be, from the footers and the page indexes of the
 * record time: from row {@code firstRow} of file {@code first} to before row {@code endRow} of file {@code last}
 * (files in read order). A page or row group without usable statistics may hold any time. Root files are in creation
 * order, not in time order (a file holds whatever arrives while it is open, records of any age), so every root file is
 * consulted. Metrics keep their times in the data point tables: all of their roots may hold the range.
 *
 * @param first    the index of the first root file that may hold the range; the number of files when none may
 * @param firstRow the first row of that file that may
 * @param last     the index of the last root file that may hold the range, or -1
 * @param endRow   the row of that file after the last that may
 */
record RangeRootFiles(int first, long firstRow, int last, long endRow) {

    /** The time 0 alone: a log record's unknown time. */
    private static final TimeRange ZERO = new TimeRange(0L, 1L);
    /** Footers are read once each and not kept: the replay opens the files it reads again. */
    private static final long FOOTER_CACHE_BYTES = 1L << 20;

    /** Whether no root row may hold the range. */
    boolean none() {
        return last < 0;
    }

    /** Whether the rows of {@code file} (an index) up to {@code endRow} (exclusive) lie before the range's first. */
    boolean before(int file, long endRow) {
        return file < first || (file == first && endRow <= firstRow);
    }

    /** Whether row {@code row} of {@code file} (an index) lies after the range's last. */
    boolean after(int file, long row) {
        return file > last || (file == last && row >= endRow);
    }

    /** Where in {@code files}, a partition's root files of {@code signal} in read order, {@code range} may be. */
    static RangeRootFiles of(ObjectStore store, List<PartFile> files, Signal signal, TimeRange range) {
        if (range.isAll() || signal == Signal.METRICS) return new RangeRootFiles(0, 0, files.size() - 1, Long.MAX_VALUE);
        int first = files.size(), last = -1;
        long firstRow = 0, endRow = 0;
        for (int i = 0; i < files.size(); i++) {
            long[] rows = rows(store, files.get(i), signal, range);
            if (rows == null) continue;
            if (first == files.size()) {
                first = i;
                firstRow = rows[0];
            }
            last = i;
            endRow = rows[1];
        }
        // a root row before the range is read with its ids and groups only, so its time reads as 0: a range that holds
        // time 0 reads every row up to its last whole, or those rows would be kept as empty records
        if (last >= 0 && range.contains(0)) {
            first = 0;
            firstRow = 0;
        }
        return new RangeRootFiles(first, firstRow, last, endRow);
    }

    /** The first row of {@code file} that may hold the range and the row after the last, or null when none may. */
    private static long[] rows(ObjectStore store, PartFile file, Signal signal, TimeRange range) {
        InputFile input = store.openInputFile(file.path(), 0);
        FooterCache footers = FooterCache.ofMaxBytes(FOOTER_CACHE_BYTES);
        String timeColumn = signal == Signal.TRACES ? "start_time_unix_nano" : "time_unix_nano";
        try (ParquetReader reader = ParquetReader.open(input, ReadOptions.defaults().withFooterCache(footers))) {
            long[] rows = null;
            long start = 0;
            List<RowGroup> groups = reader.metaData().rowGroups();
            for (int g = 0; g < groups.size(); g++) {
                RowGroup group = groups.get(g);
                long groupRows = group.numRows();
                if (rowGroupMayHold(reader, group, signal, range)) {
                    long[] span = pageRows(reader, g, groupRows, timeColumn, signal, group, range);
                    if (span != null) {
                        if (rows == null) rows = new long[] {start + span[0], 0};
                        rows[1] = start + span[1];
                    }
                }
                start += groupRows;
            }
            return rows;
        }
    }

    private static boolean rowGroupMayHold(ParquetReader reader, RowGroup group, Signal signal, TimeRange range) {
        if (signal == Signal.TRACES) return chunkMayHold(reader, group, "start_time_unix_nano", range);
        // a log record without a time (0) is placed at its observed time
        return chunkMayHold(reader, group, "time_unix_nano", range) || (chunkMayHold(reader, group, "time_unix_nano", ZERO)
                && chunkMayHold(reader, group, "observed_time_unix_nano", range));
    }

    /**
     * The rows of row group {@code g} (relative to it) from the first page of the time column that may hold the range
     * to the end of the last, by the column index; the whole row group without one, or for logs whose times may be 0
     * (their observed times, another column's pages, place them).
     */
    private static long[] pageRows(ParquetReader reader, int g, long rows, String timeColumn, Signal signal,
                                   RowGroup group, TimeRange range) {
        ColumnDescriptor time = reader.schema().column(timeColumn).orElse(null);
        if (time == null || time.physicalType() != PhysicalType.INT64 || unsigned(time)
                || (signal == Signal.LOGS && chunkMayHold(reader, group, timeColumn, ZERO))) {
            return new long[] {0, rows};
        }
        PageIndex index = reader.pageIndex(g, time);
        ColumnIndex columns = index.columnIndex();
        OffsetIndex offsets = index.offsetIndex();
        if (columns == null || offsets == null || columns.minValues().size() != offsets.pageLocations().size()) {
            return new long[] {0, rows};
        }
        long[] span = null;
        int pages = offsets.pageLocations().size();
        for (int p = 0; p < pages; p++) {
            // a null time is read as 0
            boolean nulls = columns.nullCounts() == null || columns.nullCounts().size() != pages || columns.nullCounts().get(p) > 0;
            BinaryValue min = columns.minValues().get(p), max = columns.maxValues().get(p);
            boolean may = (nulls && range.contains(0)) || (!columns.nullPages().get(p)
                    && (min.length() != 8 || max.length() != 8 || mayHold(range, int64(min), int64(max))));
            if (!may) continue;
            long pageEnd = p + 1 < pages ? offsets.pageLocations().get(p + 1).firstRowIndex() : rows;
            if (span == null) span = new long[] {offsets.pageLocations().get(p).firstRowIndex(), 0};
            span[1] = pageEnd;
        }
        return span;
    }

    private static boolean unsigned(ColumnDescriptor column) {
        return column.logicalType() instanceof LogicalType.IntType t && !t.isSigned();
    }

    /**
     * Whether the row group's {@code column} may hold a time in {@code range}: an absent column is all 0 (OTLP's
     * default, as the replay reads it), a column with nulls holds 0 too.
     */
    private static boolean chunkMayHold(ParquetReader reader, RowGroup group, String column, TimeRange range) {
        ColumnDescriptor descriptor = reader.schema().column(column).orElse(null);
        if (descriptor == null) return range.contains(0);
        ColumnMetaData chunk = group.columns().get(descriptor.index()).metaData();
        Statistics statistics = chunk == null ? null : chunk.statistics();
        if (statistics == null || descriptor.physicalType() != PhysicalType.INT64) return true;
        boolean unsigned = unsigned(descriptor);
        BinaryValue min = statistics.minValue() != null ? statistics.minValue() : unsigned ? null : statistics.min();
        BinaryValue max = statistics.maxValue() != null ? statistics.maxValue() : unsigned ? null : statistics.max();
        boolean nulls = statistics.nullCount() == null || statistics.nullCount() > 0;
        if (nulls && range.contains(0)) return true;
        if (statistics.nullCount() != null && statistics.nullCount() == chunk.numValues()) return false;
        if (min == null || max == null || min.length() != 8 || max.length() != 8) return true;
        long low = int64(min), high = int64(max);
        // statistics in unsigned order bound the unsigned times directly
        return unsigned ? overlaps(range, low, high) : mayHold(range, low, high);
    }

    /**
     * Whether records whose times lie between {@code min} and {@code max} as signed INT64 statistics give them may lie
     * in {@code range}. Times are unsigned stored in signed INT64, so a signed minimum below 0 means times at or past
     * 2^63 are there too: from the minimum's unsigned value up to the largest u64 when the maximum is negative as well,
     * else also every time from 0 to the maximum.
     */
    private static boolean mayHold(TimeRange range, long min, long max) {
        if (min >= 0 || max < 0) return overlaps(range, min, max);
        return overlaps(range, 0, max) || overlaps(range, min, -1L);
    }

    /** Whether times between {@code low} and {@code high} (unsigned, inclusive) may lie in {@code range}. */
    private static boolean overlaps(TimeRange range, long low, long high) {
        Long start = range.startNanos(), end = range.endNanos();
        return (end == null || Long.compareUnsigned(low, end) < 0) && (start == null || Long.compareUnsigned(high, start) >= 0)
                && (start == null || !start.equals(end));
    }

    private static long int64(BinaryValue value) {
        byte[] b = value.toByteArray();
        long v = 0;
        for (int i = 7; i >= 0; i--) v = v << 8 | (b[i] & 0xFF);
        return v;
    }
}
