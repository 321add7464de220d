package io.pqflux.reader;

import io.pqflux.column.DictionaryForm;
import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.filter.Predicate;
import io.pqflux.internal.filter.ValueOrder;
import io.pqflux.schema.ColumnDescriptor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Filtered reads against parquet-java's own filtering (statistics, dictionary, column index, bloom filter and
 * record-level filtering) on the predicates where both define the same rows: every non-floating-point column,
 * every operator, and/or, no {@code not}. Checks typed ordering (unsigned integers, decimals of both byte
 * forms, strings, UUIDs, dates) and null handling against an independent implementation.
 */
class ParquetJavaFilterDifferentialTest {

    @TempDir
    static Path directory;

    @ParameterizedTest(name = "dictionary {0}")
    @ValueSource(booleans = {true, false})
    void sameRowsAsParquetJava(boolean dictionary) throws IOException {
        Path file = FilterTestFile.write(directory.resolve("f" + dictionary + ".parquet"), 8_000, 2_500,
                WriterVersion.PARQUET_1_0, dictionary, dictionary ? 21 : 22);
        List<ColumnDescriptor> columns;
        List<List<Object>> values = new ArrayList<>();
        try (ParquetReader reader = ParquetReader.open(file); RowCursor rows = reader.rows()) {
            columns = CanonicalRows.flatColumns(rows).stream().filter(ParquetJavaFilterDifferentialTest::comparedAlike).toList();
            for (int c = 0; c < columns.size(); c++) values.add(new ArrayList<>());
            while (rows.next()) {
                for (int c = 0; c < columns.size(); c++) {
                    Object v = rows.getObject(columns.get(c).dottedPath());
                    if (v != null) values.get(c).add(v);
                }
            }
        }
        RandomPredicates predicates = new RandomPredicates(columns, values, 99, RandomPredicates.Dialect.PARQUET_JAVA);
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 80; i++) {
            Predicate predicate = predicates.next();
            List<Long> ours = new ArrayList<>();
            try (ParquetReader reader = ParquetReader.open(file, ReadOptions.defaults().withFilter(predicate)
                    .withColumns(List.of("id")).withDictionaryForm(random.nextBoolean() ? DictionaryForm.KEPT : DictionaryForm.MATERIALIZED));
                 RowCursor rows = reader.rows()) {
                while (rows.next()) ours.add(rows.getLong(0));
                List<Long> theirs = new ArrayList<>();
                for (Group g : ParquetJavaFilter.read(file, predicate, reader.schema()).records()) theirs.add(g.getLong("id", 0));
                assertThat(ours).as(predicate.toString()).isEqualTo(theirs);
            }
        }
    }

    /** parquet-java compares floating point (FLOAT16 included) with Float.compare, which differs on NaN and zeros. */
    private static boolean comparedAlike(ColumnDescriptor column) {
        return !ValueOrder.of(column).isFloatingPoint() && column.physicalType() != io.pqflux.format.meta.PhysicalType.INT96;
    }
}
