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
import io.pqflux.reader.FooterCache;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.schema.MessageSchema;
import io.pqflux.storage.ObjectStore;

/**
 * Whether a root file may hold records of a {@link TimeRange}, from its footer: the row groups' statistics of the
 * record time. A row group without usable statistics may hold anything. Metrics keep their times in the data point
 * tables, so every metrics root file may hold the range.
 */
final class RootFileTimes {

    /** Footers are read once each and not kept: the replay opens the files it reads again. */
    private static final long FOOTER_CACHE_BYTES = 1L << 20;

    /** The time 0 alone: a log record's unknown time. */
    private static final TimeRange ZERO = new TimeRange(0L, 1L);

    private RootFileTimes() {
    }

    /** Whether {@code file}, a root file of {@code signal}, may hold records in {@code range}. */
    static boolean mayHold(ObjectStore store, PartFile file, Signal signal, TimeRange range) {
        if (range.isAll() || signal == Signal.METRICS) return true;
        FooterCache footers = FooterCache.ofMaxBytes(FOOTER_CACHE_BYTES);
        try (InputFile input = store.openInputFile(file.path(), 0)) {
            MessageSchema schema = footers.schema(input);
            FileMetaData meta = footers.footer(input).metaData();
            for (RowGroup group : meta.rowGroups()) {
                if (rowGroupMayHold(schema, group, signal, range)) return true;
            }
            return false;
        }
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
