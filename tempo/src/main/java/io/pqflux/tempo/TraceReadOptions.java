package io.pqflux.tempo;

import io.pqflux.reactive.ScanOptions;
import java.time.Instant;
import java.util.Objects;

/**
 * What a read of traces assembles and which traces it keeps. Immutable; {@code with…} returns a copy.
 *
 * <p>A time range keeps the traces that overlap it (trace start ≤ range end and trace end ≥ range start), as Tempo's
 * search does; blocks whose meta lies outside it are not opened, row groups whose statistics lie outside it are not
 * read. A trace-ID range keeps the IDs between its bounds (both inclusive): rows are sorted by trace ID, so only the row
 * groups and pages that can hold them are read. Defaults: the full preset, traces as objects ({@link TraceForm}).
 */
public final class TraceReadOptions {

    /** Tempo's default {@code max_bytes_per_trace} for queries is of this order; larger traces fail typed. */
    public static final long DEFAULT_MAX_TRACE_BYTES = 50L << 20;
    /**
     * Traces per batch. A trace is a large row: whole row groups (~100 MB, tens of thousands of traces) decoded at once
     * made a scan of a generated 100 MB block twice as slow on one thread as batches of this size.
     */
    public static final int DEFAULT_BATCH_ROWS = 4096;

    private final TracePreset preset;
    private final long maxTraceBytes;
    private final Instant start;
    private final Instant end;
    private final TraceId firstId;
    private final TraceId lastId;
    private final ScanOptions scan;
    private final long firstRow;
    private final long endRow;
    private final TraceForm form;

    private TraceReadOptions(TracePreset preset, long maxTraceBytes, Instant start, Instant end, TraceId firstId,
                             TraceId lastId, ScanOptions scan, long firstRow, long endRow, TraceForm form) {
        this.preset = preset;
        this.maxTraceBytes = maxTraceBytes;
        this.start = start;
        this.end = end;
        this.firstId = firstId;
        this.lastId = lastId;
        this.scan = scan;
        this.firstRow = firstRow;
        this.endRow = endRow;
        this.form = form;
    }

    /**
     * Full traces, at most {@link #DEFAULT_MAX_TRACE_BYTES} each, every trace, default pipeline options with
     * {@link #DEFAULT_BATCH_ROWS} traces per batch.
     */
    public static TraceReadOptions defaults() {
        return new TraceReadOptions(TracePreset.FULL, DEFAULT_MAX_TRACE_BYTES, null, null, null, null,
                ScanOptions.defaults().withBatchRows(DEFAULT_BATCH_ROWS), 0, Long.MAX_VALUE, TraceForm.OBJECTS);
    }

    public TraceReadOptions withPreset(TracePreset newPreset) {
        return new TraceReadOptions(Objects.requireNonNull(newPreset), maxTraceBytes, start, end, firstId, lastId, scan, firstRow,
                endRow, form);
    }

    /** Largest OTLP (protobuf) size of one trace; a larger trace fails the read with {@code TRACE_TOO_LARGE}. */
    public TraceReadOptions withMaxTraceBytes(long bytes) {
        if (bytes <= 0) throw new IllegalArgumentException("maximum trace size must be positive: " + bytes);
        return new TraceReadOptions(preset, bytes, start, end, firstId, lastId, scan, firstRow, endRow, form);
    }

    /** Keeps traces overlapping {@code [from, to]}. */
    public TraceReadOptions withTimeRange(Instant from, Instant to) {
        if (from.isAfter(to)) throw new IllegalArgumentException("time range " + from + " .. " + to + " is empty");
        return new TraceReadOptions(preset, maxTraceBytes, from, to, firstId, lastId, scan, firstRow, endRow, form);
    }

    /** Keeps trace IDs from {@code first} to {@code last}, both inclusive. */
    public TraceReadOptions withTraceIdRange(TraceId first, TraceId last) {
        if (first.compareTo(last) > 0) throw new IllegalArgumentException("trace-ID range " + first + " .. " + last + " is empty");
        return new TraceReadOptions(preset, maxTraceBytes, start, end, first, last, scan, firstRow, endRow, form);
    }

    /**
     * Keeps the trace IDs whose 32-digit hex form (16 bytes, left-padded with zeros) starts with {@code hexPrefix}, 1 to
     * 32 hex digits: the ID range from the prefix followed by zeros to the prefix followed by {@code f}s.
     */
    public TraceReadOptions withTraceIdPrefix(String hexPrefix) {
        if (hexPrefix.isEmpty() || hexPrefix.length() > 32 || !hexPrefix.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("a trace-ID prefix is 1 to 32 hex digits: '" + hexPrefix + "'");
        }
        int pad = 32 - hexPrefix.length();
        return withTraceIdRange(TraceId.parseHex(hexPrefix + "0".repeat(pad)), TraceId.parseHex(hexPrefix + "f".repeat(pad)));
    }

    /**
     * Pipeline options: schedulers, memory budget, batch rows (their read options are replaced by the trace read's).
     * They replace the defaults whole: start from {@code ScanOptions.defaults().withBatchRows(DEFAULT_BATCH_ROWS)} to keep
     * the trace batch size.
     */
    public TraceReadOptions withScanOptions(ScanOptions options) {
        return new TraceReadOptions(preset, maxTraceBytes, start, end, firstId, lastId, Objects.requireNonNull(options), firstRow,
                endRow, form);
    }

    /**
     * Reads only rows {@code [fromRow, toRow)} of the block's {@code data.parquet}, one trace per row: a distributed reader
     * splits a block by row groups ({@link TempoBlock#dataMetaData()}) and resumes a split after the traces it has
     * emitted. Row groups outside the range are not read.
     */
    public TraceReadOptions withRows(long fromRow, long toRow) {
        if (fromRow < 0 || toRow < fromRow) throw new IllegalArgumentException("bad row range [" + fromRow + ", " + toRow + ")");
        return new TraceReadOptions(preset, maxTraceBytes, start, end, firstId, lastId, scan, fromRow, toRow, form);
    }

    /** The form each trace's content is assembled in: objects (the default) or their protobuf encoding. */
    public TraceReadOptions withForm(TraceForm newForm) {
        return new TraceReadOptions(preset, maxTraceBytes, start, end, firstId, lastId, scan, firstRow, endRow,
                Objects.requireNonNull(newForm));
    }

    public TracePreset preset() {
        return preset;
    }

    public long maxTraceBytes() {
        return maxTraceBytes;
    }

    /** Start of the time range, null without one. */
    public Instant start() {
        return start;
    }

    public Instant end() {
        return end;
    }

    /** First trace ID of the ID range, null without one. */
    public TraceId firstId() {
        return firstId;
    }

    public TraceId lastId() {
        return lastId;
    }

    public ScanOptions scanOptions() {
        return scan;
    }

    /** First row of data.parquet read (0 by default). */
    public long firstRow() {
        return firstRow;
    }

    /** The row after the last read ({@code Long.MAX_VALUE}: to the end). */
    public long endRow() {
        return endRow;
    }

    public TraceForm form() {
        return form;
    }
}
