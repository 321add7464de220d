package io.pqflux.bench.data;

import io.opentelemetry.proto.logs.v1.LogsData;
import io.pqflux.bench.otap.LogsChecksum;
import io.pqflux.otap.generator.ExporterSettings;
import io.pqflux.otap.generator.ExporterSettings.ResourceScopeIds;
import io.pqflux.otap.generator.ExporterSimulator;
import io.pqflux.otap.generator.Golden;
import io.pqflux.otap.generator.OtlpSamples;
import io.pqflux.otap.golden.ParquetJavaOtap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A generated OpenTelemetry-Arrow Parquet exporter output holding only logs, in ONE {@code _part_id} partition (the
 * replay is single-threaded per partition): otap's exporter simulator with upstream's settings (arrow-rs writer
 * defaults: 1,048,576-row row groups, 20,000-row pages, dictionary on, uncompressed, V1 pages; no rotation before
 * 100 M rows, so one file per table) except that the nested {@code resource.id}/{@code scope.id} are offset
 * ({@link ResourceScopeIds#FIXED}), where a literal join is right for every batch and so both readers can be compared.
 * Input: {@link OtlpSamples#logsBatch} batches of {@link #RECORDS_PER_BATCH} records, as many as make about the asked
 * number of bytes of Parquet files.
 *
 * <p>Cached as {@code <root>/otap-logs-g<version>-<mb>mb-s<seed>/}: the export under {@code export/}, and in
 * {@code input.sum} the {@link LogsChecksum} of the generator's input as the exporter can preserve it
 * ({@link Golden#preserved}), which every replay must reproduce.
 */
public final class OtapLogsExport {

    /** The throughput suite's export: about 100 MB. */
    public static final long DEFAULT_BYTES = 100_000_000L;
    /** Every size the suites read (the memory suite's partitions): 10 MB, 100 MB, 1 GB. */
    public static final long[] SIZES = {10_000_000L, DEFAULT_BYTES, 1_000_000_000L};
    public static final long SEED = 12L;
    /** Records per exporter batch (one OTLP message per batch). */
    public static final int RECORDS_PER_BATCH = 4096;
    /** Bytes of Parquet per generated log record (measured: 400,000 records in 28.5 MB of files). */
    static final double BYTES_PER_RECORD = 71.3;
    /** Bump when the generator's output changes: it is part of the cached directory's name. */
    static final int GENERATOR_VERSION = 1;

    /**
     * One cached export.
     *
     * @param base      the exporter's base directory (tables below)
     * @param partition its one {@code _part_id}
     * @param input     the checksum of the generator's input
     */
    public record Export(Path base, String partition, LogsChecksum input) {
    }

    private OtapLogsExport() {
    }

    public static Export get(long targetBytes) {
        long batches = Math.max(1, Math.round(targetBytes / (BYTES_PER_RECORD * RECORDS_PER_BATCH)));
        String name = "otap-logs-g" + GENERATOR_VERSION + "-" + targetBytes / 1_000_000 + "mb-s" + SEED;
        Path root = DataDirectory.cachedDirectory(DataDirectory.root(), name, directory -> generate(directory, batches));
        Path base = root.resolve("export");
        List<String> partitions = ParquetJavaOtap.partitions(base);
        if (partitions.size() != 1) throw new IllegalStateException(base + " should hold one partition, holds " + partitions);
        try {
            return new Export(base, partitions.getFirst(), LogsChecksum.parse(Files.readString(root.resolve("input.sum"))));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + root.resolve("input.sum"), e);
        }
    }

    private static void generate(Path directory, long batches) {
        ExporterSettings settings = ExporterSettings.defaults().withSeed(SEED).withResourceScopeIds(ResourceScopeIds.FIXED);
        LogsChecksum input = new LogsChecksum();
        try (ExporterSimulator exporter = new ExporterSimulator(directory.resolve("export"), settings)) {
            for (int batch = 0; batch < batches; batch++) {
                LogsData logs = OtlpSamples.logsBatch(SEED, batch, RECORDS_PER_BATCH);
                input.add(Golden.preserved(logs));
                exporter.write(logs);
            }
        }
        try {
            Files.writeString(directory.resolve("input.sum"), input.toText());
        } catch (IOException e) {
            throw new UncheckedIOException("writing the input checksum under " + directory, e);
        }
    }
}
