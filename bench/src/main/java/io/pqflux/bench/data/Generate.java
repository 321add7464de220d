package io.pqflux.bench.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Generates (or finds in the cache) every file the benchmarks read, printing how long each took and its size,
 * so the first benchmark run does not hide generation inside a fork's setup (a dataset directory's size is its files' total).
 */
public final class Generate {

    /** The codecs of the flat-scan variants. */
    public static final CompressionCodecName[] FLAT_CODECS = {
        CompressionCodecName.SNAPPY, CompressionCodecName.ZSTD, CompressionCodecName.UNCOMPRESSED};

    private Generate() {
    }

    public static void main(String[] args) {
        System.out.println("data directory: " + DataDirectory.root());
        for (CompressionCodecName codec : FLAT_CODECS) {
            timed("taxi " + codec, () -> TaxiTripsFile.get(TaxiTripsFile.DEFAULT_ROWS, codec));
        }
        for (CompressionCodecName codec : FLAT_CODECS) {
            timed("taxi " + codec + " rg" + TaxiTripsFile.ALL_CORES_ROW_GROUP_MIB + "m", () -> TaxiTripsFile.get(
                    TaxiTripsFile.DEFAULT_ROWS, codec, TaxiTripsFile.ALL_CORES_ROW_GROUP_MIB));
        }
        if (TaxiTripsFile.OBJECT_STORAGE_ROW_GROUP_MIB != TaxiTripsFile.ALL_CORES_ROW_GROUP_MIB) {
            timed("taxi SNAPPY rg" + TaxiTripsFile.OBJECT_STORAGE_ROW_GROUP_MIB + "m", () -> TaxiTripsFile.get(
                    TaxiTripsFile.DEFAULT_ROWS, CompressionCodecName.SNAPPY, TaxiTripsFile.OBJECT_STORAGE_ROW_GROUP_MIB));
        }
        timed("tempo-shaped", () -> TempoShapedFile.get(TempoShapedFile.DEFAULT_TRACES));
        timed("wide footer", WideFooterFile::get);
        timed("tempo-production footer", TempoProductionFooterFile::get);
        timed("tempo block", () -> TempoBlockFile.get(TempoBlockFile.DEFAULT_BYTES).resolve("data.parquet"));
        timed("tempo tenant " + TempoTenantFiles.DEFAULT_BLOCKS + " blocks", () -> TempoTenantFiles.get(TempoTenantFiles.DEFAULT_BLOCKS));
        timed("dataset " + EventDataset.DEFAULT_FILES + " files", () -> EventDataset.get(EventDataset.DEFAULT_FILES,
                EventDataset.DEFAULT_ROWS_PER_FILE));
        for (long bytes : OtapLogsExport.SIZES) {
            timed("otap logs " + bytes / 1_000_000 + " MB", () -> OtapLogsExport.get(bytes).base());
        }
    }

    private static void timed(String what, Supplier<Path> file) {
        long start = System.nanoTime();
        Path path = file.get();
        long millis = (System.nanoTime() - start) / 1_000_000;
        try {
            System.out.printf(Locale.ROOT, "%-24s %8d ms %,14d bytes  %s%n", what, millis, bytes(path), path.getFileName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file's size, or the total of the files below a directory. */
    private static long bytes(Path path) throws IOException {
        if (!Files.isDirectory(path)) return Files.size(path);
        try (Stream<Path> walk = Files.walk(path)) {
            long total = 0;
            for (Path file : walk.filter(Files::isRegularFile).toList()) total += Files.size(file);
            return total;
        }
    }
}
