package io.pqflux.cli;

import static io.pqflux.cli.CliRun.corpus;
import static io.pqflux.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code pqflux cat} against corpus files whose content is known. */
class CatCommandTest {

    private static List<String> cat(String... args) {
        return CliRun.successfulLines(args);
    }

    @Test
    void alltypesPlainFirstRow() {
        // date_string_col and string_col carry no UTF8 annotation in this file, so they are bytes: base64.
        assertThat(cat("cat", corpus("data/alltypes_plain.parquet")).getFirst()).isEqualTo(
                "{\"id\":4,\"bool_col\":true,\"tinyint_col\":0,\"smallint_col\":0,\"int_col\":0,\"bigint_col\":0,"
                        + "\"float_col\":0.0,\"double_col\":0.0,\"date_string_col\":\"MDMvMDEvMDk=\",\"string_col\":\"MA==\","
                        + "\"timestamp_col\":\"2009-03-01T00:00:00.000000000Z\"}");
    }

    /** The base64 contract stays; --binary-as-string reads unannotated BYTE_ARRAY as text, as DuckDB and Spark offer. */
    @Test
    void binaryAsStringPrintsUnannotatedByteArraysAsText() {
        assertThat(cat("cat", "--binary-as-string", "--columns", "id,date_string_col,string_col",
                corpus("data/alltypes_plain.parquet")).getFirst())
                .isEqualTo("{\"id\":4,\"date_string_col\":\"03/01/09\",\"string_col\":\"0\"}");
        // a column annotated STRING prints the same either way; FIXED_LEN_BYTE_ARRAY stays base64
        String file = corpus("data/alltypes_tiny_pages_plain.parquet");
        assertThat(cat("cat", "--binary-as-string", "--limit", "3", file)).isEqualTo(cat("cat", "--limit", "3", file));
    }

    @Test
    void scanTakesBinaryAsStringToo(@TempDir Path dir) throws Exception {
        Files.copy(Path.of(corpus("data/alltypes_plain.parquet")), dir.resolve("a.parquet"));
        assertThat(cat("scan", dir.toString(), "--binary-as-string", "--columns", "string_col", "--limit", "2"))
                .containsExactly("{\"string_col\":\"0\"}", "{\"string_col\":\"1\"}");
    }

    @Test
    void alltypesPlainFloatsAndInt96Timestamps() {
        List<String> rows = cat("cat", "--columns", "float_col,double_col,timestamp_col", corpus("data/alltypes_plain.parquet"));
        assertThat(rows).hasSize(8);
        assertThat(rows.get(1)).isEqualTo("{\"float_col\":1.1,\"double_col\":10.1,\"timestamp_col\":\"2009-03-01T00:01:00.000000000Z\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"data/int32_decimal.parquet", "data/int64_decimal.parquet", "data/byte_array_decimal.parquet",
            "data/fixed_length_decimal.parquet", "data/fixed_length_decimal_legacy.parquet"})
    void decimalsOneToTwentyFour(String file) {
        List<String> expected = IntStream.rangeClosed(1, 24).mapToObj(i -> "{\"value\":\"" + i + ".00\"}").toList();
        assertThat(cat("cat", corpus(file))).isEqualTo(expected);
    }

    @Test
    void int96FromSparkIncludingYearsBeyond9999() {
        // The .md lists the values Spark was given. The last one (year 290000) overflowed int64 microseconds
        // inside Spark's INT96 conversion, so the file holds a Julian day far before year 0: we print what is stored.
        assertThat(cat("cat", corpus("data/int96_from_spark.parquet"))).containsExactly(
                "{\"a\":\"2024-01-01T20:34:56.123456000Z\"}",
                "{\"a\":\"2024-01-01T01:00:00.000000000Z\"}",
                "{\"a\":\"9999-12-31T03:00:00.000000000Z\"}",
                "{\"a\":\"2024-12-30T23:00:00.000000000Z\"}",
                "{\"a\":null}",
                "{\"a\":\"-294554-12-13T14:58:10.448384000Z\"}");
    }

    @Test
    void float16WithNaNsAndSignedZero() {
        assertThat(cat("cat", corpus("data/float16_nonzeros_and_nans.parquet"))).containsExactly(
                "{\"x\":null}", "{\"x\":1.0}", "{\"x\":-2.0}", "{\"x\":\"NaN\"}", "{\"x\":0.0}", "{\"x\":-1.0}",
                "{\"x\":-0.0}", "{\"x\":2.0}");
    }

    @Test
    void nanInDoubleColumn() {
        assertThat(cat("cat", corpus("data/nan_in_stats.parquet"))).containsExactly("{\"x\":1.0}", "{\"x\":\"NaN\"}");
    }

    @Test
    void singleNanFileHoldsOneNull() {
        // Despite its name, the one value of this file is null (its statistics say null_count 1).
        assertThat(cat("cat", corpus("data/single_nan.parquet"))).containsExactly("{\"mycol\":null}");
    }

