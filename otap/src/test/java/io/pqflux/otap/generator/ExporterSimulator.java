package io.pqflux.otap.generator;

import com.google.protobuf.Message;
import io.opentelemetry.proto.logs.v1.LogsData;
import io.opentelemetry.proto.metrics.v1.MetricsData;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.otap.OtapTable;
import io.pqflux.otap.Signal;
import io.pqflux.otap.generator.ArrowField.ArrowType;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The OpenTelemetry-Arrow Parquet exporter, simulated (docs/otap-format.md §2–§8, §11, §12), writing exporter-faithful
 * table files with parquet-java. One instance is one exporter: its id generator and open files are shared by every
 * signal written to it, so {@code resource_attrs} and {@code scope_attrs} hold the rows of all three.
 *
 * <p>Each {@code write} call is one exporter batch (one OTLP message): OTLP → OTAP record batches as the Rust encoder
 * builds them ({@link OtlpEncoder}), optionally re-ordered like transport-optimised OTAP input ({@link TransportOrder}),
 * ids rewritten ({@link PartitionIdGenerator}), every table batch normalised against its template ({@link Templates}),
 * then appended to the table's open file for the batch's partition ({@code <base>/<table>/_part_id=<uuid>/}). A file
 * whose schema cannot take a batch fails the write with {@link TableFile.IncompatibleBatchException}, as the exporter
 * fails and stops.
 *
 * <p>Rotation and visibility (§5): a file holding {@code rotateRows} rows or more after a batch is scheduled for
 * flushing (later batches of its table go to a new file); it is finished — closed and renamed from
 * {@code part-<millis>-<uuid>.parquet#<n>} to its final name — only when no file of a direct child table (and of
 * {@code resource_attrs}/{@code scope_attrs} for roots) still being written holds rows of the same batches.
 * {@link #close()} finishes everything, children first. Age-based flushing is not simulated.
 *
 * <p>Not faithful (Parquet-level, since parquet-java writes the files): {@code created_by} names parquet-java; V1 data
 * pages of dictionary chunks are PLAIN_DICTIONARY-encoded (arrow-rs: RLE_DICTIONARY) and parquet-java also falls back
 * to PLAIN after the first page when a dictionary does not pay off; page boundaries differ; {@code ARROW:schema} is
 * simplified ({@link ArrowSchemaIpc}).
 */
public final class ExporterSimulator implements Closeable {

    /** One exporter batch: which signal, its sequence number, and the partition and id interval it went to. */
    public record BatchInterval(Signal signal, long sequence, UUID partition, long offset, long maxId) {
        /** The last id of the interval {@code [offset, offset + maxId]}. */
        public long lastId() {
            return offset + maxId;
        }
    }

    private final Path base;
    private final ExporterSettings settings;
    private final Random random;
    private final PartitionIdGenerator ids;
    private final Map<String, TableFile> open = new LinkedHashMap<>();
    private final List<TableFile> pending = new ArrayList<>();
    private final List<Path> finished = new ArrayList<>();
    private final List<Path> leftovers = new ArrayList<>();
    private final List<BatchInterval> batches = new ArrayList<>();
    private long clockMillis;
    private int stagingCounter;
    private boolean closed;

    public ExporterSimulator(Path base, ExporterSettings settings) {
        this.base = base;
        this.settings = settings;
        this.random = new Random(settings.seed());
        this.clockMillis = 1_750_000_000_000L + Math.floorMod(settings.seed(), 1_000_000L) * 1_000L;
        this.ids = new PartitionIdGenerator(settings.maxIdsPerPartition(), settings.resourceScopeIds(), this::uuid);
    }

    public void write(LogsData data) {
        write(Signal.LOGS, OtlpEncoder.logs(data));
    }

    public void write(TracesData data) {
        write(Signal.TRACES, OtlpEncoder.traces(data));
    }

    public void write(MetricsData data) {
        write(Signal.METRICS, OtlpEncoder.metrics(data));
    }

    public ExporterSettings settings() {
        return settings;
    }

    /** One batch of any signal ({@link LogsData}, {@link TracesData} or {@link MetricsData}), e.g. from {@link OtlpSamples#mixed}. */
    public void write(Message data) {
        switch (data) {
            case LogsData logs -> write(logs);
            case TracesData traces -> write(traces);
            case MetricsData metrics -> write(metrics);
            default -> throw new IllegalArgumentException("not an OTLP data message: " + data.getDescriptorForType().getFullName());
        }
    }

    /** Every batch written so far, in order. */
    public List<BatchInterval> batches() {
        return List.copyOf(batches);
    }

    /** The finished (renamed) files so far, in the order they became visible. */
    public List<Path> finishedFiles() {
        return List.copyOf(finished);
    }

    /** The {@code *.parquet#N} files {@link ExporterSettings#stagingLeftovers()} left behind. */
    public List<Path> stagingLeftovers() {
        return List.copyOf(leftovers);
    }

    public Path base() {
        return base;
    }

    private void write(Signal signal, Map<OtapTable, TableBatch> encoded) {
        if (closed) throw new IllegalStateException("closed");
        long sequence = batches.size();
        if (settings.order() == ExporterSettings.Order.TRANSPORT_OPTIMIZED) encoded = TransportOrder.apply(encoded);
        Map<OtapTable, TableBatch> rewritten = new LinkedHashMap<>();
        PartitionIdGenerator.Assignment assignment = ids.assign(encoded, rewritten);
        batches.add(new BatchInterval(signal, sequence, assignment.partition(), assignment.offset(), assignment.maxId()));
        for (TableBatch batch : rewritten.values()) {
            batch = Templates.normalise(batch);
            if (settings.idWidths() == ExporterSettings.IdWidths.NARROW) batch = narrowIds(batch);
            if (!settings.requiredColumns()) batch = allNullable(batch);
            append(batch, assignment.partition(), sequence);
        }
        open.values().removeIf(file -> {
            if (file.rows() < settings.rotateRows()) return false;
            pending.add(file);
            return true;
        });
        finishReady();
    }

    private void append(TableBatch batch, UUID partition, long sequence) {
        String prefix = batch.table().directory() + (settings.partitioned() ? "/_part_id=" + partition : "");
        TableFile file = open.get(prefix);
        if (file != null && settings.idWidths() != ExporterSettings.IdWidths.UPSTREAM && file.incompatibility(batch) != null
                && idWidthDiffers(file, batch)) {
            pending.add(file);
            open.remove(prefix);
            file = null;
        }
        if (file == null) {
            Path directory = base.resolve(prefix);
            String name = "part-" + nextMillis() + "-" + uuid() + ".parquet";
            Map<String, String> metadata = PartitionIdGenerator.isRoot(batch.table())
                    ? Map.of("_part_id", partition.toString()) : Map.of();
            file = new TableFile(batch.table(), partition.toString(), directory.resolve(name),
                    directory.resolve(name + "#" + ++stagingCounter), batch.fields(), metadata, settings);
            open.put(prefix, file);
        }
        file.write(batch, sequence);
    }

    private static boolean idWidthDiffers(TableFile file, TableBatch batch) {
        for (String name : List.of("id", "parent_id")) {
            Column column = batch.column(name);
            ArrowField fileField = file.field(name);
            if (column != null && fileField != null && column.field().type() != fileField.type()) return true;
        }
        return false;
    }

    /** {@code id}/{@code parent_id} typed UInt16 when every value fits. */
    private static TableBatch narrowIds(TableBatch batch) {
        for (String name : List.of("id", "parent_id")) {
            Column column = batch.column(name);
            if (column == null || column.field().type() != ArrowType.UINT32) continue;
            boolean fits = column.values().stream().allMatch(v -> v == null || (Long) v <= 0xffff);
            if (fits) batch = batch.with(column.withField(column.field().withType(ArrowType.UINT16)));
        }
        return batch;
    }

    private static TableBatch allNullable(TableBatch batch) {
        List<Column> columns = new ArrayList<>();
        for (Column column : batch.columns()) columns.add(allNullable(column));
        return new TableBatch(batch.table(), columns, batch.rows());
    }

    private static Column allNullable(Column column) {
        if (!column.field().isStruct()) return column.withField(column.field().allNullable());
        List<Column> children = column.children().stream().map(ExporterSimulator::allNullable).toList();
        ArrowField field = column.field().withNullable(true).withChildren(children.stream().map(Column::field).toList());
        return column.withChildren(field, children);
    }

    /** The tables whose unflushed rows hold back a file of {@code table} (upstream's child lists, §5.2). */
    private List<OtapTable> children(OtapTable table) {
        List<OtapTable> children = new ArrayList<>();
        for (OtapTable candidate : OtapTable.values()) {
            if (candidate.parent().orElse(null) == table) children.add(candidate);
        }
        if (PartitionIdGenerator.isRoot(table)) {
            children.add(OtapTable.RESOURCE_ATTRS);
            children.add(OtapTable.SCOPE_ATTRS);
        }
        if (table == OtapTable.SPANS && settings.spansFlushDefect()) {
            children.set(children.indexOf(OtapTable.SPAN_ATTRS), OtapTable.LOG_ATTRS);
        }
        return children;
    }

    private boolean heldBack(TableFile file) {
        List<OtapTable> children = children(file.table());
        for (TableFile other : open.values()) {
            if (children.contains(other.table()) && other.holdsAny(file.batchSequences())) return true;
        }
        for (TableFile other : pending) {
            if (other != file && children.contains(other.table()) && other.holdsAny(file.batchSequences())) return true;
        }
        return false;
    }

    private void finishReady() {
        boolean progress = true;
        while (progress) {
            progress = false;
            for (TableFile file : List.copyOf(pending)) {
                if (!heldBack(file)) {
                    file.finish();
                    pending.remove(file);
                    finished.add(file.finalPath());
                    progress = true;
                }
            }
        }
    }

    /** Flushes every file (the exporter's shutdown {@code flush_all}), then leaves staging files if switched on. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        pending.addAll(open.values());
        open.clear();
        finishReady();
        if (!pending.isEmpty()) throw new IllegalStateException("files held back forever: " + pending);
        if (settings.stagingLeftovers()) leaveStagingFiles();
    }

    /** A crash's leftovers: a truncated copy of a finished file and a complete one never renamed. */
    private void leaveStagingFiles() {
        List<Path> files = finished.stream().sorted().toList();
        if (files.isEmpty()) return;
        try {
            Path truncatedOf = files.getFirst();
            byte[] bytes = Files.readAllBytes(truncatedOf);
            Path truncated = truncatedOf.resolveSibling(truncatedOf.getFileName() + "#" + ++stagingCounter);
            Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
            leftovers.add(truncated);
            Path completeOf = files.getLast();
            Path complete = completeOf.resolveSibling("part-" + nextMillis() + "-" + uuid() + ".parquet#" + ++stagingCounter);
            Files.copy(completeOf, complete);
            leftovers.add(complete);
        } catch (IOException e) {
            throw new UncheckedIOException("leaving staging files under " + base, e);
        }
    }

    private long nextMillis() {
        clockMillis += 1 + random.nextInt(3);
        return clockMillis;
    }

    /** A version-4 UUID from the seeded random source. */
    private UUID uuid() {
        long msb = (random.nextLong() & ~0xf000L) | 0x4000L;
        long lsb = (random.nextLong() & ~(0xc000_0000_0000_0000L)) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
