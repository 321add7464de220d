package io.pqflux.cli;

import static io.pqflux.cli.CliRun.corpus;
import static io.pqflux.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code pqflux cat --where} and {@code --stats}. */
class CatWhereTest {

    private static final String TINY_PAGES = corpus("data/alltypes_tiny_pages.parquet");

    private static List<String> cat(String... args) {
        return CliRun.successfulLines(args);
    }

    @Test
    void comparisonsBooleansAndNullChecks() {
        // rows come in file order, which is not id order in this file
        assertThat(cat("cat", TINY_PAGES, "--columns", "id", "--where", "id >= 10 and id < 13 and not (bool_col is null)"))
                .containsExactlyInAnyOrder("{\"id\":10}", "{\"id\":11}", "{\"id\":12}");
        assertThat(cat("cat", TINY_PAGES, "--columns", "id,bool_col", "--where", "id in (1, 2, 3) AND bool_col = false"))
                .containsExactlyInAnyOrder("{\"id\":1,\"bool_col\":false}", "{\"id\":3,\"bool_col\":false}");
        assertThat(cat("cat", TINY_PAGES, "--where", "id = 1 and id != 1")).isEmpty();
        assertThat(cat("cat", TINY_PAGES, "--columns", "id", "--where", "id <> 0 and id <= 2 or id == 7300 or id = 7299"))
                .containsExactlyInAnyOrder("{\"id\":1}", "{\"id\":2}", "{\"id\":7299}");
    }

    @Test
    void stringsBytesDecimalsDatesAndTimestamps() {
        assertThat(cat("cat", corpus("data/byte_array_decimal.parquet"), "--where", "value > 22.5 or value = '1'"))
                .containsExactly("{\"value\":\"1.00\"}", "{\"value\":\"23.00\"}", "{\"value\":\"24.00\"}");
        // string_col has no UTF8 annotation here: a quoted string is its UTF-8 bytes, x'..' gives them in hex
        assertThat(cat("cat", TINY_PAGES, "--columns", "id", "--where", "string_col = x'37' and id < 30 and date_string_col = '01/01/09'"))
                .containsExactly("{\"id\":7}");
        assertThat(cat("cat", corpus("data/int96_from_spark.parquet"), "--where", "a >= '2024-01-01T12:00:00Z'"))
                .containsExactly("{\"a\":\"2024-01-01T20:34:56.123456000Z\"}", "{\"a\":\"9999-12-31T03:00:00.000000000Z\"}",
                        "{\"a\":\"2024-12-30T23:00:00.000000000Z\"}");
        assertThat(cat("cat", corpus("data/data_index_bloom_encoding_stats.parquet"), "--where", "\"String\" in ('today', 'dog')"))
                .containsExactly("{\"String\":\"today\"}", "{\"String\":\"dog\"}");
    }

    @Test
    void floatingPointNaNAndZeros() {
        String file = corpus("data/floating_orders_nan_count.parquet");
        assertThat(cat("cat", file, "--columns", "double_typedef", "--where", "double_typedef = 0")).hasSize(10);
        assertThat(cat("cat", file, "--where", "double_typedef = NaN")).isEmpty();
        assertThat(cat("cat", file, "--where", "double_typedef != NaN")).hasSize(50);
        assertThat(cat("cat", file, "--columns", "float16_ieee754", "--where", "float16_ieee754 > 4.5"))
                .containsExactly("{\"float16_ieee754\":5.0}", "{\"float16_ieee754\":5.0}");
    }

    @Test
    void statsGoToStderr() {
        CliRun result = run("cat", TINY_PAGES, "--columns", "id", "--where", "id = 1234", "--stats");
        assertThat(result.exitCode()).isZero();
        assertThat(result.lines()).containsExactly("{\"id\":1234}");
        assertThat(result.err()).startsWith("row groups: 1, read 1, skipped 0 (statistics 0, dictionary 0, bloom filter 0, page index 0, row range 0)\n")
                .containsPattern("pages: 325 in the row groups read, read \\d, skipped 3\\d\\d\n")
                .contains("rows: 7300, scanned ").contains(", matched 1\n");
        CliRun bloom = run("cat", corpus("data/data_index_bloom_encoding_with_length.parquet"), "--where", "String = 'absent'", "--stats");
        assertThat(bloom.out()).isEmpty();
        assertThat(bloom.err()).contains("skipped 1 (statistics 0, dictionary 0, bloom filter 1, page index 0, row range 0)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "id =|expected a literal (found end of expression) at position 5",
            "id = 1 and|expected a column name (found end of expression) at position 11",
            "(id = 1|expected ')' (found end of expression) at position 8",
            "id = 'x|unterminated string at position 6",
            "id = 1.5|column 'id': expected an integer (found '1.5') at position 6",
            "nope = 1|no column 'nope'; the file's columns with one value per row are [id, bool_col",
            "id ~ 1|unexpected character '~' at position 4",
            "id not 1|expected 'in' after 'not' (found '1') at position 8",
            "id = null|null is not a value: use 'is null' (found 'null') at position 6",
            "id = 1 id|expected 'and', 'or' or the end (found 'id') at position 8",
            "date_string_col = x'0'|bad hex literal (an even number of hex digits) at position 19",
            "timestamp_col < 'yesterday'|column 'timestamp_col': expected a timestamp 'YYYY-MM-DDTHH:MM:SS[.fraction][Z]' or a date 'YYYY-MM-DD' (found ''yesterday'') at position 17",
            "timestamp_col < '2009-13-01'|column 'timestamp_col': expected a timestamp 'YYYY-MM-DDTHH:MM:SS[.fraction][Z]' or a date 'YYYY-MM-DD' (found ''2009-13-01'') at position 17"})
    void syntaxErrorsAreOneLineUsageErrors(String expression, String message) {
        CliRun result = run("cat", TINY_PAGES, "--where", expression);
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("pqflux: --where: " + message).endsWith("(see 'pqflux cat --help')\n")
                .hasLineCount(1);
    }

    @Test
    void literalsOutOfTheColumnsRangeAreUsageErrors() {
        CliRun result = run("cat", TINY_PAGES, "--where", "id = 99999999999");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("literal 99999999999 is out of range for column 'id' (INT32)");
    }

    @Test
    void filtersNestedFilesOnTopLevelColumnsButNotOnRepeatedOnes() {
        String file = corpus("data/repeated_no_annotation.parquet");
        assertThat(run("cat", file, "--where", "id >= 5").lines()).containsExactly(
                "{\"id\":5,\"phoneNumbers\":{\"phone\":[{\"number\":1111111111,\"kind\":\"home\"}]}}",
                "{\"id\":6,\"phoneNumbers\":{\"phone\":[{\"number\":1111111111,\"kind\":\"home\"},"
                        + "{\"number\":2222222222,\"kind\":null},{\"number\":3333333333,\"kind\":\"mobile\"}]}}");
        CliRun repeated = run("cat", file, "--where", "phoneNumbers.phone.number = 1");
        assertThat(repeated.exitCode()).isEqualTo(2);
        assertThat(repeated.err()).startsWith("pqflux: --where: column 'phoneNumbers.phone.number' is repeated (several "
                + "values per row); --where compares columns with one value per row").hasLineCount(1);
        CliRun unknown = run("cat", file, "--where", "phone = 1");
        assertThat(unknown.err()).contains("columns with one value per row are [id]");
    }
}
