package io.pqflux.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.reader.ParquetReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generators write the same bytes for the same inputs, with the shape the suites rely on. */
class GeneratorsTest {

    @TempDir
    Path directory;

    @Test
    void taxiFileIsDeterministic() throws IOException {
        Path a = directory.resolve("a.parquet");
        Path b = directory.resolve("b.parquet");
        TaxiTripsFile.write(a, 3_000, CompressionCodecName.ZSTD);
        TaxiTripsFile.write(b, 3_000, CompressionCodecName.ZSTD);
        assertThat(Files.mismatch(a, b)).isEqualTo(-1);
        try (ParquetReader reader = ParquetReader.open(a)) {
            assertThat(reader.metaData().numRows()).isEqualTo(3_000);
            assertThat(reader.schema().columns()).hasSize(20);
        }
    }

    @Test
    void tempoShapedFileIsDeterministicAndHasEveryLeaf() throws IOException {
        Path a = directory.resolve("a.parquet");
        Path b = directory.resolve("b.parquet");
        TempoShapedFile.write(a, 200);
        TempoShapedFile.write(b, 200);
        assertThat(Files.mismatch(a, b)).isEqualTo(-1);
        try (ParquetReader reader = ParquetReader.open(a)) {
            assertThat(reader.metaData().numRows()).isEqualTo(200);
            assertThat(reader.schema().columns()).hasSize(103);
            assertThat(reader.schema().columns().stream().mapToInt(c -> c.maxRepetitionLevel()).max()).as("rs > ss > Spans > Events > Attrs > Value").hasValue(6);
        }
    }

    @Test
    void cachedFileIsGeneratedOnceAndNamedAfterItsInputs() throws IOException {
        Path first = TaxiTripsFile.get(directory, 1_000, CompressionCodecName.SNAPPY);
        long modified = Files.getLastModifiedTime(first).toMillis();
        Path again = TaxiTripsFile.get(directory, 1_000, CompressionCodecName.SNAPPY);
        assertThat(again).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(again).toMillis()).isEqualTo(modified);
        assertThat(first.getFileName().toString()).isEqualTo("taxi-v1-1000-snappy.parquet");
        try (var files = Files.list(directory)) {
            assertThat(files.filter(f -> f.toString().endsWith(".partial"))).isEmpty();
        }
    }
}
