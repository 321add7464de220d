package io.pqflux.otap.generator;

/**
 * The switches of the exporter simulation (docs/otap-format.md §14). {@link #defaults()} is the exporter as configured
 * upstream ({@code _part_id} partitioning, no rotation before 100 M rows, arrow-rs writer defaults, the un-offset
 * {@code resource.id}/{@code scope.id} defect, OTLP-encoder row order); change one switch at a time with the withers.
 *
 * @param partitioned        {@code _part_id=<uuid>} directories (the only partitioning upstream has); without, files
 *                           land in {@code <base>/<table>/} and partitions that restart ids overlap there
 * @param rotateRows         {@code target_rows_per_file}: a file is scheduled for flushing once it holds this many rows
 *                           (checked after whole batches; a batch is never split)
 * @param stagingLeftovers   leave {@code *.parquet#N} files behind after {@link ExporterSimulator#close()}: a
 *                           truncated copy of a finished file and a complete one under a staging name, as a crash would
 * @param resourceScopeIds   whether the roots' nested {@code resource.id}/{@code scope.id} get the batch offset
 * @param order              within-batch row order (docs/otap-format.md §11)
 * @param dictionary         Parquet dictionary encoding
 * @param idWidths           which {@code id}/{@code parent_id} columns are UInt16, and what a file does at a change of
 *                           width
 * @param requiredColumns    columns REQUIRED where the Arrow field is non-nullable (the encoder's declarations, the
 *                           templates' default-filled columns); off, every column OPTIONAL
 * @param maxIdsPerPartition the id space of a partition, {@code 2^32} upstream; smaller values make the overflow to a
 *                           new partition (docs/otap-format.md §3 step 2 and 5) happen in tests
 * @param seed               partition and file UUIDs and the start of the file-name millisecond clock
 * @param rowGroupRows       rows per row group (arrow-rs: 1,048,576)
 * @param pageRows           rows per data page at most (arrow-rs: 20,000)
 * @param spansFlushDefect   upstream's child list for {@code spans} names {@code log_attrs} instead of
 *                           {@code span_attrs} (docs/otap-format.md §5.2), so {@code spans} files may be finished
 *                           before their {@code span_attrs}; off, the intended parent-after-children order
 */
