package io.pqflux.cli;

import static io.pqflux.cli.CliRun.corpus;
import static io.pqflux.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code pqflux inspect --pages/--index/--bloom}, as text and as JSON. */
@SuppressWarnings("unchecked") // parsed JSON is navigated by casts
class InspectDetailsTest {

    private static final String BLOOM = "data/data_index_bloom_encoding_stats.parquet";
    private static final String BLOOM_WITH_LENGTH = "data/data_index_bloom_encoding_with_length.parquet";

    private static String text(String... args) {
        CliRun result = run(args);
        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        return result.out();
    }

    private static Map<String, Object> firstChunk(String... args) {
        Map<String, Object> report = StrictJson.parseObject(text(args));
        var rowGroups = (List<Map<String, Object>>) report.get("row_groups");
        return ((List<Map<String, Object>>) rowGroups.getFirst().get("columns")).getFirst();
    }

    @Test
    void textShowsPageHeadersIndexesAndBloomFilter() {
        assertThat(text("inspect", "--pages", "--index", "--bloom", corpus(BLOOM))).contains("""
                    page headers:
                      offset 4: DATA_PAGE, compressed 127, uncompressed 138, 14 values, encoding PLAIN, definition levels RLE, \
                repetition levels BIT_PACKED, crc 0xd1861661
                    column index: offset 156, 25 bytes, boundary order ASCENDING
                      page 0: min "Hello" max "today", null_count 0
                    offset index: offset 181, 11 bytes
                      page 0: offset 4, 152 bytes, first row 0
                    bloom filter: offset 192, length not set, header 16 bytes, bitset 1024 bytes, BLOCK XXHASH UNCOMPRESSED
                """);
        assertThat(text("inspect", "--bloom", corpus(BLOOM_WITH_LENGTH)))
                .contains("bloom filter: offset 253, length 2064 bytes, header 16 bytes, bitset 2048 bytes, BLOCK XXHASH UNCOMPRESSED\n")
                .doesNotContain("page headers").doesNotContain("column index");
    }

    @Test
    void textOfChunksWithoutIndexesAndWithPageStatistics() {
        String out = text("inspect", "--pages", "--index", "--bloom", corpus("data/alltypes_plain.parquet"));
        assertThat(out).contains("column index: none\n    offset index: none\n    bloom filter: none\n")
                .contains("offset 4: DICTIONARY_PAGE, compressed 32, uncompressed 32, 8 values, encoding PLAIN_DICTIONARY");
        assertThat(text("inspect", "--index", corpus("data/int32_with_null_pages.parquet"))).contains(": null page, null_count ");
        assertThat(text("inspect", "--pages", corpus("data/datapage_v2.snappy.parquet")))
                .containsPattern("DATA_PAGE_V2, compressed \\d+, uncompressed \\d+, 5 values, 1 nulls, 5 rows, encoding ");
    }

    @Tag(CliRun.PACKAGED)
    @Test
    void jsonMembers() {
        Map<String, Object> chunk = firstChunk("inspect", "--json", "--pages", "--index", "--bloom", corpus(BLOOM));
        var pages = (List<Map<String, Object>>) chunk.get("page_headers");
        assertThat(pages).hasSize(1);
        assertThat(pages.getFirst()).containsEntry("offset", new BigDecimal(4)).containsEntry("type", "DATA_PAGE")
                .containsEntry("num_values", new BigDecimal(14)).containsEntry("encoding", "PLAIN")
                .containsEntry("crc", new BigDecimal(0xd1861661L)).doesNotContainKey("statistics");
        var withStatistics = (List<Map<String, Object>>) firstChunk("inspect", "--json", "--pages", corpus(BLOOM_WITH_LENGTH))
                .get("page_headers");
        assertThat(withStatistics.getFirst()).containsEntry("type", "DICTIONARY_PAGE").containsEntry("is_sorted", false);
        assertThat((Map<String, Object>) withStatistics.get(1).get("statistics")).containsEntry("min", "Hello")
                .containsEntry("is_max_value_exact", true);
        var columnIndex = (Map<String, Object>) chunk.get("column_index");
        assertThat(columnIndex).containsEntry("offset", new BigDecimal(156)).containsEntry("boundary_order", "ASCENDING");
        assertThat((List<Map<String, Object>>) columnIndex.get("pages")).containsExactly(Map.of("null_page", false, "min", "Hello",
                "min_format", "value", "max", "today", "max_format", "value", "null_count", BigDecimal.ZERO));
        var offsetIndex = (Map<String, Object>) chunk.get("offset_index");
        assertThat((List<Map<String, Object>>) offsetIndex.get("pages")).containsExactly(Map.of("offset", new BigDecimal(4),
                "compressed_page_size", new BigDecimal(152), "first_row_index", BigDecimal.ZERO));
        var bloom = (Map<String, Object>) chunk.get("bloom_filter");
        assertThat(bloom).containsEntry("offset", new BigDecimal(192)).containsEntry("length", null)
                .containsEntry("num_bytes", new BigDecimal(1024)).containsEntry("header_length", new BigDecimal(16))
                .containsEntry("algorithm", "BLOCK").containsEntry("hash", "XXHASH").containsEntry("compression", "UNCOMPRESSED");
        Map<String, Object> plain = firstChunk("inspect", "--json", "--index", "--bloom", corpus("data/alltypes_plain.parquet"));
        assertThat(plain).containsEntry("column_index", null).containsEntry("offset_index", null).containsEntry("bloom_filter", null)
                .doesNotContainKey("page_headers");
        assertThat(firstChunk("inspect", "--json", corpus(BLOOM))).doesNotContainKeys("page_headers", "column_index", "bloom_filter");
    }

    @Test
    void unreadablePartsAreReportedPerChunk() {
        CliRun result = run("inspect", "--pages", corpus("data/nation.dict-malformed.parquet"));
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("page headers: page declares 28 compressed bytes but the column chunk has 13 left");
    }
}
