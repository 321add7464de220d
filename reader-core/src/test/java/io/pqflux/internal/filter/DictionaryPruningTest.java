package io.pqflux.internal.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.filter.Match;
import io.pqflux.filter.Predicate.Operator;
import io.pqflux.format.meta.ColumnMetaData;
import io.pqflux.format.meta.Encoding;
import io.pqflux.format.meta.PageEncodingStats;
import io.pqflux.format.meta.PageType;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.schema.ColumnDescriptor;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DictionaryPruningTest {

    private static final ColumnDescriptor S = TestColumns.optional("s", PhysicalType.BYTE_ARRAY,
            new io.pqflux.format.meta.LogicalType.StringType());

    @Test
    void fullyEncodedFromPageEncodingStats() {
        var dictionary = new PageEncodingStats(PageType.DICTIONARY_PAGE, Encoding.PLAIN, 1);
        assertThat(DictionaryPruning.isFullyDictionaryEncoded(meta(List.of(), List.of(dictionary,
                new PageEncodingStats(PageType.DATA_PAGE, Encoding.RLE_DICTIONARY, 3))))).isTrue();
        assertThat(DictionaryPruning.isFullyDictionaryEncoded(meta(List.of(), List.of(dictionary,
                new PageEncodingStats(PageType.DATA_PAGE, Encoding.RLE_DICTIONARY, 3),
                new PageEncodingStats(PageType.DATA_PAGE_V2, Encoding.PLAIN, 1))))).as("PLAIN fallback").isFalse();
    }

    @Test
    void fullyEncodedFromTheEncodingListOnlyForFormatOne() {
        assertThat(DictionaryPruning.isFullyDictionaryEncoded(meta(List.of(Encoding.PLAIN_DICTIONARY, Encoding.RLE,
                Encoding.BIT_PACKED), null))).isTrue();
        assertThat(DictionaryPruning.isFullyDictionaryEncoded(meta(List.of(Encoding.PLAIN_DICTIONARY, Encoding.PLAIN,
                Encoding.RLE), null))).isFalse();
        // RLE_DICTIONARY with a PLAIN dictionary page cannot be told apart from a PLAIN fallback
        assertThat(DictionaryPruning.isFullyDictionaryEncoded(meta(List.of(Encoding.RLE_DICTIONARY, Encoding.PLAIN,
                Encoding.RLE), null))).isFalse();
    }

    @Test
    void entriesDecide() {
        PlainValues dictionary = PlainValues.dictionary(page("b", "d", "f"), 3, S);
        assertThat(DictionaryPruning.evaluate(ColumnBoundsTest.compare(S, Operator.EQ, "c"), dictionary, 0L)).isEqualTo(Match.NONE);
        assertThat(DictionaryPruning.evaluate(ColumnBoundsTest.compare(S, Operator.EQ, "d"), dictionary, 0L)).isEqualTo(Match.SOME);
        assertThat(DictionaryPruning.evaluate(ColumnBoundsTest.compare(S, Operator.GT, "a"), dictionary, 0L)).isEqualTo(Match.ALL);
        assertThat(DictionaryPruning.evaluate(ColumnBoundsTest.compare(S, Operator.GT, "a"), dictionary, null)).as("nulls?")
                .isEqualTo(Match.SOME);
        assertThat(DictionaryPruning.evaluate(ColumnBoundsTest.in(S, "a", "e"), dictionary, 0L)).isEqualTo(Match.NONE);
    }

    private static MemorySegment page(String... values) {
        ByteBuffer out = ByteBuffer.allocate(100).order(ByteOrder.LITTLE_ENDIAN);
        for (String v : values) out.putInt(v.length()).put(v.getBytes(StandardCharsets.UTF_8));
        return MemorySegment.ofArray(java.util.Arrays.copyOf(out.array(), out.position()));
    }

    private static ColumnMetaData meta(List<Encoding> encodings, List<PageEncodingStats> stats) {
        return new ColumnMetaData(PhysicalType.BYTE_ARRAY, encodings, List.of("s"), null, 10, 0, 100, null, 50, null, 4L, null,
                stats, null, null, null, null);
    }
}
