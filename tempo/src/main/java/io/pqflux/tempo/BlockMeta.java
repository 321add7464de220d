package io.pqflux.tempo;

import io.pqflux.tempo.internal.meta.MetaConverter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A block's {@code meta.json} (or {@code meta.compacted.json}, or an entry of the tenant index): everything needed to
 * decide whether a request must look at the block and to open it without extra round trips ({@code size} and
 * {@code footerSize} locate the Parquet footer without a HEAD request, {@code bloomShards} names the bloom files).
 *
 * @param format            {@code meta.format} verbatim, e.g. {@code vParquet4} or {@code vParquet5-preview5}; kept as
 *                          a string because previews differ in details, see {@link #tempoFormat()}
 * @param startTime         start of the block's time range (second granularity), used to prune by request time
 * @param endTime           end of the block's time range
 * @param totalObjects      number of traces, i.e. Parquet rows
 * @param size              byte length of {@code data.parquet}; 0 when the meta omits it
 * @param compactionLevel   0 for blocks flushed by an ingester or live store
 * @param totalRecords      for Parquet blocks the number of row-group flushes, about the number of row groups
 * @param bloomShards       the number of {@code bloom-N} files, already resolved: a legacy 0 in the JSON means 10
 * @param footerSize        length of the Thrift footer, excluding the 8-byte tail
 * @param dedicatedColumns  the block's dedicated attribute columns in meta order (the order decides the slots)
 * @param replicationFactor 0 for ingester blocks (replication factor 3), 1 for metrics-generator / live-store blocks
 * @param compactedTime     when the block was compacted away: present for {@code meta.compacted.json} and the tenant
 *                          index's compacted entries, which queriers still search for a while
 */
public record BlockMeta(String format, UUID blockId, String tenantId, Instant startTime, Instant endTime,
                        long totalObjects, long size, int compactionLevel, int totalRecords, int bloomShards,
                        int footerSize, List<DedicatedColumn> dedicatedColumns, int replicationFactor,
                        Optional<Instant> compactedTime) {

    /** vParquet3 and vParquet4 have ten string slots per scope ({@code String01} ... {@code String10}). */
    private static final int VPARQUET4_SLOTS_PER_SCOPE = 10;

    public BlockMeta {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(blockId, "blockId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(endTime, "endTime");
        Objects.requireNonNull(compactedTime, "compactedTime");
        if (bloomShards < 1) throw new IllegalArgumentException("bloomShards must be at least 1: " + bloomShards);
        dedicatedColumns = List.copyOf(dedicatedColumns);
    }

    /**
     * Parses {@code meta.json} or {@code meta.compacted.json} bytes. Legacy keys ({@code minID}, {@code maxID},
     * {@code encoding}, {@code indexPageSize}, {@code dataEncoding}) and unknown keys are ignored, as Tempo does.
     *
     * @param source the file or block the bytes come from, named in errors
     * @throws TempoException {@link TempoException.Reason#BAD_META} for malformed JSON, a missing {@code format},
     *                        {@code blockID}, {@code tenantID} or time range, or a number out of range;
     *                        {@link TempoException.Reason#UNSUPPORTED_DEDICATED_COLUMN} for a dedicated column with an
     *                        unknown scope, type or option
     */
    public static BlockMeta parse(byte[] json, String source) {
        return MetaConverter.parseMeta(json, source);
    }

    /**
     * The format to read the block with.
     *
     * @throws TempoException {@link TempoException.Reason#UNSUPPORTED_FORMAT} naming this block
     */
    public TempoFormat tempoFormat() {
        return TempoFormat.of(format, blockPath());
    }

    /**
     * The vParquet4 (and vParquet3) dedicated-column slots of one scope: element {@code i} is the attribute name stored
     * in slot {@code String{i+1:02d}} ({@code String01} for element 0). Walks {@link #dedicatedColumns} in meta order
     * and keeps string entries of that scope without options, at most ten; entries of type int, scope event or with
     * options take no slot, as in Tempo's vParquet4 writer (its vParquet3 writer has the same rules).
     * <p>
     * Not for vParquet5: it has more slots, int slots, an event scope and options, and its previews map differently
     * again, so the same entries give other slots there.
     *
     * @throws TempoException {@link TempoException.Reason#UNSUPPORTED_FORMAT} when the block is vParquet5;
     *                        {@link TempoException.Reason#UNSUPPORTED_DEDICATED_COLUMN} when a name takes two slots of
     *                        the scope (Tempo then writes the later slot only and reads the attribute twice, a
     *                        configuration error rather than data to reproduce)
     */
    public List<String> dedicatedSlots(DedicatedColumn.Scope scope) {
        Objects.requireNonNull(scope, "scope");
        TempoFormat tempoFormat = tempoFormat();
        if (tempoFormat == TempoFormat.VPARQUET5) {
            throw new TempoException(TempoException.Reason.UNSUPPORTED_FORMAT, blockPath(),
                    "the dedicated-column slot mapping here is vParquet3/4's; the block is " + format);
        }
        List<String> names = new ArrayList<>(VPARQUET4_SLOTS_PER_SCOPE);
        for (DedicatedColumn column : dedicatedColumns) {
            if (column.scope() != scope || column.type() != DedicatedColumn.Type.STRING
                    || !column.options().isEmpty()) continue;
            if (names.size() == VPARQUET4_SLOTS_PER_SCOPE) break;
            if (names.contains(column.name())) {
                throw new TempoException(TempoException.Reason.UNSUPPORTED_DEDICATED_COLUMN, blockPath(),
                        "dedicated column \"" + column.name() + "\" of scope " + scope
                                + " takes two slots (String%02d and String%02d)"
                                .formatted(names.indexOf(column.name()) + 1, names.size() + 1));
            }
            names.add(column.name());
        }
        return List.copyOf(names);
    }

    /** {@code tenant/blockID}: how errors about this meta name the block. */
    private String blockPath() {
        return tenantId + "/" + blockId;
    }

    /**
     * Whether the block may hold traces overlapping {@code [start, end]} (either end open when null): Tempo's block
     * selection. The meta holds whole seconds (its end is the last trace's end rounded down), so its end is compared
     * with the second {@code start} falls in.
     */
    public boolean overlaps(Instant start, Instant end) {
        return (end == null || !startTime.isAfter(end))
                && (start == null || !endTime.isBefore(start.truncatedTo(ChronoUnit.SECONDS)));
    }
}
