package io.pqflux.tempo.query;

import io.pqflux.tempo.columns.BlockColumns;
import io.pqflux.tempo.TempoFormat;
import io.pqflux.tempo.TempoBlock;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.tempo.generator.TempoBlockWriter;
import io.pqflux.tempo.query.internal.tags.TagSearch;
import io.pqflux.testdata.Corpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The column fast paths of tag values and names (a tag with a column of its own, read from that column alone, dictionary when
 * encoded) against the exact path (every trace assembled), on the bundled blocks and a generated block of several row
 * groups: the same values, and fewer bytes read.
 */
class TagPathsTest {

    private static final String BLOCK = "b27b0e53-66a0-4505-afd6-434ae3cd4a10";

    static Stream<String> tags() {
        return Stream.of("name", "span:name", "statusMessage", "rootServiceName", "rootName", "trace:rootService",
                "resource.service.name", ".service.name", "span.http.method", ".http.method", "span.http.url");
    }

    @ParameterizedTest
    @MethodSource("tags")
    void columnsAndTracesAgreeAndColumnsReadLess(String tag, @TempDir Path temp) {
        int cheaper = 0;
        for (TempoBlock block : blocks(temp)) {
            List<TagSearch.Block> source = List.of(TagSearch.Block.of(BlockColumns.of(block)));
            TagValuesRequest request = TagValuesRequest.of(tag);
            TagValues fast = TagSearch.values(source, request, 1, TagSearch.Paths.COLUMNS_WHERE_POSSIBLE).block();
            TagValues exact = TagSearch.values(source, request, 1, TagSearch.Paths.EXACT_ONLY).block();
            assertThat(fast.values()).as("%s in %s", tag, block.location()).isEqualTo(exact.values());
            if (fast.metrics().inspectedBytes() < exact.metrics().inspectedBytes() / 3) cheaper++;
            if (tag.contains(".")) {
                // an attribute is read from its own columns only when no generic key column holds its name; when one
                // does, the key columns read to find out cost a few percent on top of the exact path
                assertThat(fast.metrics().inspectedBytes()).isLessThanOrEqualTo(exact.metrics().inspectedBytes() * 105 / 100);
                continue;
            }
            assertThat(fast.values()).isNotEmpty();
            assertThat(fast.metrics().inspectedBytes()).as("bytes read for %s in %s", tag, block.location()).isPositive()
                    .isLessThan(exact.metrics().inspectedBytes() / 3);
            assertThat(fast.metrics().completedJobs()).isEqualTo(1);
        }
        // the bundled vParquet3/4 blocks; vParquet5 takes the exact path, the generated block has non-string service.names
        if (tag.contains("service.name")) assertThat(cheaper).as("blocks answered from the column alone").isGreaterThanOrEqualTo(2);
    }

    /**
     * Names without a filter: the key columns' dictionaries and the special columns' statistics give what the traces
     * give, for every scope, reading less (vParquet5 blocks take the exact path on both sides).
     */
    @ParameterizedTest
    @MethodSource("scopes")
    void namesFromDictionariesAndStatisticsAgree(String scope, @TempDir Path temp) {
        for (TempoBlock block : blocks(temp)) {
            List<TagSearch.Block> source = List.of(TagSearch.Block.of(BlockColumns.of(block)));
            TagsRequest request = TagsRequest.all().withScope(scope.equals("all") ? null : TagsRequest.Scope.parse(scope));
            TagNames fast = TagSearch.names(source, request, 1, TagSearch.Paths.COLUMNS_WHERE_POSSIBLE).block();
            TagNames exact = TagSearch.names(source, request, 1, TagSearch.Paths.EXACT_ONLY).block();
            assertThat(fast.scopes()).as("%s in %s", scope, block.location()).isEqualTo(exact.scopes());
            if (block.meta().tempoFormat() != TempoFormat.VPARQUET5 && List.of("all", "resource", "span").contains(scope)) {
                assertThat(fast.metrics().inspectedBytes()).as("bytes read").isPositive()
                        .isLessThan(exact.metrics().inspectedBytes() / 2);
            }
        }
    }

    static Stream<String> scopes() {
        return Stream.of("all", "resource", "span", "event", "link", "instrumentation", "intrinsic");
    }

    private static List<TempoBlock> blocks(Path temp) {
        List<TempoBlock> blocks = new ArrayList<>();
        for (String dir : List.of("tempo", "tempo-vparquet3", "tempo-vparquet5")) {
            blocks.add(TempoBlock.open(Corpus.root().resolve(dir + "/single-tenant/" + BLOCK)));
        }
        TempoBlockWriter.WrittenBlock written = TempoBlockWriter.generate(temp, TempoBlockWriter.Settings.defaults(3)
                .withRowGroupSizeBytes(200_000).withPageSizeBytes(8 << 10), 3, 600);
        assertThat(written.rowGroupCount()).isGreaterThan(1);
        blocks.add(TempoBlock.open(written.directory()));
        return blocks;
    }
}