public record ExporterSettings(boolean partitioned, long rotateRows, boolean stagingLeftovers,
                               ResourceScopeIds resourceScopeIds, Order order, Dictionary dictionary, IdWidths idWidths,
                               boolean requiredColumns, long maxIdsPerPartition, long seed, int rowGroupRows,
                               int pageRows, boolean spansFlushDefect) {

    /** How the roots' nested {@code resource.id} and {@code scope.id} are written. */
    public enum ResourceScopeIds {
        /** As upstream: not offset (UInt16, the producer's numbering), while the attributes' parent ids are (§12.1). */
        UNOFFSET,
        /**
         * A partial fix: offset like {@code parent_id} (UInt32) but not counted in the batch's {@code max_id}, so a
         * batch with more resources or scopes than its largest top-level id (record-less resources and scopes,
         * unattributed logs) has nested ids, and their attributes' parent ids, in the next batch's interval (§12.1).
         */
        OFFSET,
        /** Offset like {@code parent_id} (UInt32) and counted in the batch's {@code max_id}: what a fix would write. */
        FIXED
    }

    /** The widths of {@code id}/{@code parent_id}, and a file's answer to a batch of the other width. */
    public enum IdWidths {
        /**
         * As upstream's id generator leaves them, UInt32, except the template's UInt16 null {@code id} of a logs batch
         * without attributed logs (docs/otap-format.md §7.1); such a batch stops the exporter when a file already holds
         * UInt32 ids, as upstream's writer does.
         */
        UPSTREAM,
        /** As {@link #UPSTREAM}, but a file is finished before a batch of the other width, which starts a new one. */
        UPSTREAM_ROTATING,
        /**
         * {@code INTEGER(16,false)} in every table batch whose rewritten ids all fit 16 bits; a file is finished before a
         * batch of the other width.
         */
        NARROW
    }

    /** Within-batch row order (docs/otap-format.md §11). */
    public enum Order {
        /** OTLP converted by the Rust encoder: OTLP order, attribute rows in record order. */
        OTLP_ENCODER,
        /** OTAP input after transport optimisation: the sort keys of §11, attribute {@code parent_id} not monotonic. */
        TRANSPORT_OPTIMIZED
    }

    /** Parquet dictionary encoding of every column. */
    public enum Dictionary {
        OFF,
        /** arrow-rs's default: dictionary with a 1 MiB dictionary page limit. */
        ON,
        /** Dictionary with a 64-byte dictionary page limit, so that chunks fall back to PLAIN mid-chunk. */
        FALLBACK
    }

    public ExporterSettings {
        if (rotateRows < 1) throw new IllegalArgumentException("rotateRows " + rotateRows);
        if (maxIdsPerPartition < 2 || maxIdsPerPartition > (1L << 32)) {
            throw new IllegalArgumentException("maxIdsPerPartition " + maxIdsPerPartition + " not in [2, 2^32]");
        }
        if (rowGroupRows < 1 || pageRows < 1) throw new IllegalArgumentException("rowGroupRows/pageRows must be positive");
        java.util.Objects.requireNonNull(resourceScopeIds);
        java.util.Objects.requireNonNull(order);
        java.util.Objects.requireNonNull(dictionary);
    }

    public static ExporterSettings defaults() {
        return new ExporterSettings(true, 100_000_000L, false, ResourceScopeIds.UNOFFSET, Order.OTLP_ENCODER,
                Dictionary.ON, IdWidths.UPSTREAM, true, 1L << 32, 0, 1_048_576, 20_000, false);
    }

    public ExporterSettings withPartitioned(boolean value) {
        return new ExporterSettings(value, rotateRows, stagingLeftovers, resourceScopeIds, order, dictionary, idWidths,
                requiredColumns, maxIdsPerPartition, seed, rowGroupRows, pageRows, spansFlushDefect);
    }

    public ExporterSettings withRotateRows(long value) {
        return new ExporterSettings(partitioned, value, stagingLeftovers, resourceScopeIds, order, dictionary, idWidths,
                requiredColumns, maxIdsPerPartition, seed, rowGroupRows, pageRows, spansFlushDefect);
    }

    public ExporterSettings withStagingLeftovers(boolean value) {
        return new ExporterSettings(partitioned, rotateRows, value, resourceScopeIds, order, dictionary, idWidths,
                requiredColumns, maxIdsPerPartition, seed, rowGroupRows, pageRows, spansFlushDefect);
    }

    public ExporterSettings withResourceScopeIds(ResourceScopeIds value) {
        return new ExporterSettings(partitioned, rotateRows, stagingLeftovers, value, order, dictionary, idWidths,
                requiredColumns, maxIdsPerPartition, seed, rowGroupRows, pageRows, spansFlushDefect);
    }

    public ExporterSettings withOrder(Order value) {
        return new ExporterSettings(partitioned, rotateRows, stagingLeftovers, resourceScopeIds, value, dictionary, idWidths,
                requiredColumns, maxIdsPerPartition, seed, rowGroupRows, pageRows, spansFlushDefect);
    }

    public ExporterSettings withDictionary(Dictionary value) {
        return new ExporterSettings(partitioned, rotateRows, stagingLeftovers, resourceScopeIds, order, value, idWidths,
                requiredColumns, maxIdsPerPartition, seed, rowGroupRows, pageRows, spansFlushDefect);
    }

    public ExporterSettings withIdWidths(IdWidths value) {
        return new ExporterSettings(partitioned, rotateRows, stagingLeftovers, resourceScopeIds, order, dictionary, value,
                requiredColumns, maxIdsPerPartition, seed, rowGroupRows, pageRows, spansFlushDefect);
    }

    public ExporterSettings withRequiredColumns(boolean value) {
        return new ExporterSettings(partitioned, rotateRows, stagingLeftovers, resourceScopeIds, order, dictionary, idWidths,
                value, maxIdsPerPartition, seed, rowGroupRows, pageRows, spansFlushDefect);
    }

    public ExporterSettings withMaxIdsPerPartition(long value) {
        return new ExporterSettings(partitioned, rotateRows, stagingLeftovers, resourceScopeIds, order, dictionary, idWidths,
                requiredColumns, value, seed, rowGroupRows, pageRows, spansFlushDefect);
    }

    public ExporterSettings withSeed(long value) {
        return new ExporterSettings(partitioned, rotateRows, stagingLeftovers, resourceScopeIds, order, dictionary, idWidths,
                requiredColumns, maxIdsPerPartition, value, rowGroupRows, pageRows, spansFlushDefect);
    }

    public ExporterSettings withRowGroupRows(int value) {
        return new ExporterSettings(partitioned, rotateRows, stagingLeftovers, resourceScopeIds, order, dictionary, idWidths,
                requiredColumns, maxIdsPerPartition, seed, value, pageRows, spansFlushDefect);
    }

    public ExporterSettings withPageRows(int value) {
        return new ExporterSettings(partitioned, rotateRows, stagingLeftovers, resourceScopeIds, order, dictionary, idWidths,
                requiredColumns, maxIdsPerPartition, seed, rowGroupRows, value, spansFlushDefect);
    }

    public ExporterSettings withSpansFlushDefect(boolean value) {
        return new ExporterSettings(partitioned, rotateRows, stagingLeftovers, resourceScopeIds, order, dictionary, idWidths,
                requiredColumns, maxIdsPerPartition, seed, rowGroupRows, pageRows, value);
    }
}
