package io.pqflux.reactive.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.filter.Predicate;
import io.pqflux.reactive.dataset.DatasetFiles.Row;
import io.pqflux.reactive.testkit.OffHeapReleased;
import io.pqflux.reader.FooterCache;
import io.pqflux.storage.http.HttpInputFile;
import io.pqflux.storage.http.testkit.NoBufferLeaks;
import io.pqflux.storage.http.testkit.ObjectServer;
import org.junit.jupiter.api.TestInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dataset tests over an object store on loopback (S3Proxy, Azurite; one subclass each): listing in pages of 7 keys,
 * footers and data through the store's files.
 */
@ExtendWith({NoBufferLeaks.class, OffHeapReleased.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ObjectStoreDatasetTest {

    private static final String BUCKET = "lake";

    @TempDir
    static Path root;
    private List<String> paths;
    private List<Row> expected;
    private ObjectServer server;

    /** The server the dataset is uploaded to. */
    abstract ObjectServer start() throws Exception;

    @BeforeAll
    void upload() throws Exception {
        paths = DatasetFiles.write(root);
        expected = DatasetFiles.oracle(root, paths);
        server = start();
        server.createContainer(BUCKET);
        for (String path : paths) server.put(BUCKET, "events/" + path, Files.readAllBytes(root.resolve(path)));
        server.put(BUCKET, "events/_SUCCESS", new byte[0]);
        server.put(BUCKET, "events/year=2024/_temporary/part-9.parquet", new byte[] {1, 2, 3});
        server.put(BUCKET, "events-other/part-0.parquet", new byte[] {1, 2, 3});
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private Dataset dataset(AtomicReference<DatasetMetrics> metrics) {
        return Dataset.of(server.store(BUCKET, "events")).withFilesInFlight(3).withMetricsListener(metrics::set);
    }

    @Test
    void listingPaginatesSkipsHiddenKeysAndTypesPartitions() {
        List<DatasetFile> files = Dataset.of(server.store(BUCKET, "events")).files().collectList().block();
        assertThat(files).extracting(DatasetFile::path).isEqualTo(paths);
        assertThat(files.getLast().partitionValues()).containsEntry("year", 2024L).containsEntry("month", 5L);
        assertThat(files.getFirst().identity().name()).isEqualTo(server.scheme() + "://lake/events/" + paths.getFirst());
    }

    @Test
    void scanEqualsParquetJavaAndPartitionsSkipFilesWithoutOpeningThem() {
        AtomicReference<DatasetMetrics> metrics = new AtomicReference<>();
        assertThat(LocalDatasetTest.scan(dataset(metrics), LocalDatasetTest.options(null))).isEqualTo(expected);
        assertThat(metrics.get().filesOpened()).isEqualTo(50);
        assertThat(metrics.get().requests()).isGreaterThanOrEqualTo(100);

        Predicate filter = Predicate.and(Predicate.eq("year", 2023L), Predicate.eq("month", 3));
        assertThat(LocalDatasetTest.scan(dataset(metrics), LocalDatasetTest.options(filter)))
                .isEqualTo(expected.stream().filter(r -> r.year() == 2023 && r.month() == 3).toList());
        assertThat(metrics.get().filesSkippedByPartition()).isEqualTo(45);
        assertThat(metrics.get().filesOpened()).isEqualTo(5);
    }

    @Test
    void aSecondScanParsesNoFooterAndCachedStatisticsSkipFiles() {
        FooterCache cache = FooterCache.ofMaxBytes(1 << 20);
        AtomicReference<DatasetMetrics> metrics = new AtomicReference<>();
        Dataset dataset = dataset(metrics).withFooterCache(cache);
        assertThat(dataset.schema().block().columns()).extracting(DatasetColumn::path)
                .containsExactly("id", "name", "score", "year", "month");
        long parsed = cache.metrics().misses();
        assertThat(parsed).isEqualTo(50);

        Predicate filter = Predicate.gtEq("id", 4_950L);
        assertThat(LocalDatasetTest.scan(dataset, LocalDatasetTest.options(filter)))
                .isEqualTo(expected.stream().filter(r -> r.id() >= 4_950).toList());
        assertThat(cache.metrics().misses()).isEqualTo(parsed);
        assertThat(metrics.get().footersParsed()).isZero();
        assertThat(metrics.get().filesSkippedByStatistics()).isEqualTo(49);
        assertThat(metrics.get().filesOpened()).isEqualTo(1);
    }

    @Test
    void theIndexSkipsObjectsWhoseFootersWereNeverFetched() {
        DatasetIndex index = DatasetIndex.build(Dataset.of(server.store(BUCKET, "events")), List.of("id"), true).block();
        AtomicReference<DatasetMetrics> metrics = new AtomicReference<>();
        assertThat(LocalDatasetTest.scan(dataset(metrics).withIndex(index),
                LocalDatasetTest.options(Predicate.eq("id", 2_345L))))
                .isEqualTo(expected.stream().filter(r -> r.id() == 2_345).toList());
        assertThat(metrics.get().filesSkippedByIndex()).isEqualTo(49);
        assertThat(metrics.get().footersParsed()).isEqualTo(1);
    }
}
