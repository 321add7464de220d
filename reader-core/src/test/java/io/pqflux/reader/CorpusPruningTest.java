package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.filter.Predicate;
import io.pqflux.testdata.Corpus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pruning on corpus files from other writers, level by level; that the rows are right is the differential
 * tests' job, this checks that each level does act, and only where the spec allows.
 */
class CorpusPruningTest {

    /** Rows read with {@code predicate} and the reader's counters afterwards. */
    private record Read(long rows, ReadMetrics metrics) {
    }

    private static Read read(String file, Predicate predicate) {
        return read(file, predicate, null);
    }

    private static Read read(String file, Predicate predicate, List<String> columns) {
        try (ParquetReader reader = ParquetReader.open(Corpus.file(file), ReadOptions.defaults().withFilter(predicate)
                .withColumns(columns)); RowCursor rows = reader.rows()) {
            long n = 0;
            while (rows.next()) n++;
            return new Read(n, reader.metrics());
        }
    }

    @Test
    void bloomFiltersWithAndWithoutTheirLength() {
        for (String file : List.of("data/data_index_bloom_encoding_stats.parquet", "data/data_index_bloom_encoding_with_length.parquet")) {
            Read absent = read(file, Predicate.eq("String", "Hello, world"));
            assertThat(absent.rows()).isZero();
            assertThat(absent.metrics().rowGroupsSkippedByBloomFilter()).as(file).isEqualTo(1);
            Read present = read(file, Predicate.in("String", "nope", "today"));
            assertThat(present.rows()).isEqualTo(1);
            assertThat(present.metrics().rowGroupsSkippedByBloomFilter()).isZero();
        }
        // without column_orders the second file's bounds are undefined: only the bloom filter may rule out
        assertThat(read("data/data_index_bloom_encoding_stats.parquet", Predicate.eq("String", "A")).metrics()
                .rowGroupsSkippedByStatistics()).isEqualTo(1);
        assertThat(read("data/data_index_bloom_encoding_with_length.parquet", Predicate.eq("String", "A")).metrics()
                .rowGroupsSkippedByBloomFilter()).isEqualTo(1);
    }

    @Test
    void dictionaryRulesOutValuesBetweenTheBounds() {
        Read read = read("data/sort_columns.parquet", Predicate.eq("b", "bb"));
        assertThat(read.rows()).isZero();
        assertThat(read.metrics().rowGroupsSkippedByDictionary()).isEqualTo(2);
        assertThat(read("data/sort_columns.parquet", Predicate.eq("b", "b")).rows()).isEqualTo(2);
    }

    @Test
    void pageIndexOfTinyPages() {
        Read read = read("data/alltypes_tiny_pages.parquet", Predicate.eq("id", 1234));
        assertThat(read.rows()).isEqualTo(1);
        assertThat(read.metrics().pagesRead() * 10).isLessThan(read.metrics().pages());
        assertThat(read.metrics().rowsScanned() * 20).isLessThan(read.metrics().rows());
    }

    @Test
    void nullPagesOfTheColumnIndex() {
        Read nonNull = read("data/int32_with_null_pages.parquet", Predicate.isNotNull("int32_field"));
        Read nulls = read("data/int32_with_null_pages.parquet", Predicate.isNull("int32_field"));
        assertThat(nonNull.rows() + nulls.rows()).isEqualTo(1000);
        assertThat(nulls.rows()).isEqualTo(275);
        assertThat(nonNull.metrics().pagesSkipped()).as("the null page").isPositive();
    }

    /** A column index claiming null pages in a required column with null counts of -1 proves nothing. */
    @Test
    void implausibleColumnIndexIsNotUsed() {
        Read read = read("data/datapage_v1-uncompressed-checksum.parquet", Predicate.eq("a", -1313688652));
        assertThat(read.rows()).isEqualTo(40);
        assertThat(read.metrics().rowGroupsSkippedByPageIndex()).isZero();
    }

    @Test
    void nanAndZeroStatisticsInBothColumnOrders() {
        String file = "data/floating_orders_nan_count.parquet";
        // total order: row groups 0, 1, 3, 4 by bounds, 2 because a NaN bound means every value is NaN
        Read ieee = read(file, Predicate.gt("double_ieee754", 5.0));
        assertThat(ieee.rows()).isZero();
        assertThat(ieee.metrics().rowGroupsSkippedByStatistics()).isEqualTo(5);
        // type order: no bounds with NaNs about; nan_count + null_count = num_values still rules out group 2
        Read typed = read(file, Predicate.gt("double_typedef", 5.0));
        assertThat(typed.rows()).isZero();
        assertThat(typed.metrics().rowGroupsSkippedByStatistics()).isEqualTo(4);
        for (String column : List.of("double_ieee754", "double_typedef", "float_ieee754", "float16_typedef")) {
            Object zero = column.startsWith("double") ? (Object) 0.0 : (Object) 0.0f;
            Object negativeZero = column.startsWith("double") ? (Object) (-0.0) : (Object) (-0.0f);
            assertThat(read(file, Predicate.eq(column, zero)).rows()).as(column).isEqualTo(10);
            assertThat(read(file, Predicate.eq(column, negativeZero)).rows()).as(column).isEqualTo(10);
            assertThat(read(file, Predicate.lt(column, zero)).metrics().rowGroupsSkippedByStatistics()).as(column)
                    .isGreaterThanOrEqualTo(1);
        }
    }

    /** pyarrow 0.8 wrote NaN as the maximum: it must be ignored, not read as "nothing above NaN". */
    @Test
    void nanMaximumIsIgnored() {
        Read above = read("data/nan_in_stats.parquet", Predicate.gt("x", 0.5));
        assertThat(above.rows()).isEqualTo(1);
        assertThat(read("data/nan_in_stats.parquet", Predicate.lt("x", 1.0)).metrics().rowGroupsSkippedByStatistics()).isEqualTo(1);
    }
}
