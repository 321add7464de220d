package io.pqflux.reader;

import io.pqflux.column.DictionaryForm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.column.ColumnVector;
import io.pqflux.internal.decode.LevelsOnlyVectors;
import io.pqflux.internal.decode.RowSlicer;
import io.pqflux.error.CorruptFileException;
import io.pqflux.format.meta.FieldRepetitionType;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.testdata.Corpus;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Slicing rows out of decoded vectors, flat and nested, with values materialised or as dictionary ids. */
class RowSlicerTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"data/alltypes_dictionary.parquet", "data/alltypes_tiny_pages.parquet", "data/binary.parquet",
            "data/nested_lists.snappy.parquet", "data/list_columns.parquet", "data/nullable.impala.parquet",
            "data/nulls.snappy.parquet", "data/fixed_length_decimal.parquet"})
    void slicedRowsHoldTheOriginalEntries(String file) {
        SplittableRandom random = new SplittableRandom(file.hashCode());
        for (boolean keepDictionary : new boolean[] {false, true}) {
            try (ParquetReader reader = ParquetReader.open(Corpus.file(file), ReadOptions.defaults().withDictionaryForm(keepDictionary ? DictionaryForm.KEPT : DictionaryForm.MATERIALIZED));
                 RowGroupBatch batch = reader.readRowGroup(0)) {
                for (ColumnVector vector : batch.columns()) {
                    List<List<String>> rows = rows(vector);
                    for (int attempt = 0; attempt < 10; attempt++) {
                        long[] intervals = randomIntervals(rows.size(), random);
                        List<List<String>> expected = new ArrayList<>();
                        for (int k = 0; k < intervals.length; k += 2) {
                            expected.addAll(rows.subList((int) intervals[k], (int) intervals[k + 1]));
                        }
                        try (ColumnVector sliced = RowSlicer.keepRows(vector, intervals)) {
                            assertThat(sliced.isDictionaryEncoded()).isEqualTo(vector.isDictionaryEncoded());
                            assertThat(rows(sliced)).as(file + " " + vector.column().dottedPath()).isEqualTo(expected);
                        }
                    }
                    try (ColumnVector empty = RowSlicer.keepRows(vector, new long[0])) {
                        assertThat(empty.size()).isZero();
                    }
                    assertThatThrownBy(() -> RowSlicer.keepRows(vector, new long[] {0, rows.size() + 1L}))
                            .isExactlyInstanceOf(CorruptFileException.class)
                            .hasMessageContaining("levels hold " + rows.size() + " rows but rows up to " + (rows.size() + 1));
                }
            }
        }
    }

    /** Entries before the first record belong to no row: slicing must not drop them silently. */
    @Test
    void levelsThatDoNotStartARecordAreCorrupt() {
        ColumnDescriptor xs = new ColumnDescriptor(0, "xs", List.of("xs"), PhysicalType.INT32, 0,
                FieldRepetitionType.REPEATED, 1, 1, null, null, 0, 0, List.of(FieldRepetitionType.REPEATED));
        try (ColumnVector vector = LevelsOnlyVectors.of(xs, new int[] {0, 0, 0}, new int[] {1, 0, 0})) {
            assertThatThrownBy(() -> RowSlicer.keepRows(vector, new long[] {0, 1}))
                    .isExactlyInstanceOf(CorruptFileException.class)
                    .hasMessageContaining("levels start with repetition level 1, not with a record");
        }
    }

    /** Each row as its entries: levels and, for present values, the value bytes. */
    private static List<List<String>> rows(ColumnVector v) {
        List<List<String>> rows = new ArrayList<>();
        int value = 0;
        for (int i = 0; i < v.size(); i++) {
            if (v.column().maxRepetitionLevel() == 0 || v.repetitionLevel(i) == 0) rows.add(new ArrayList<>());
            String entry = v.definitionLevel(i) + "/" + v.repetitionLevel(i);
            if (!v.isNull(i)) entry += "=" + ReadPathEquivalenceTest.render(v, value++);
            rows.getLast().add(entry);
        }
        assertThat(value).isEqualTo(v.valueCount());
        return rows;
    }

    private static long[] randomIntervals(int rows, SplittableRandom random) {
        List<Long> bounds = new ArrayList<>();
        long at = 0;
        while (at < rows && random.nextInt(4) != 0) {
            long start = at + random.nextInt(Math.max(1, rows / 4));
            if (start >= rows) break;
            long end = Math.min(rows, start + 1 + random.nextInt(Math.max(1, rows / 3)));
            bounds.add(start);
            bounds.add(end);
            at = end + random.nextInt(2);
        }
        return bounds.stream().mapToLong(Long::longValue).toArray();
    }
}
