package io.pqflux.reader;

import io.pqflux.internal.bloom.BloomFilterReader;
import io.pqflux.filter.SplitBlockBloomFilter;
import io.pqflux.error.ParquetException;
import io.pqflux.error.SourceLocation;
import io.pqflux.internal.filter.BloomPruning;
import io.pqflux.internal.filter.BoundPredicate;
import io.pqflux.internal.filter.ColumnBounds;
import io.pqflux.internal.filter.DictionaryPruning;
import io.pqflux.filter.Match;
import io.pqflux.internal.filter.PageIndexPruning;
import io.pqflux.internal.filter.PlainValues;
import io.pqflux.filter.RowRanges;
import io.pqflux.format.meta.ColumnIndex;
import io.pqflux.format.meta.ColumnMetaData;
import io.pqflux.format.meta.DictionaryPageHeader;
import io.pqflux.format.meta.Encoding;
import io.pqflux.format.meta.OffsetIndex;
import io.pqflux.internal.page.Page;
import io.pqflux.internal.page.PageHeaderWalker;
import io.pqflux.internal.page.PageReader;
import io.pqflux.schema.ColumnDescriptor;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Decides, for one row group, which rows a filtered read must decode: statistics first, then dictionaries,
 * then bloom filters (each only for leaves still undecided, and only when a decision could rule the row group
 * out), then the page index. Every step is conservative: when unsure, rows stay in.
 */
final class RowGroupPruner {

    /**
     * @param rows    rows that may match, within the wanted rows; empty when {@code skip} is set
     * @param decided leaves known to hold for every row (ALL) or none (NONE)
     * @param skip    why nothing is left to read, or null
     */
    record Plan(RowRanges rows, Map<BoundPredicate.Leaf, Match> decided, ReadCounters.Skip skip) {
    }

    private final BoundPredicate predicate;
    private final RowGroupChunks chunks;
    private final Map<BoundPredicate.Leaf, Match> state = new HashMap<>();

    private RowGroupPruner(BoundPredicate predicate, RowGroupChunks chunks) {
        this.predicate = predicate;
        this.chunks = chunks;
    }

    static Plan plan(BoundPredicate predicate, RowGroupChunks chunks, RowRanges wanted) {
        return new RowGroupPruner(predicate, chunks).plan(wanted);
    }

    private Plan plan(RowRanges wanted) {
        for (BoundPredicate.Leaf leaf : predicate.leaves()) state.put(leaf, chunkBounds(leaf.column()).evaluate(leaf));
        if (root() == Match.NONE) return skipped(ReadCounters.Skip.STATISTICS);
        for (var entry : undecided(this::dictionaryCanDecide).entrySet()) dictionary(entry.getKey(), entry.getValue());
        if (root() == Match.NONE) return skipped(ReadCounters.Skip.DICTIONARY);
        for (var entry : undecided(this::bloomFilterCanDecide).entrySet()) bloomFilter(entry.getKey(), entry.getValue());
        if (root() == Match.NONE) return skipped(ReadCounters.Skip.BLOOM_FILTER);
        RowRanges rows = wanted.intersect(pageIndexRows());
        if (rows.isEmpty()) return skipped(ReadCounters.Skip.PAGE_INDEX);
        Map<BoundPredicate.Leaf, Match> decided = new HashMap<>();
        state.forEach((leaf, match) -> {
            if (match != Match.SOME) decided.put(leaf, match);
        });
        return new Plan(rows, decided, null);
    }

    private Plan skipped(ReadCounters.Skip reason) {
        return new Plan(RowRanges.empty(), Map.of(), reason);
    }

    private Match root() {
        return predicate.evaluate(state::get);
    }

    /** True when {@code leaf} turning out {@code outcome} would rule the whole row group out. */
    private boolean wouldRuleOut(BoundPredicate.Leaf leaf, Match outcome) {
        return predicate.evaluate(l -> l.equals(leaf) ? outcome : state.get(l)) == Match.NONE;
    }

    private ColumnBounds chunkBounds(ColumnDescriptor column) {
        ColumnMetaData meta = chunks.meta(column);
        return ColumnBounds.ofChunk(meta.statistics(), meta.numValues(), column, chunks.order(column));
    }

    /** Undecided value tests that {@code canDecide} accepts, grouped by column so each column's structure is read once. */
    private Map<ColumnDescriptor, List<BoundPredicate.ValueTest>> undecided(
            Predicate<BoundPredicate.ValueTest> canDecide) {
        Map<ColumnDescriptor, List<BoundPredicate.ValueTest>> byColumn = new LinkedHashMap<>();
        for (BoundPredicate.Leaf leaf : predicate.leaves()) {
            if (state.get(leaf) == Match.SOME && leaf instanceof BoundPredicate.ValueTest test && canDecide.test(test)) {
                byColumn.computeIfAbsent(leaf.column(), c -> new ArrayList<>()).add(test);
            }
        }
        return byColumn;
    }

