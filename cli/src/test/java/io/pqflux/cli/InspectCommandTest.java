package io.pqflux.cli;

import static io.pqflux.cli.CliRun.corpus;
import static io.pqflux.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code pqflux inspect}, as text and as JSON. */
@SuppressWarnings("unchecked") // parsed JSON is navigated by casts
class InspectCommandTest {

    private static Map<String, Object> inspectJson(String file) {
        CliRun result = run("inspect", "--json", corpus(file));
        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        assertThat(result.lines()).hasSize(1);
        return StrictJson.parseObject(result.out());
    }

    private static Map<String, Object> firstChunk(Map<String, Object> report) {
        var rowGroups = (List<Map<String, Object>>) report.get("row_groups");
        return ((List<Map<String, Object>>) rowGroups.getFirst().get("columns")).getFirst();
    }

    @Test
    void textShowsSchemaRowGroupsAndChunks() {
        CliRun result = run("inspect", corpus("data/alltypes_plain.parquet"));
        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("num_rows: 8\n")
                .contains("created_by: impala version 1.3.0-INTERNAL")
                .contains("footer_length: 730 bytes\n")
                .contains("  message schema\n    optional INT32 id\n")
                .contains("    optional INT96 timestamp_col\n")
                .contains("row group 0: 8 rows, total_byte_size 671, compressed 671\n")
                .contains("  column id\n    codec UNCOMPRESSED, encodings RLE PLAIN_DICTIONARY PLAIN\n"
                        + "    compressed 73, uncompressed 73, num_values 8\n    pages 2: 1 dictionary, 1 data, 0 index\n");
    }

    @Test
    void textShowsLogicalTypesAndDecodedStatistics() {
        CliRun result = run("inspect", corpus("data/int32_decimal.parquet"));
        assertThat(result.out())
                .contains("INT32 value : DECIMAL(4,2) (converted DECIMAL)")
                .contains("statistics: null_count 0 (min/max) min \"1.00\" max \"24.00\"");
    }

    @Test
    void truncatedStringBoundsAreInexactAndBinaryBoundsHex() {
        CliRun result = run("inspect", corpus("data/binary_truncated_min_max.parquet"));
        assertThat(result.out())
                .contains("BYTE_ARRAY utf8_full_truncation : STRING (converted UTF8)")
                .contains("(min_value/max_value) min \"Al\" (inexact) max \"Kf\" (inexact)")
                .contains("min 0x416c (inexact) max 0x4b66 (inexact)");
    }

    @Tag(CliRun.PACKAGED)
    @Test
    void jsonHasTheFileFacts() {
        Map<String, Object> report = inspectJson("data/alltypes_plain.parquet");
        assertThat(report).containsEntry("num_rows", new BigDecimal(8)).containsEntry("footer_length", new BigDecimal(730))
                .containsKeys("file", "created_by", "format_version", "key_value_metadata", "schema", "row_groups");
        Map<String, Object> chunk = firstChunk(report);
        assertThat(chunk).containsEntry("path", "id").containsEntry("codec", "UNCOMPRESSED")
                .containsEntry("num_values", new BigDecimal(8))
                .containsEntry("pages", Map.of("total", new BigDecimal(2), "dictionary", BigDecimal.ONE,
                        "data", BigDecimal.ONE, "index", BigDecimal.ZERO));
    }

    @Test
    void jsonCodecOfSnappyFile() {
        assertThat(firstChunk(inspectJson("data/alltypes_plain.snappy.parquet"))).containsEntry("codec", "SNAPPY");
    }

    @Test
    void jsonCountsPagesBeyondShortRange() {
        // The page count of this file overflows an int16; the walk counts every header.
        Map<String, Object> pages = (Map<String, Object>) firstChunk(inspectJson("data/overflow_i16_page_cnt.parquet")).get("pages");
        assertThat(pages).containsEntry("total", new BigDecimal(40000)).containsEntry("data", new BigDecimal(40000))
                .containsEntry("dictionary", BigDecimal.ZERO);
    }

    @Test
    void jsonStatisticsRenderBoundsAsCatDoes() {
        Map<String, Object> stats = (Map<String, Object>) firstChunk(inspectJson("data/int32_decimal.parquet")).get("statistics");
        assertThat(stats).containsEntry("bounds", "min/max").containsEntry("min", "1.00").containsEntry("max", "24.00")
                .containsEntry("min_format", "value").containsEntry("null_count", BigDecimal.ZERO);
    }

    @Test
    void jsonSchemaTree() {
        Map<String, Object> schema = (Map<String, Object>) inspectJson("data/fixed_length_decimal.parquet").get("schema");
        Map<String, Object> field = ((List<Map<String, Object>>) schema.get("fields")).getFirst();
        assertThat(field).containsEntry("name", "value").containsEntry("physical_type", "FIXED_LEN_BYTE_ARRAY")
                .containsEntry("type_length", new BigDecimal(11)).containsEntry("logical_type", "DECIMAL(25,2)");
    }

    @Test
    void unreadablePagesAreReportedPerChunk() {
        CliRun result = run("inspect", corpus("data/nation.dict-malformed.parquet"));
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("pages: page declares 28 compressed bytes but the column chunk has 13 left");
    }

    @Test
    void corruptFooterIsOneLine() {
        String file = corpus("bad_data/PARQUET-1481.parquet");
        CliRun result = run("inspect", file);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("pqflux: " + file + ", offset 308: SchemaElement.type: unknown physical type -7\n");
    }
}
