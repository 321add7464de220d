package io.pqflux.otap.generator;

import io.opentelemetry.proto.logs.v1.LogsData;
import io.opentelemetry.proto.metrics.v1.MetricsData;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.nio.file.Path;
import java.util.List;

/**
 * The small export bundled in {@code testdata/otap} for the README's quick start and the CLI tests: one exporter
 * writing logs, traces and metrics (shared resource and scope attribute tables), the upstream defaults (un-offset
 * resource and scope ids, dictionary pages, OTLP-encoder order), files rotated every 400 rows and an id space small
 * enough that a second {@code _part_id} partition starts, plus one staging leftover. Deterministic: {@code
 * BundledExportTest} regenerates it and compares the bytes.
 *
 * <pre>{@code ./mvnw -q -pl otap -am test-compile && java -cp … io.pqflux.otap.generator.BundledExport testdata/otap}</pre>
 */
public final class BundledExport {

    public static final long SEED = 2026;
    static final int BATCHES = 6;

    private BundledExport() {
    }

    public static List<LogsData> logs() {
        return OtlpSamples.logs(SEED, BATCHES, 40);
    }

    public static List<TracesData> traces() {
        return OtlpSamples.traces(SEED + 1, BATCHES, 30);
    }

    public static List<MetricsData> metrics() {
        return OtlpSamples.metrics(SEED + 2, BATCHES, 12);
    }

    public static ExporterSettings settings() {
        return ExporterSettings.defaults().withSeed(SEED).withRotateRows(400).withMaxIdsPerPartition(400)
                .withStagingLeftovers(true);
    }

    /** Writes the export under {@code base}, batches of the three signals interleaved as one exporter receives them. */
    public static void write(Path base) {
        List<LogsData> logs = logs();
        List<TracesData> traces = traces();
        List<MetricsData> metrics = metrics();
        try (ExporterSimulator exporter = new ExporterSimulator(base, settings())) {
            for (int i = 0; i < BATCHES; i++) {
                exporter.write(logs.get(i));
                exporter.write(traces.get(i));
                exporter.write(metrics.get(i));
            }
        }
    }

    public static void main(String[] args) {
        if (args.length != 1) throw new IllegalArgumentException("usage: BundledExport <directory>");
        write(Path.of(args[0]));
    }
}
