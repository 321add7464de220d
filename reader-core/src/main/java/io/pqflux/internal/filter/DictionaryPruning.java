package io.pqflux.internal.filter;

import io.pqflux.column.ColumnValues;
import io.pqflux.filter.Match;
import io.pqflux.format.meta.ColumnMetaData;
import io.pqflux.format.meta.Encoding;
import io.pqflux.format.meta.PageEncodingStats;
import io.pqflux.format.meta.PageType;
import java.util.HashSet;
import java.util.Set;

/**
 * Pruning with the dictionary page: when every data page of a chunk is dictionary-encoded, the dictionary
 * holds every non-null value of the chunk, so testing its entries tells whether any (or every) value matches.
 */
public final class DictionaryPruning {

    private DictionaryPruning() {
    }

    /**
     * True when the chunk has a dictionary page and no data page fell back to another encoding. Page encoding
     * statistics say so exactly; without them only the format-1 encoding list can (PLAIN_DICTIONARY plus
     * level encodings and nothing else); a format-2 list (RLE_DICTIONARY with a PLAIN dictionary page) cannot
     * tell a PLAIN fallback apart, so it counts as not fully encoded.
     */
    public static boolean isFullyDictionaryEncoded(ColumnMetaData meta) {
        if (meta.dictionaryPageOffset() == null || meta.chunkStart() == meta.dataPageOffset()) return false;
        if (meta.encodingStats() != null && !meta.encodingStats().isEmpty()) {
            boolean dictionaryPage = false;
            for (PageEncodingStats s : meta.encodingStats()) {
                if (s.count() <= 0) continue;
                if (s.pageType() == PageType.DICTIONARY_PAGE) dictionaryPage = true;
                boolean dataPage = s.pageType() == PageType.DATA_PAGE || s.pageType() == PageType.DATA_PAGE_V2;
                if (dataPage && (s.encoding() == null || !s.encoding().isDictionary())) return false;
            }
            return dictionaryPage;
        }
        Set<Encoding> encodings = new HashSet<>(meta.encodings());
        if (!encodings.remove(Encoding.PLAIN_DICTIONARY)) return false;
        encodings.remove(Encoding.RLE);
        encodings.remove(Encoding.BIT_PACKED);
        return encodings.isEmpty();
    }

    /**
     * What the dictionary of a fully dictionary-encoded chunk proves about {@code leaf}.
     *
     * @param nullCount the chunk's null count, or null when unknown
     */
    public static Match evaluate(BoundPredicate.ValueTest leaf, ColumnValues dictionary, Long nullCount) {
        int matching = 0;
        for (int i = 0; i < dictionary.valueCount(); i++) {
            if (leaf.test(dictionary, i)) matching++;
        }
        if (matching == 0) return Match.NONE;
        return matching == dictionary.valueCount() && nullCount != null && nullCount == 0 ? Match.ALL : Match.SOME;
    }
}
