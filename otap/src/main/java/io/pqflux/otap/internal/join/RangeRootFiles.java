package io.pqflux.otap.internal.join;

import io.pqflux.format.meta.BinaryValue;
import io.pqflux.format.meta.ColumnMetaData;
import io.pqflux.format.meta.FileMetaData;
import io.pqflux.format.meta.LogicalType;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.format.meta.RowGroup;
import io.pqflux.format.meta.Statistics;
import io.pqflux.io.InputFile;
import io.pqflux.otap.PartFile;
import io.pqflux.otap.Signal;
import io.pqflux.otap.TimeRange;
import io.pqflux.otap.internal.rows.Columns;
import io.pqflux.reader.FooterCache;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.schema.MessageSchema;
import io.pqflux.storage.ObjectStore;
import java.util.List;

/**
 * The root files of a partition a time range needs, from their footers: the row groups' statistics of the record time
 * (a row group without usable statistics may hold any time). Root files are in creation order, not in time order (a file
 * holds whatever arrives while it is open, records of any age), so every root file's footer is read. Metrics keep their
 * times in the data point tables: every metrics root file is needed.
 *
 * @param first    the index (in read order) of the first root file that may hold the range; the size of the list when
 *                 none may
 * @param last     the index of the last one, or -1
 * @param keyFloor the smallest root id of the files from {@code first} on (their batches' ids all lie at or above it,
 *                 the earlier files' below it: docs/otap.md, I1 and I2), or {@link TableStream#UNKNOWN}
 */
record RangeRootFiles(int first, int last, long keyFloor) {

    /** The time 0 alone: a log record's unknown time. */
    private static final TimeRange ZERO = new TimeRange(0L, 1L);
    /** Footers are read once each and not kept: the replay opens the files it reads again. */
    private static final long FOOTER_CACHE_BYTES = 1L << 20;

    /** Which of {@code files}, a partition's root files of {@code signal} in read order, {@code range} needs. */
    static RangeRootFiles of(ObjectStore store, List<PartFile> files, Signal signal, TimeRange range) {
        if (range.isAll() || signal == Signal.METRICS) return new RangeRootFiles(0, files.size() - 1, TableStream.UNKNOWN);
        int first = files.size(), last = -1;
        long[] minIds = new long[files.size()];
        for (int i = 0; i < files.size(); i++) {
            FooterCache footers = FooterCache.ofMaxBytes(FOOTER_CACHE_BYTES);
            try (InputFile input = store.openInputFile(files.get(i).path(), 0)) {
                MessageSchema schema = footers.schema(input);
                List<RowGroup> groups = footers.footer(input).metaData().rowGroups();
                if (groups.stream().anyMatch(group -> rowGroupMayHold(schema, group, signal, range))) {
                    first = Math.min(first, i);
                    last = i;
                }
                minIds[i] = minId(schema, groups);
            }
        }
        long floor = TableStream.END;
        for (int i = first; i < files.size(); i++) floor = Math.min(floor, minIds[i]);
        return new RangeRootFiles(first, last, first == 0 || floor == TableStream.END ? TableStream.UNKNOWN : floor);
    }

    /** The file's smallest root id by its row groups' statistics; END when all are null, UNKNOWN without statistics. */
    private static long minId(MessageSchema schema, List<RowGroup> groups) {
        ColumnDescriptor id = schema.column(Columns.ID).orElse(null);
        if (id == null) return TableStream.END;
        if (id.physicalType() != PhysicalType.INT32) return TableStream.UNKNOWN;
        long min = TableStream.END;
        for (RowGroup group : groups) {
            ColumnMetaData chunk = group.columns().get(id.index()).metaData();
            Statistics statistics = chunk == null ? null : chunk.statistics();
            if (statistics == null) return TableStream.UNKNOWN;
            if (statistics.nullCount() != null && statistics.nullCount() == chunk.numValues()) continue;
            BinaryValue bound = statistics.minValue() != null ? statistics.minValue() : statistics.min();
            long value = bound == null ? TableStream.UNKNOWN : TableStream.unsigned(bound);
            if (value == TableStream.UNKNOWN) return TableStream.UNKNOWN;
            min = Math.min(min, value);
        }
        return min;
    }

    private static boolean rowGroupMayHold(MessageSchema schema, RowGroup group, Signal signal, TimeRange range) {
        if (signal == Signal.TRACES) return mayHold(schema, group, "start_time_unix_nano", range);
        // a log record without a time (0) is placed at its observed time
        return mayHold(schema, group, "time_unix_nano", range)
                || (mayHold(schema, group, "time_unix_nano", ZERO) && mayHold(schema, group, "observed_time_unix_nano", range));
    }

    /**
     * Whether the row group's {@code column} may hold a time in {@code range}: an absent column is all 0 (OTLP's
     * default, as the replay reads it), a column with nulls holds 0 too.
     */
    private static boolean mayHold(MessageSchema schema, RowGroup group, String column, TimeRange range) {
        ColumnDescriptor descriptor = schema.column(column).orElse(null);
        if (descriptor == null) return range.contains(0);
        ColumnMetaData chunk = group.columns().get(descriptor.index()).metaData();
        Statistics statistics = chunk == null ? null : chunk.statistics();
        if (statistics == null || descriptor.physicalType() != PhysicalType.INT64) return true;
        boolean unsigned = descriptor.logicalType() instanceof LogicalType.IntType t && !t.isSigned();
        BinaryValue min = statistics.minValue() != null ? statistics.minValue() : unsigned ? null : statistics.min();
        BinaryValue max = statistics.maxValue() != null ? statistics.maxValue() : unsigned ? null : statistics.max();
        boolean nulls = statistics.nullCount() == null || statistics.nullCount() > 0;
        if (nulls && range.contains(0)) return true;
        if (statistics.nullCount() != null && statistics.nullCount() == chunk.numValues()) return false;
        if (min == null || max == null || min.length() != 8 || max.length() != 8) return true;
        long low = int64(min), high = int64(max);
        // statistics in unsigned order bound the unsigned times directly
        return unsigned ? range.overlaps(low, high) : range.mayHold(low, high);
    }

    private static long int64(BinaryValue value) {
        byte[] b = value.toByteArray();
        long v = 0;
        for (int i = 7; i >= 0; i--) v = v << 8 | (b[i] & 0xFF);
        return v;
    }
}
