package io.pqflux.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.column.ColumnVector;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.RowGroupBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    @Test
    void eventDatasetIsCachedAsOneDirectoryOfDayFoldersWithDisjointIds() throws IOException {
        Path root = EventDataset.get(directory, 150, 20);
        assertThat(root.getFileName().toString()).isEqualTo("events-v1-150x20");
        List<Path> files;
        try (var walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).hasSize(150);
        assertThat(root.relativize(files.getFirst()).toString()).isEqualTo("day=01/part-0000.parquet");
        assertThat(root.relativize(files.getLast()).toString()).isEqualTo("day=02/part-0149.parquet");
        for (int f : new int[] {0, 99, 100, 149}) {
            try (ParquetReader reader = ParquetReader.open(files.get(f));
                 RowGroupBatch batch = reader.readRowGroup(0)) {
                assertThat(reader.rowGroupCount()).isEqualTo(1);
                assertThat(reader.schema().columns()).extracting(c -> c.dottedPath()).isEqualTo(EventDataset.COLUMNS);
                ColumnVector ids = batch.columns().getFirst();
                assertThat(ids.size()).isEqualTo(20);
                for (int r = 0; r < 20; r++) assertThat(ids.getLong(r)).isEqualTo(EventDataset.firstId(f, 20) + r);
            }
        }
        long modified = Files.getLastModifiedTime(files.getFirst()).toMillis();
        assertThat(EventDataset.get(directory, 150, 20)).isEqualTo(root);
        assertThat(Files.getLastModifiedTime(files.getFirst()).toMillis()).as("not generated again").isEqualTo(modified);
        try (var entries = Files.list(directory)) {
            assertThat(entries).as("no partial directory left").containsExactly(root);
        }
        Path again = EventDataset.get(directory.resolve("again"), 150, 20);
        assertThat(Files.mismatch(files.get(123), again.resolve("day=02/part-0123.parquet"))).isEqualTo(-1);
    }
}
