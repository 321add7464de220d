package io.pqflux.reader;

import io.pqflux.column.DictionaryForm;
import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.filter.Predicate;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.testdata.Corpus;
import io.pqflux.testdata.Manifest;
import io.pqflux.testdata.TestScale;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Filtered reads against an oracle: for random predicates over every readable corpus file and over files
 * parquet-java writes with many pages, indexes, dictionaries and bloom filters, the rows a filtered read
 * returns must be exactly the rows of the unfiltered read (itself checked against parquet-java by
 * {@link CorpusDifferentialTest}) that the predicate semantics, re-implemented on logical values by
 * {@link PredicateOracle}, accept — with the same values, also when the projection leaves the filtered
 * columns out.
 */
class FilteredReadDifferentialTest {

    /** Not fewer in pool debug mode: a quarter leaves a pruning level that never acts ({@link #everyPruningLevelActed}). */
    private static final int PREDICATES_PER_FILE = TestScale.scaled(40);
    private static final List<ReadMetrics> GENERATED_METRICS = new ArrayList<>();

    @TempDir
    static Path directory;

    private static Path generatedDictionary;
    private static Path generatedPlain;

    @BeforeAll
    static void writeFiles() {
        generatedDictionary = FilterTestFile.write(directory.resolve("dictionary.parquet"), 12_000, 3_000, WriterVersion.PARQUET_1_0, true, 11);
        // Format-2 files need DELTA encodings, which this reader does not decode yet; both files use V1 pages.
        generatedPlain = FilterTestFile.write(directory.resolve("plain.parquet"), 9_000, 4_000, WriterVersion.PARQUET_1_0, false, 12);
    }

    /** The flat corpus files: the reference table holds one value per column and row (nested filtering: NestedRoundTripTest). */
    static Stream<String> files() {
        return Stream.concat(Stream.of("generated:dictionary", "generated:plain"),
                Manifest.load().identicalFiles().stream().filter(FilteredReadDifferentialTest::isFlat));
    }

    private static boolean isFlat(String file) {
        try (ParquetReader reader = ParquetReader.open(Corpus.file(file))) {
            return reader.nestedSchema().fields().stream().allMatch(f -> f instanceof io.pqflux.nested.NestedField.Primitive);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void filteredRowsAreTheOracleRows(String file) {
        Path path = switch (file) {
            case "generated:dictionary" -> generatedDictionary;
            case "generated:plain" -> generatedPlain;
            default -> Corpus.file(file);
        };
        Table table = Table.read(path);
        SplittableRandom random = new SplittableRandom(file.hashCode());
        RandomPredicates predicates = new RandomPredicates(table.columns, table.presentValues(), random.nextLong(), RandomPredicates.Dialect.PQFLUX);
        for (int i = 0; i < PREDICATES_PER_FILE; i++) {
            Predicate predicate = predicates.next();
            List<String> projection = random.nextBoolean() ? null : table.randomProjection(random);
            List<Integer> expected = table.matching(predicate);
            ReadMetrics metrics;
            List<List<String>> actual = new ArrayList<>();
            ReadOptions options = ReadOptions.defaults().withFilter(predicate).withColumns(projection)
                    .withDictionaryForm(random.nextBoolean() ? DictionaryForm.KEPT : DictionaryForm.MATERIALIZED);
            try (ParquetReader reader = ParquetReader.open(path, options); RowCursor rows = reader.rows()) {
                while (rows.next()) actual.add(Table.render(rows));
                metrics = reader.metrics();
            }
            assertThat(actual).as(file + ": " + predicate + " projecting " + projection)
                    .isEqualTo(table.rows(expected, projection));
            assertThat(metrics.rowsMatched()).isEqualTo(expected.size());
            if (file.startsWith("generated")) GENERATED_METRICS.add(metrics);
        }
    }

    /** Guards against a pruning level that never acts: then the comparisons above would prove nothing of it. */
    @AfterAll
    static void everyPruningLevelActed() {
        assertThat(GENERATED_METRICS).as("generated files read").isNotEmpty();
        assertThat(GENERATED_METRICS.stream().mapToLong(ReadMetrics::rowGroupsSkippedByStatistics).sum()).isPositive();
        assertThat(GENERATED_METRICS.stream().mapToLong(ReadMetrics::rowGroupsSkippedByDictionary).sum()).isPositive();
        assertThat(GENERATED_METRICS.stream().mapToLong(ReadMetrics::rowGroupsSkippedByBloomFilter).sum()).isPositive();
        assertThat(GENERATED_METRICS.stream().mapToLong(ReadMetrics::pagesSkipped).sum()).isPositive();
        assertThat(GENERATED_METRICS.stream().mapToLong(m -> m.rowsScanned() - m.rowsMatched()).sum()).isPositive();
    }

    /** Every row of a file read without a filter: the reference the filtered reads are held to. */
    private record Table(List<ColumnDescriptor> columns, List<List<Object>> rows, List<List<String>> rendered) {

        static Table read(Path path) {
            List<List<Object>> rows = new ArrayList<>();
            List<List<String>> rendered = new ArrayList<>();
            List<ColumnDescriptor> columns;
            try (ParquetReader reader = ParquetReader.open(path); RowCursor cursor = reader.rows()) {
                columns = CanonicalRows.flatColumns(cursor);
                while (cursor.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int f = 0; f < columns.size(); f++) row.add(cursor.getObject(f));
                    rows.add(row);
                    rendered.add(render(cursor));
                }
            }
            return new Table(columns, rows, rendered);
        }

        List<List<Object>> presentValues() {
            List<List<Object>> values = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                List<Object> present = new ArrayList<>();
                for (List<Object> row : rows) {
                    if (row.get(c) != null) present.add(row.get(c));
                }
                values.add(present);
            }
            return values;
        }

        List<Integer> matching(Predicate predicate) {
            Map<String, Integer> index = new HashMap<>();
            for (int c = 0; c < columns.size(); c++) index.put(columns.get(c).dottedPath(), c);
            List<Integer> matching = new ArrayList<>();
            for (int r = 0; r < rows.size(); r++) {
                List<Object> row = rows.get(r);
                if (PredicateOracle.matches(predicate, column -> row.get(index.get(column)))) matching.add(r);
            }
            return matching;
        }

        List<List<String>> rows(List<Integer> indexes, List<String> projection) {
            List<List<String>> out = new ArrayList<>();
            for (int r : indexes) {
                List<String> row = new ArrayList<>();
                for (int c = 0; c < columns.size(); c++) {
                    if (projection == null || projection.contains(columns.get(c).dottedPath())) row.add(rendered.get(r).get(c));
                }
                out.add(row);
            }
            return out;
        }

        List<String> randomProjection(SplittableRandom random) {
            List<String> chosen = new ArrayList<>();
            for (ColumnDescriptor c : columns) {
                if (random.nextInt(3) == 0) chosen.add(c.dottedPath());
            }
            if (chosen.isEmpty()) chosen.add(columns.get(random.nextInt(columns.size())).dottedPath());
            return chosen;
        }

        static List<String> render(RowCursor cursor) {
            List<String> row = new ArrayList<>();
            for (int f = 0; f < CanonicalRows.flatColumns(cursor).size(); f++) {
                Object v = cursor.getObject(f);
                row.add(v instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(v));
            }
            return row;
        }
    }
}