    @Test
    void binaryAsBase64() {
        List<String> rows = cat("cat", "--limit", "3", corpus("data/binary.parquet"));
        assertThat(rows).containsExactly("{\"foo\":\"AA==\"}", "{\"foo\":\"AQ==\"}", "{\"foo\":\"Ag==\"}");
    }

    @Test
    void columnsComeInTheOrderAskedFor() {
        List<String> rows = cat("cat", "--columns", "string_col,id", "--limit", "2", corpus("data/alltypes_plain.parquet"));
        assertThat(rows).containsExactly("{\"string_col\":\"MA==\",\"id\":4}", "{\"string_col\":\"MQ==\",\"id\":5}");
    }

    @Test
    void limitStopsEarlyAndZeroPrintsNothing() {
        assertThat(cat("cat", "--limit", "1", corpus("data/alltypes_plain.parquet"))).hasSize(1);
        assertThat(cat("cat", "--limit", "0", corpus("data/alltypes_plain.parquet"))).isEmpty();
        assertThat(cat("cat", "--limit", "100", corpus("data/alltypes_plain.parquet"))).hasSize(8);
    }

    @Test
    void csvHasHeaderCrlfAndQuotesOnlyWhenNeeded() {
        CliRun result = run("cat", "--format", "csv", "--columns", "id,timestamp_col,double_col", "--limit", "2",
                corpus("data/alltypes_plain.parquet"));
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("id,timestamp_col,double_col\r\n4,2009-03-01T00:00:00.000000000Z,0.0\r\n"
                + "5,2009-03-01T00:01:00.000000000Z,10.1\r\n");
    }

    @Test
    void csvNullsAreEmptyFieldsAndFormatNameIsCaseInsensitive() {
        CliRun result = run("cat", "--format", "CSV", corpus("data/float16_nonzeros_and_nans.parquet"));
        assertThat(result.lines()).containsExactly("x", "", "1.0", "-2.0", "NaN", "0.0", "-1.0", "-0.0", "2.0");
    }

    @Test
    void unknownColumnIsAUsageErrorListingTheColumns() {
        CliRun result = run("cat", "--columns", "nope", corpus("data/int32_decimal.parquet"));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines().toList()).singleElement().asString()
                .startsWith("pqflux: ")
                .contains("no column 'nope'")
                .contains("[value]");
    }

    @Test
    void negativeLimitIsAUsageError() {
        CliRun result = run("cat", "--limit", "-1", corpus("data/int32_decimal.parquet"));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().lines().toList()).singleElement().asString().contains("--limit");
    }

    @Test
    void missingFileIsOneLineNamingIt() {
        CliRun result = run("cat", "no/such/file.parquet");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("pqflux: no/such/file.parquet: no such file\n");
    }

    /** Expected values from the files' own documentation (map_no_value.md, old_list_structure.md). */
    @Tag(CliRun.PACKAGED)
    @Test
    void printsNestedValuesAsArraysAndObjects() {
        CliRun maps = run("cat", corpus("data/map_no_value.parquet"));
        assertThat(maps.exitCode()).isZero();
        assertThat(maps.lines()).containsExactly(
                "{\"my_map\":[{\"key\":1,\"value\":null},{\"key\":2,\"value\":null},{\"key\":3,\"value\":null}],"
                        + "\"my_map_no_v\":[1,2,3],\"my_list\":[1,2,3]}",
                "{\"my_map\":[{\"key\":4,\"value\":null},{\"key\":5,\"value\":null},{\"key\":6,\"value\":null}],"
                        + "\"my_map_no_v\":[4,5,6],\"my_list\":[4,5,6]}",
                "{\"my_map\":[{\"key\":7,\"value\":null},{\"key\":8,\"value\":null},{\"key\":9,\"value\":null}],"
                        + "\"my_map_no_v\":[7,8,9],\"my_list\":[7,8,9]}");
        assertThat(run("cat", corpus("data/old_list_structure.parquet")).lines()).containsExactly("{\"a\":[[1,2],[3,4]]}");
    }

    @Test
    void nestedValuesAreCompactJsonInCsv() {
        CliRun result = run("cat", corpus("data/repeated_no_annotation.parquet"), "--format", "csv", "--limit", "4");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("id,phoneNumbers\r\n1,\r\n2,\r\n3,\"{\"\"phone\"\":[]}\"\r\n"
                + "4,\"{\"\"phone\"\":[{\"\"number\"\":5555555555,\"\"kind\"\":null}]}\"\r\n");
    }

    @Tag(CliRun.PACKAGED)
    @Test
    void versionAndUsage() {
        CliRun version = run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("pqflux ");
        // the surefire run passes -Dpqflux.simd; the version names the kernels that choice gives
        String kernels = Boolean.parseBoolean(System.getProperty("pqflux.simd", "true")) ? "decoding kernels: vector (" : "decoding kernels: scalar (pqflux.simd=false)";
        assertThat(version.out()).contains(kernels);
        assertThat(run().exitCode()).isEqualTo(2);
        assertThat(run("cat").exitCode()).isEqualTo(2);
        assertThat(run("cat", "--format", "xml", corpus("data/binary.parquet")).exitCode()).isEqualTo(2);
    }
}