    private boolean dictionaryCanDecide(BoundPredicate.ValueTest leaf) {
        return isDictionaryTestable(leaf)
                && (wouldRuleOut(leaf, Match.NONE) || wouldRuleOut(leaf, Match.ALL) || dictionariesTogetherCouldRuleOut());
    }

    private boolean isDictionaryTestable(BoundPredicate.Leaf leaf) {
        return state.get(leaf) == Match.SOME && leaf instanceof BoundPredicate.ValueTest
                && DictionaryPruning.isFullyDictionaryEncoded(chunks.meta(leaf.column()));
    }

    /**
     * True when the undecided leaves that dictionaries can test, all found to match nothing, would rule the row group
     * out: {@code a = 1 or b = 2} needs both dictionaries read, though neither alone decides.
     */
    private boolean dictionariesTogetherCouldRuleOut() {
        return predicate.evaluate(l -> isDictionaryTestable(l) ? Match.NONE : state.get(l)) == Match.NONE;
    }

    private boolean bloomFilterCanDecide(BoundPredicate.ValueTest leaf) {
        return BloomPruning.applies(leaf) && wouldRuleOut(leaf, Match.NONE)
                && chunks.meta(leaf.column()).bloomFilterOffset() != null;
    }

    /** Reads the dictionary page alone and tests its entries. */
    private void dictionary(ColumnDescriptor column, List<BoundPredicate.ValueTest> leaves) {
        ColumnMetaData meta = chunks.meta(column);
        long start = meta.chunkStart();
        long length = meta.dataPageOffset() - start;
        if (length <= 0 || length > meta.totalCompressedSize()) return;
        SourceLocation where = chunks.where(column).withOffset(start);
        try (Arena arena = Arena.ofConfined();
             DecompressorPool.Lease codec = chunks.decompressor(meta.codec());
             PageReader pages = new PageReader(PageHeaderWalker.untilEnd(chunks.file().read(start, length, arena), start,
                     chunks.pageEncryption(column), 0, where), meta.codec(), codec.decompressor(), chunks.pageOptions(), where)) {
            chunks.chunkBytesRead(column, start, start + length);
            if (!(pages.next() instanceof Page.DictionaryPage page)) return;
            DictionaryPageHeader header = page.header().dictionaryPageHeader();
            if (header.encoding() != Encoding.PLAIN && header.encoding() != Encoding.PLAIN_DICTIONARY) return;
            PlainValues dictionary = PlainValues.dictionary(page.data(), header.numValues(), column);
            Long nullCount = chunkBounds(column).nullCount();
            for (BoundPredicate.ValueTest leaf : leaves) {
                state.put(leaf, DictionaryPruning.evaluate(leaf, dictionary, nullCount));
            }
        } catch (ParquetException e) {
            throw e.locatedIn(where);
        }
    }

    private void bloomFilter(ColumnDescriptor column, List<BoundPredicate.ValueTest> leaves) {
        SourceLocation where = chunks.where(column);
        try (Arena arena = Arena.ofConfined()) {
            BloomFilterReader.Location location = BloomFilterReader.locate(chunks.file(), chunks.meta(column),
                    chunks.decryptor(column), arena, where);
            chunks.counters().indexBytesRead(location.headerLength());
            SplitBlockBloomFilter filter = BloomFilterReader.read(chunks.file(), location, arena, where);
            if (filter == null) return;
            chunks.counters().indexBytesRead(location.storedBitsetBytes());
            for (BoundPredicate.ValueTest leaf : leaves) state.put(leaf, BloomPruning.evaluate(leaf, filter));
        }
    }

    /** Rows the page index leaves in; every row when no undecided leaf has one. */
    private RowRanges pageIndexRows() {
        long rowCount = chunks.rowCount();
        Map<ColumnDescriptor, ColumnIndex> columnIndexes = new HashMap<>();
        PageIndexPruning.Ranges ranges = PageIndexPruning.combine(predicate, leaf -> {
            Match known = state.get(leaf);
            if (known != Match.SOME) return PageIndexPruning.constant(known, rowCount);
            // containsKey, not computeIfAbsent: a column without a column index (null) is looked up once too
            if (!columnIndexes.containsKey(leaf.column())) columnIndexes.put(leaf.column(), chunks.columnIndex(leaf.column()));
            ColumnIndex index = columnIndexes.get(leaf.column());
            OffsetIndex offsets = index == null ? null : chunks.offsetIndex(leaf.column());
            if (offsets == null) return PageIndexPruning.constant(Match.SOME, rowCount);
            try {
                return PageIndexPruning.leaf(leaf, index, offsets, rowCount, chunks.order(leaf.column()));
            } catch (ParquetException e) {
                throw e.locatedIn(chunks.where(leaf.column()));
            }
        }, rowCount);
        return ranges.maybe();
    }
}
