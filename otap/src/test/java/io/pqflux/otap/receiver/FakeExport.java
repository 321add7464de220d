package io.pqflux.otap.receiver;

import com.google.protobuf.Message;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.LogsData;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.MetricsData;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.otap.BatchPosition;
import io.pqflux.otap.ExportListing;
import io.pqflux.otap.OtapTable;
import io.pqflux.otap.PartFile;
import io.pqflux.otap.PartitionProgress;
import io.pqflux.otap.ReplayOptions;
import io.pqflux.otap.ReplayedBatch;
import io.pqflux.otap.Signal;
import io.pqflux.otap.generator.ExportReplay;
import io.pqflux.otlp.testing.OtlpJsonDecoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A stand-in for {@code OtapExport} until the join lands: files appear when a test adds them, each root file holding
 * hand-made batches, and the replay honours what the real one promises — only listed files, partitions in order, root
 * files in creation order and only those {@code rootFiles} accepts, batches skipped as a partition's progress says, errors
 * naming a file for files the test marks as corrupt. Every batch holds one record whose text is {@code
 * <rootFile>#<endRow>}, so outputs can be compared with what was added.
 */
final class FakeExport implements BatchSource {

    static final String BASE = "/exports/otap";

    private final List<PartFile> files = new CopyOnWriteArrayList<>();
    private final Map<String, List<ReplayedBatch<Message>>> batches = new HashMap<>();
    private final Map<String, RuntimeException> failures = new HashMap<>();
    private final AtomicInteger uuids = new AtomicInteger();
    final AtomicInteger replays = new AtomicInteger();

    /** Adds a root file of {@code signal} in {@code partition} with {@code batchRows.length} batches; its path. */
    synchronized String addRootFile(Signal signal, String partition, long createdMillis, int... batchRows) {
        PartFile file = file(signal.root(), partition, createdMillis);
        List<ReplayedBatch<Message>> fileBatches = new ArrayList<>();
        long endRow = 0;
        for (int rows : batchRows) {
            endRow += rows;
            BatchPosition position = new BatchPosition(partition, file.path(), endRow);
            fileBatches.add(new ReplayedBatch<>(signal, position, data(signal, file.path() + "#" + endRow), 1, List.of()));
        }
        batches.put(file.path(), fileBatches);
        files.add(file);
        return file.path();
    }

    /** Adds a child file (no batches of its own); its path. */
    synchronized String addChildFile(OtapTable table, String partition, long createdMillis) {
        PartFile file = file(table, partition, createdMillis);
        files.add(file);
        return file.path();
    }

    /** Removes a file from the listing, as retention deletes it. */
    synchronized void delete(String path) {
        files.removeIf(f -> f.path().equals(path));
        batches.remove(path);
    }

    /** Marks a file corrupt: a replay of its partition fails when it reaches the file (a child: at once). */
    synchronized void corrupt(String path, RuntimeException error) {
        failures.put(path, error);
    }

    /** The records every batch of {@code signal} added so far holds, in delivery order of one full replay. */
    synchronized List<String> expectedRecords(Signal signal) {
        ExportListing listing = snapshot();
        List<String> records = new ArrayList<>();
        for (String partition : listing.partitions()) {
            for (PartFile root : listing.files(signal.root(), partition)) {
                if (failures.containsKey(root.path())) continue;
                for (ReplayedBatch<Message> b : batches.get(root.path())) records.add(text(b.data()));
            }
        }
        return records;
    }

    @Override
    public Mono<ExportListing> listing() {
        return Mono.fromCallable(this::snapshot).subscribeOn(Schedulers.boundedElastic());
    }

    private synchronized ExportListing snapshot() {
        return new ExportListing(BASE, List.copyOf(files), Map.of());
    }

    @Override
    public Flux<ReplayedBatch<Message>> replay(ExportListing listing, Signal signal, ReplayOptions options) {
        replays.incrementAndGet();
        List<Flux<ReplayedBatch<Message>>> partitions = new ArrayList<>();
        for (String partition : listing.partitions()) {
            if (!options.partitions().isEmpty() && !options.partitions().contains(partition)) continue;
            partitions.add(Flux.defer(() -> partition(listing, signal, partition,
                    options.progress().getOrDefault(partition, PartitionProgress.none(partition)), options)));
        }
        return Flux.concat(partitions).subscribeOn(Schedulers.boundedElastic());
    }

    private synchronized Flux<ReplayedBatch<Message>> partition(ExportListing listing, Signal signal, String partition,
                                                                PartitionProgress progress, ReplayOptions options) {
        BatchPosition after = progress.upTo();
        // a corrupt child fails the partition before any of its batches, as a join reading it would
        for (PartFile file : listing.files()) {
            if (file.partition().equals(partition) && file.table() != signal.root()
                    && file.table().signal().map(s -> s == signal).orElse(true) && failures.containsKey(file.path())) {
                return Flux.error(failures.get(file.path()));
            }
        }
        List<PartFile> roots = listing.files(signal.root(), partition);
        List<ReplayedBatch<Message>> out = new ArrayList<>();
        boolean reached = after == null;
        for (PartFile root : roots) {
            if (!options.rootFiles().test(root)) break; // a younger root file waits, and so do the ones after it
            if (failures.containsKey(root.path())) {
                return Flux.concat(Flux.fromIterable(out), Flux.error(failures.get(root.path())));
            }
            for (ReplayedBatch<Message> batch : batches.get(root.path())) {
                if (!reached) {
                    if (root.path().equals(after.rootFile()) && batch.position().endRow() == after.endRow()) reached = true;
                    continue;
                }
                if (!progress.consumedInItsFile(batch.position())) out.add(batch);
            }
            if (!reached && root.path().equals(after.rootFile())) {
                throw new AssertionError("position " + after + " is not a batch end");
            }
        }
        if (!reached) throw new AssertionError("position " + after + " is not in the listing");
        return Flux.fromIterable(out);
    }

    private PartFile file(OtapTable table, String partition, long createdMillis) {
        String uuid = String.format("00000000-0000-0000-0000-%012d", uuids.incrementAndGet());
        String path = table.directory() + "/_part_id=" + partition + "/part-" + createdMillis + "-" + uuid + ".parquet";
        return new PartFile(table, partition, createdMillis, uuid, path, 1000);
    }

    static Message data(Signal signal, String text) {
        return switch (signal) {
            case LOGS -> LogsData.newBuilder().addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder()
                    .addLogRecords(LogRecord.newBuilder().setBody(AnyValue.newBuilder().setStringValue(text))))).build();
            case TRACES -> TracesData.newBuilder().addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder()
                    .addSpans(Span.newBuilder().setName(text)))).build();
            case METRICS -> MetricsData.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder().addScopeMetrics(
                    ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder().setName(text)))).build();
        };
    }

    /** The message of an OTLP/JSON line (of any signal) that {@link #data} made. */
    static Message decode(String line) {
        return OtlpJsonDecoder.decode(line, switch (ExportReplay.signalOf(line)) {
            case LOGS -> LogsData.getDefaultInstance();
            case TRACES -> TracesData.getDefaultInstance();
            case METRICS -> MetricsData.getDefaultInstance();
        });
    }

    /** The text {@link #data} put into a message. */
    static String text(Message data) {
        return switch (data) {
            case LogsData logs -> logs.getResourceLogs(0).getScopeLogs(0).getLogRecords(0).getBody().getStringValue();
            case TracesData traces -> traces.getResourceSpans(0).getScopeSpans(0).getSpans(0).getName();
            case MetricsData metrics -> metrics.getResourceMetrics(0).getScopeMetrics(0).getMetrics(0).getName();
            default -> throw new IllegalArgumentException(data.getClass().getName());
        };
    }
}
