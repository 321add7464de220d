package io.pqflux.reactive.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.column.ColumnVector;
import io.pqflux.filter.Predicate;
import io.pqflux.reactive.ScanOptions;
import io.pqflux.reactive.dataset.DatasetFiles.Row;
import io.pqflux.reactive.testkit.OffHeapReleased;
import io.pqflux.reader.FooterCache;
import io.pqflux.reader.FooterCacheMetrics;
import io.pqflux.reader.ReadOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.blockhound.BlockHound;

@ExtendWith(OffHeapReleased.class)
class LocalDatasetTest {

    static final List<String> COLUMNS = List.of("id", "name", "score", "year", "month");

    @TempDir
    static Path root;
    static List<String> paths;
    static List<Row> expected;

    @BeforeAll
    static void writeDataset() {
        BlockHound.install();
        paths = DatasetFiles.write(root);
        expected = DatasetFiles.oracle(root, paths);
    }

    static ScanOptions options(Predicate filter) {
        return ScanOptions.defaults().withBatchRows(30).withReadOptions(
                ReadOptions.defaults().withColumns(COLUMNS).withFilter(filter));
    }

    /** The rows of a scan (matching rows only), values copied out, every batch closed. */
    static List<Row> scan(Dataset dataset, ScanOptions options) {
        return dataset.batches(options).concatMapIterable(LocalDatasetTest::rows).collectList().block();
    }

