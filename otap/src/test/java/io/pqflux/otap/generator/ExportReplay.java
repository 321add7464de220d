package io.pqflux.otap.generator;

import com.google.protobuf.Message;
import io.pqflux.otap.OtapExport;
import io.pqflux.otap.OtapTable;
import io.pqflux.otap.ReplayOptions;
import io.pqflux.otap.ReplayedBatch;
import io.pqflux.otap.Signal;
import io.pqflux.otap.UnjoinedRow;
import io.pqflux.otlp.OtlpJson;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One uninterrupted in-process replay of a signal of a local export, the reference for what a receiver wrote in
 * pieces (across restarts, crashes, polls): its batches as OTLP/JSON lines (what a {@code FileSink} appends), and its
 * records in the form of {@link Golden#records}, to compare with the generator's input.
 *
 * @param batches every batch of the signal, in replay order (partitions by name, batches in order within each)
 */
public record ExportReplay(Signal signal, List<ReplayedBatch<Message>> batches) {

    public ExportReplay {
        batches = List.copyOf(batches);
        batches.forEach(RecordCheck::checkEncoding);
    }

    /** {@code signal} of the export under {@code base}, replayed one partition after another. */
    public static ExportReplay of(Path base, Signal signal) {
        return new ExportReplay(signal, OtapExport.local(base).<Message>replay(signal, ReplayOptions.defaults().withPartitionsInParallel(1))
                .collectList().block(Duration.ofMinutes(5)));
    }

    /** The batches' OTLP/JSON lines, one a batch. */
    public List<String> lines() {
        return batches.stream().map(b -> OtlpJson.write(b.data())).toList();
    }

    /** The batches' records, flattened and canonical ({@link Flattened#canonicalRecords}). */
    public List<Message> records() {
        return batches.stream().flatMap(b -> Flattened.canonicalRecords(b.data()).stream()).toList();
    }

    /** An unjoined row that is about resource or scope attributes (the batch-aware join's reported ambiguity). */
    public static boolean resourceOrScope(UnjoinedRow row) {
        return row.reason().startsWith("resource.id") || row.reason().startsWith("scope.id")
                || row.table() == OtapTable.RESOURCE_ATTRS || row.table() == OtapTable.SCOPE_ATTRS;
    }

    /**
     * The lines of this signal among {@code output} (OTLP/JSON lines of any signals, one batch each), stably sorted by
     * the root file the replay has each of them in, root files in the replay's order (partitions one after another,
     * each partition's root files in creation order). A receiver that wrote the signal exactly once gives {@link
     * #lines()}, whatever poll or restart wrote which partition's batches when, and whichever of a partition's root
     * files became visible first; a lost line, a repeated one, one out of order within its root file or one the replay
     * does not have makes them differ (unknown lines sort last).
     */
    public List<String> rootFileOrdered(List<String> output) {
        Map<String, Integer> rootFileRank = new HashMap<>();
        Map<String, Integer> rootFiles = new HashMap<>();
        for (ReplayedBatch<Message> batch : batches) {
            int rank = rootFiles.computeIfAbsent(batch.position().rootFile(), file -> rootFiles.size());
            rootFileRank.put(OtlpJson.write(batch.data()), rank);
        }
        return output.stream().filter(line -> signalOf(line) == signal)
                .sorted(Comparator.comparingInt(line -> rootFileRank.getOrDefault(line, Integer.MAX_VALUE)))
                .toList();
    }

    /** The signal of an OTLP/JSON line of {@code LogsData}, {@code TracesData} or {@code MetricsData}. */
    public static Signal signalOf(String line) {
        for (Signal signal : Signal.values()) {
            if (line.startsWith(linePrefix(signal))) return signal;
        }
        throw new IllegalArgumentException("not an OTLP/JSON line of a signal: " + line.substring(0, Math.min(80, line.length())));
    }

    /** How an OTLP/JSON line of the signal's data message begins. */
    public static String linePrefix(Signal signal) {
        return switch (signal) {
            case LOGS -> "{\"resourceLogs\"";
            case TRACES -> "{\"resourceSpans\"";
            case METRICS -> "{\"resourceMetrics\"";
        };
    }
}
