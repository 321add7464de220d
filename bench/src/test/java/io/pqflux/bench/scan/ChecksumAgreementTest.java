package io.pqflux.bench.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.bench.data.EventDataset;
import io.pqflux.bench.data.TaxiTripsFile;
import io.pqflux.bench.data.TempoShapedFile;
import io.pqflux.reactive.ParquetFlux;
import io.pqflux.filter.Predicate;
import io.pqflux.reactive.ScanOptions;
import io.pqflux.reactive.dataset.Dataset;
import io.pqflux.reactive.dataset.DatasetIndex;
import io.pqflux.reactive.dataset.DatasetMetrics;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Every pqflux path the benchmarks time folds exactly parquet-java's checksum, column by column. */
class ChecksumAgreementTest {

    @TempDir
    static Path directory;
    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodecName.class, names = {"SNAPPY", "ZSTD", "UNCOMPRESSED"})
    void flatScansAgreeWithParquetJava(CompressionCodecName codec) {
        Path file = TaxiTripsFile.get(directory, 20_000, codec);
        long[] expected = ParquetJavaScan.columnSums(file);
        assertThat(expected).hasSize(20).doesNotContain(0L);
        assertThat(PqfluxScan.columnSums(file)).containsExactly(expected);
        try (PqfluxChunkScan parallel = new PqfluxChunkScan(file, pool);
             PqfluxChunkScan oneThread = new PqfluxChunkScan(file, Runnable::run)) {
            assertThat(parallel.columnSums()).containsExactly(expected);
            assertThat(parallel.columnSums()).as("pooled readers are reusable").containsExactly(expected);
            assertThat(oneThread.columnSums()).containsExactly(expected);
        }
    }

    @Test
    void nestedScanAgreesWithParquetJava() {
        Path file = TempoShapedFile.get(directory, 300);
        long[] expected = ParquetJavaScan.columnSums(file);
        assertThat(expected).hasSize(103);
        assertThat(PqfluxScan.columnSums(file)).containsExactly(expected);
        try (PqfluxChunkScan parallel = new PqfluxChunkScan(file, pool)) {
            assertThat(parallel.checksum()).isEqualTo(ParquetJavaScan.checksum(file));
        }
    }

    @Test
    void fluxScansAgreeWithParquetJavaAcrossRowGroupsAndBatches() {
        Path file = TaxiTripsFile.get(directory, 60_000, CompressionCodecName.SNAPPY, 1);
        long expected = ParquetJavaScan.checksum(file);
        BatchFold fold;
        try (ParquetReader reader = ParquetReader.open(file)) {
            assertThat(reader.rowGroupCount()).isGreaterThan(1);
            fold = new BatchFold(reader);
        }
        // batches that start inside row groups, so entries are placed by row group and row within it
        ScanOptions slices = ScanOptions.defaults().withBatchRows(7_000);
        assertThat(fold.inOrder(ParquetFlux.batches(file, slices))).isEqualTo(expected);
        assertThat(fold.onRails(ParquetFlux.batches(file, slices), 2, Schedulers.parallel())).isEqualTo(expected);
        Scheduler oneThread = Schedulers.newSingle("fold-test");
        try {
            assertThat(fold.inOrder(ParquetFlux.batches(file, slices.withDecodeScheduler(oneThread).withSlicesInFlight(1))))
                    .isEqualTo(expected);
        } finally {
            oneThread.dispose();
        }
    }

    @Test
    void batchFoldRefusesRepeatedColumns() {
        try (ParquetReader reader = ParquetReader.open(TempoShapedFile.get(directory, 300))) {
            assertThatThrownBy(() -> new BatchFold(reader)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is repeated");
        }
    }

    @Test
    void checksumDependsOnEveryRow() {
        Path shorter = TaxiTripsFile.get(directory, 19_999, CompressionCodecName.SNAPPY);
        Path longer = TaxiTripsFile.get(directory, 20_000, CompressionCodecName.SNAPPY);
        assertThat(PqfluxScan.checksum(shorter)).isNotEqualTo(PqfluxScan.checksum(longer));
    }

    @Test
    void referenceChecksumIsParquetJavasAndCachedBesideTheFile() {
        Path file = TaxiTripsFile.get(directory, 5_000, CompressionCodecName.UNCOMPRESSED);
        long reference = ReferenceChecksum.of(file);
        assertThat(reference).isEqualTo(ParquetJavaScan.checksum(file));
        assertThat(ReferenceChecksum.of(file)).isEqualTo(reference);
        assertThat(file.resolveSibling(file.getFileName() + ".parquet-java-v1.sum")).exists();
    }

    @Test
    void datasetScansOfAnIdRangeAgreeWithParquetJavaWithAndWithoutPruning() {
        Path root = EventDataset.get(directory, 30, 100);
        // from the middle of file 10 to the middle of file 12
        IdRangeChecksum range = new IdRangeChecksum(EventDataset.COLUMNS, 1_050, 1_251);
        long expected = range.parquetJava(root);
        ReadOptions read = ReadOptions.defaults().withColumns(EventDataset.COLUMNS)
                .withFilter(Predicate.and(Predicate.gtEq("id", 1_050L), Predicate.lt("id", 1_251L)));
        ScanOptions options = ScanOptions.defaults().withBatchRows(30).withReadOptions(read);
        AtomicReference<DatasetMetrics> metrics = new AtomicReference<>();
        Dataset dataset = Dataset.local(root).withMetricsListener(metrics::set);

        assertThat(range.of(dataset.batches(options))).isEqualTo(expected);
        assertThat(metrics.get().filesSkippedByStatistics()).isEqualTo(27);
        assertThat(metrics.get().reads().rowsMatched()).isEqualTo(201);
        DatasetIndex index = DatasetIndex.build(Dataset.local(root), List.of("id"), false).block();
        assertThat(range.of(dataset.withIndex(index).batches(options))).isEqualTo(expected);
        assertThat(metrics.get().filesSkippedByIndex()).isEqualTo(27);

        // the checksum sees every row: one id fewer, or rows the reader did not filter, give other sums
        assertThat(new IdRangeChecksum(EventDataset.COLUMNS, 1_050, 1_250).parquetJava(root)).isNotEqualTo(expected);
        assertThat(range.of(dataset.batches(options.withReadOptions(read.withFilter(null))))).isNotEqualTo(expected);
    }

    @Test
    void idRangeChecksumNeedsTheIdAndFlatDataColumns() {
        assertThatThrownBy(() -> new IdRangeChecksum(List.of("amount"), 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lacks the id column");
        Path root = EventDataset.get(directory, 2, 10);
        IdRangeChecksum withPartition = new IdRangeChecksum(List.of("id", "day"), 0, 20);
        ScanOptions options = ScanOptions.defaults().withReadOptions(ReadOptions.defaults().withColumns(List.of("id", "day")));
        assertThatThrownBy(() -> withPartition.of(Dataset.local(root).batches(options)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("day of day=01/part-0000.parquet");
    }
}