    static List<Row> rows(DatasetBatch batch) {
        try (batch) {
            assertThat(batch.columnNames()).isEqualTo(COLUMNS);
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < batch.data().selectedRowCount(); i++) {
                int row = batch.data().selectedRow(i);
                rows.add(new Row((Long) value(batch.column("id"), row), (String) value(batch.column("name"), row),
                        (Double) value(batch.column("score"), row), (Long) value(batch.column("year"), row),
                        (Long) value(batch.column("month"), row)));
            }
            return rows;
        }
    }

    /** The value of a flat column in batch row {@code row}: vectors pack non-null values densely. */
    static Object value(DatasetBatch.Column column, int row) {
        return switch (column) {
            case DatasetBatch.Column.Constant c -> c.value();
            case DatasetBatch.Column.Vector(ColumnVector v) -> {
                if (v.isNull(row)) yield null;
                int valueIndex = 0;
                for (int e = 0; e < row; e++) if (!v.isNull(e)) valueIndex++;
                yield switch (v.column().physicalType()) {
                    case INT64 -> v.getLong(valueIndex);
                    case DOUBLE -> v.getDouble(valueIndex);
                    case BYTE_ARRAY -> new String(v.getByteArray(valueIndex), java.nio.charset.StandardCharsets.UTF_8);
                    default -> throw new AssertionError(v.column());
                };
            }
        };
    }

    static Dataset dataset(AtomicReference<DatasetMetrics> metrics) {
        return Dataset.local(root).withFilesInFlight(3).withMetricsListener(metrics::set);
    }

    @Test
    void scanEqualsParquetJavaPlusPartitionValuesWithNullsForMissingColumns() {
        AtomicReference<DatasetMetrics> metrics = new AtomicReference<>();
        assertThat(scan(dataset(metrics), options(null))).isEqualTo(expected);
        assertThat(metrics.get().files()).isEqualTo(50);
        assertThat(metrics.get().filesOpened()).isEqualTo(50);
        assertThat(metrics.get().filesSkipped()).isZero();
        assertThat(metrics.get().reads().rowsMatched()).isEqualTo(5000);
    }

    @Test
    void listingIsSortedWithTypedPartitionsAndMergedSchema() {
        List<DatasetFile> files = Dataset.local(root).files().collectList().block();
        assertThat(files).extracting(DatasetFile::path).isEqualTo(paths);
        assertThat(files.getFirst().partitionValues()).containsEntry("year", 2023L).containsEntry("month", 1L);
        DatasetSchema schema = Dataset.local(root).schema().block();
        assertThat(schema.columns()).extracting(DatasetColumn::path).containsExactly("id", "name", "score", "year", "month");
        assertThat(schema.partitionColumns()).extracting(DatasetColumn::path).containsExactly("year", "month");
    }

    @Test
    void withoutProjectionTheMergedSchemaIsRead() {
        List<List<String>> names = Dataset.local(root).batches(ScanOptions.defaults())
                .map(batch -> {
                    try (batch) {
                        return batch.columnNames();
                    }
                }).distinct().collectList().block();
        assertThat(names).isEqualTo(List.of(List.of("id", "name", "score", "year", "month")));
    }

    @Test
    void aScanSplitIntoFilesAndRowRangesReadsWhatTheWholeScanReads() {
        Predicate filter = Predicate.and(Predicate.eq("year", 2024), Predicate.gtEq("id", 10L));
        List<DatasetFile> files = Dataset.local(root).files(filter).collectList().block();
        assertThat(files).as("the partition filter leaves the 2024 files").isNotEmpty()
                .allSatisfy(file -> assertThat(file.partitionValues()).containsEntry("year", 2024L))
                .hasSizeLessThan(paths.size());
        List<Row> split = new ArrayList<>();
        int half = DatasetFiles.ROWS_PER_FILE / 2;
        for (DatasetFile file : files) {
            for (long[] rows : new long[][] {{0, half}, {half, DatasetFiles.ROWS_PER_FILE}}) {
                ScanOptions options = options(filter);
                split.addAll(Dataset.local(root).batches(file, options.withReadOptions(options.readOptions().withRows(rows[0], rows[1])))
                        .concatMapIterable(LocalDatasetTest::rows).collectList().block());
            }
        }
        assertThat(split).isEqualTo(scan(Dataset.local(root), options(filter))).isNotEmpty();
        assertThatThrownBy(() -> Dataset.local(root).batches(files.getFirst(), ScanOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names its columns");
    }

    @Test
    void partitionPredicatesSkipFilesWithoutOpeningThem() {
        AtomicReference<DatasetMetrics> metrics = new AtomicReference<>();
        Predicate filter = Predicate.and(Predicate.eq("year", 2024), Predicate.in("month", 1, 2),
                Predicate.gtEq("id", 0L));
        assertThat(scan(dataset(metrics), options(filter)))
                .isEqualTo(expected.stream().filter(r -> r.year() == 2024 && r.month() <= 2).toList());
        assertThat(metrics.get().filesSkippedByPartition()).isEqualTo(40);
        assertThat(metrics.get().filesOpened()).isEqualTo(10);
    }

    @Test
    void predicatesOnMissingColumnsFoldPerFile() {
        AtomicReference<DatasetMetrics> metrics = new AtomicReference<>();
        assertThat(scan(dataset(metrics), options(Predicate.isNull("score"))))
                .isEqualTo(expected.stream().filter(r -> r.score() == null).toList());
        assertThat(scan(dataset(metrics), options(Predicate.gt("score", 100.0))))
                .isEqualTo(expected.stream().filter(r -> r.score() != null && r.score() > 100.0).toList());
        // months 04 and 05 have no score: ruled out by their schema once their footer is known
        assertThat(metrics.get().filesSkippedByStatistics()).isGreaterThanOrEqualTo(20);
    }

    @Test
    void cachedFootersSkipFilesAndASecondScanParsesNoFooter() {
        FooterCache cache = FooterCache.ofMaxBytes(1 << 20);
        AtomicReference<DatasetMetrics> metrics = new AtomicReference<>();
        Dataset dataset = dataset(metrics).withFooterCache(cache);
        assertThat(scan(dataset, options(null))).isEqualTo(expected);
        FooterCacheMetrics afterFirst = cache.metrics();
        assertThat(afterFirst.misses()).isEqualTo(50);
        assertThat(metrics.get().footersParsed()).isEqualTo(50);

        Predicate filter = Predicate.gtEq("id", 4_950L);
        assertThat(scan(dataset, options(filter))).isEqualTo(expected.stream().filter(r -> r.id() >= 4_950).toList());
        assertThat(cache.metrics().misses()).as("footers parsed by the second scan").isEqualTo(afterFirst.misses());
        assertThat(metrics.get().footersParsed()).isZero();
        assertThat(metrics.get().filesSkippedByStatistics()).isEqualTo(49);
        assertThat(metrics.get().filesOpened()).isEqualTo(1);
        // in the last file, the reader rules out the row groups before id 4950 by their statistics
        assertThat(metrics.get().reads().rowGroupsSkippedByStatistics()).isPositive();
        assertThat(metrics.get().reads().rowsMatched()).isEqualTo(50);
    }

    @Test
    void theIndexSkipsFilesWhoseFootersWereNeverRead(@TempDir Path sidecar) {
        DatasetIndex built = DatasetIndex.build(Dataset.local(root), List.of("id", "name", "score"), true).block();
        built.write(sidecar.resolve(DatasetIndex.FILE_NAME));
        DatasetIndex index = DatasetIndex.read(sidecar.resolve(DatasetIndex.FILE_NAME));
        assertThat(index.files()).isEqualTo(paths);
        assertThat(index.columns()).containsExactly("id", "name", "score");

        // min/max: only the last file may hold ids >= 4950
        AtomicReference<DatasetMetrics> metrics = new AtomicReference<>();
        Dataset indexed = dataset(metrics).withIndex(index);
        assertThat(scan(indexed, options(Predicate.gtEq("id", 4_950L))))
                .isEqualTo(expected.stream().filter(r -> r.id() >= 4_950).toList());
        assertThat(metrics.get().filesSkippedByIndex()).isEqualTo(49);
        assertThat(metrics.get().footersParsed()).isEqualTo(1);

        // bloom filters: id 1234 lies inside many files' [min, max] only by its file; ids are unique
        Dataset fresh = Dataset.local(root).withIndex(index).withMetricsListener(metrics::set);
        assertThat(scan(fresh, options(Predicate.in("id", 1_234L, 777_777L))))
                .isEqualTo(expected.stream().filter(r -> r.id() == 1_234).toList());
        assertThat(metrics.get().filesOpened()).isEqualTo(1);

        // absent columns: months 04 and 05 have no score, so "score > 0" skips them by the index alone
        scan(Dataset.local(root).withIndex(index).withMetricsListener(metrics::set),
                options(Predicate.gt("score", -1.0)));
        assertThat(metrics.get().filesSkippedByIndex()).isEqualTo(20);
        assertThat(metrics.get().filesOpened()).isEqualTo(30);
    }

    @Test
    void staleIndexEntriesAreIgnored(@TempDir Path copy) throws Exception {
        Path file = copy.resolve("year=2024/month=01/part-0.parquet");
        DatasetFiles.write(file, DatasetFiles.FULL, 0);
        DatasetIndex index = DatasetIndex.build(Dataset.local(copy), List.of("id"), false).block();
        // replaced: ids 4900.. now, and another length and modification time
        java.nio.file.Files.delete(file);
        DatasetFiles.write(file, DatasetFiles.NO_SCORE, 49);
        java.nio.file.Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(1_000));
        AtomicReference<DatasetMetrics> metrics = new AtomicReference<>();
        List<Row> rows = Dataset.local(copy).withIndex(index).withMetricsListener(metrics::set)
                .batches(options(Predicate.gtEq("id", 4_900L))).concatMapIterable(LocalDatasetTest::rows)
                .collectList().block();
        assertThat(rows).hasSize(100);
        assertThat(metrics.get().filesSkippedByIndex()).isZero();
    }

    @Test
    void conflictingTypesFailNamingBothFiles(@TempDir Path conflict) {
        var longIds = MessageTypeParser.parseMessageType("message m { required int64 id; }");
        var textIds = MessageTypeParser.parseMessageType("message m { required binary id (STRING); }");
        List<Group> a = List.of(new SimpleGroupFactory(longIds).newGroup().append("id", 1L));
        List<Group> b = List.of(new SimpleGroupFactory(textIds).newGroup().append("id", "one"));
        DatasetFiles.writeRecords(conflict.resolve("a.parquet"), longIds, a);
        DatasetFiles.writeRecords(conflict.resolve("sub/b.parquet"), textIds, b);
        String first = conflict.resolve("a.parquet").toString();
        String second = conflict.resolve("sub/b.parquet").toString();
        assertThatThrownBy(() -> Dataset.local(conflict).schema().block())
                .isInstanceOfSatisfying(SchemaConflictException.class, e -> {
                    assertThat(e.column()).isEqualTo("id");
                    assertThat(e.firstFile()).isEqualTo(first);
                    assertThat(e.secondFile()).isEqualTo(second);
                    assertThat(e.getMessage()).contains("INT64", "BYTE_ARRAY", first, second);
                });
        ScanOptions options = ScanOptions.defaults().withReadOptions(ReadOptions.defaults().withColumns(List.of("id")));
        assertThatThrownBy(() -> Dataset.local(conflict).batches(options).doOnNext(DatasetBatch::close).blockLast())
                .isInstanceOfSatisfying(SchemaConflictException.class, e -> {
                    assertThat(e.firstFile()).isEqualTo(first);
                    assertThat(e.secondFile()).isEqualTo(second);
                });
    }
}
