package io.pqflux.internal.filter;

import io.pqflux.error.CorruptFileException;
import io.pqflux.filter.Match;
import io.pqflux.filter.RowRanges;
import io.pqflux.format.meta.ColumnIndex;
import io.pqflux.format.meta.ColumnOrder;
import io.pqflux.format.meta.OffsetIndex;
import io.pqflux.format.meta.PageLocation;
import io.pqflux.schema.ColumnDescriptor;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * Pruning with the page index: each page of a column index is judged like a small row group, giving per leaf
 * the rows that may match and the rows that surely match; the predicate tree then combines them (pages of
 * different columns cover different rows, so rows are the common currency). Keeping the "surely" rows lets
 * {@code not} prune as well: {@code not p} may match only where {@code p} does not surely match.
 */
public final class PageIndexPruning {

    /** Rows that may match, and the subset that surely matches. */
    public record Ranges(RowRanges maybe, RowRanges surely) {
    }

    private PageIndexPruning() {
    }

    /** What a decision about a whole row group of {@code rowCount} rows means in rows. */
    public static Ranges constant(Match match, long rowCount) {
        return switch (match) {
            case NONE -> new Ranges(RowRanges.empty(), RowRanges.empty());
            case SOME -> new Ranges(RowRanges.all(rowCount), RowRanges.empty());
            case ALL -> new Ranges(RowRanges.all(rowCount), RowRanges.all(rowCount));
        };
    }

    /**
     * The rows of each page of {@code offsets} judged by the column index.
     *
     * @param order the column's entry in {@code column_orders}, or null when the file has none
     * @throws CorruptFileException when the column index does not describe the offset index's pages
     */
    public static Ranges leaf(BoundPredicate.Leaf leaf, ColumnIndex index, OffsetIndex offsets, long rowCount,
                              ColumnOrder order) {
        long[] firstRows = firstRows(offsets, rowCount);
        int pages = firstRows.length;
        if (index.nullPages().size() != pages || index.minValues().size() != pages || index.maxValues().size() != pages
                || !sized(index.nullCounts(), pages) || !sized(index.nanCounts(), pages)) {
            throw new CorruptFileException("column index of column " + leaf.column().dottedPath() + " describes "
                    + index.nullPages().size() + " pages but the offset index has " + pages);
        }
        if (!plausible(index, leaf.column())) return constant(Match.SOME, rowCount);
        RowRanges.Builder maybe = new RowRanges.Builder();
        RowRanges.Builder surely = new RowRanges.Builder();
        for (int page = 0; page < pages; page++) {
            long start = firstRows[page];
            long end = page + 1 < pages ? firstRows[page + 1] : rowCount;
            // a page of a repeated column holds entries (values and nulls) for its rows, how many the index does not say
            long entries = leaf.column().maxRepetitionLevel() > 0 ? ColumnBounds.UNKNOWN_COUNT : end - start;
            Match m = ColumnBounds.ofPage(index, page, entries, leaf.column(), order).evaluate(leaf);
            if (m != Match.NONE) maybe.add(start, end);
            if (m == Match.ALL) surely.add(start, end);
        }
        return new Ranges(maybe.build(), surely.build());
    }

    /** Combines per-leaf ranges through the predicate tree. */
    public static Ranges combine(BoundPredicate predicate, Function<? super BoundPredicate.Leaf, Ranges> leafRanges,
                                 long rowCount) {
        return switch (predicate) {
            case BoundPredicate.Leaf leaf -> leafRanges.apply(leaf);
            case BoundPredicate.And and -> fold(and.operands(), leafRanges, rowCount, Match.ALL, RowRanges::intersect);
            case BoundPredicate.Or or -> fold(or.operands(), leafRanges, rowCount, Match.NONE, RowRanges::union);
            case BoundPredicate.Not not -> {
                Ranges o = combine(not.operand(), leafRanges, rowCount);
                yield new Ranges(o.surely().complement(rowCount), o.maybe().complement(rowCount));
            }
        };
    }

    /** Combines the operands' may and surely rows alike, starting from what {@code identity} means in rows. */
    private static Ranges fold(List<BoundPredicate> operands, Function<? super BoundPredicate.Leaf, Ranges> leafRanges,
                               long rowCount, Match identity, BinaryOperator<RowRanges> join) {
        Ranges r = constant(identity, rowCount);
        for (BoundPredicate p : operands) {
            Ranges o = combine(p, leafRanges, rowCount);
            r = new Ranges(join.apply(r.maybe(), o.maybe()), join.apply(r.surely(), o.surely()));
        }
        return r;
    }

    /**
     * The first row of each page, checked: the first page starts at row 0 and each page starts after the
     * previous one, within the row group.
     *
     * @throws CorruptFileException otherwise
     */
    public static long[] firstRows(OffsetIndex offsets, long rowCount) {
        List<PageLocation> locations = offsets.pageLocations();
        long[] firstRows = new long[locations.size()];
        for (int page = 0; page < firstRows.length; page++) {
            long first = locations.get(page).firstRowIndex();
            boolean valid = page == 0 ? first == 0 : first > firstRows[page - 1];
            if (!valid || first >= rowCount) {
                throw new CorruptFileException("offset index: page " + page + " starts at row " + first
                        + (page == 0 ? "" : " after a page starting at row " + firstRows[page - 1])
                        + " in a row group of " + rowCount + " rows");
            }
            firstRows[page] = first;
        }
        if (firstRows.length == 0 && rowCount > 0) {
            throw new CorruptFileException("offset index lists no pages for a row group of " + rowCount + " rows");
        }
        return firstRows;
    }

    /**
     * False for a column index that contradicts itself or the schema, such as the one some parquet-java versions
     * write when statistics are off (every page a null page, null counts of -1, on a required column): it
     * proves nothing, so it is not used.
     */
    private static boolean plausible(ColumnIndex index, ColumnDescriptor column) {
        if (column.maxDefinitionLevel() == 0 && index.nullPages().contains(true)) return false;
        return index.nullCounts() == null || index.nullCounts().stream().allMatch(n -> n >= 0);
    }

    private static boolean sized(List<?> list, int pages) {
        return list == null || list.size() == pages;
    }
}
