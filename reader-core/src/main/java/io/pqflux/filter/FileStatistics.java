package io.pqflux.filter;

import io.pqflux.format.meta.ColumnMetaData;
import io.pqflux.format.meta.ColumnOrder;
import io.pqflux.format.meta.FileMetaData;
import io.pqflux.format.meta.Statistics;
import io.pqflux.internal.filter.BloomPruning;
import io.pqflux.internal.filter.BoundPredicate;
import io.pqflux.internal.filter.ColumnBounds;
import io.pqflux.internal.filter.PredicateBinder;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.schema.MessageSchema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the column chunk statistics of a file prove about a predicate, before the file is opened: the predicate is
 * evaluated row group by row group on statistics alone (no dictionary, page index or file bloom filter is read),
 * optionally narrowed by a bloom filter over the whole file. Used to skip files from a cached footer or a dataset
 * index. Columns without statistics here count as unknown, so the answer is conservative.
 */
public final class FileStatistics {

    /**
     * A column's chunk statistics in every row group of one file.
     *
     * @param order       the column's entry in the file's {@code column_orders}, or null when the file has none
     * @param rowGroups   per row group, the chunk's statistics (null entries: none written)
     * @param valueCounts per row group, the chunk's {@code num_values}
     * @param bloomFilter a filter of every value of the column in the file, or null
     */
    public record ColumnStatistics(ColumnDescriptor column, ColumnOrder order, List<Statistics> rowGroups,
                                   List<Long> valueCounts, SplitBlockBloomFilter bloomFilter) {
        public ColumnStatistics {
            rowGroups = Collections.unmodifiableList(new ArrayList<>(rowGroups));
            valueCounts = List.copyOf(valueCounts);
            if (rowGroups.size() != valueCounts.size()) {
                throw new IllegalArgumentException(rowGroups.size() + " statistics for " + valueCounts.size() + " row groups");
            }
        }
    }

    private FileStatistics() {
    }

    /**
     * The statistics of the named leaf columns (dotted paths) that the file has and can prune on: not repeated, with
     * chunk metadata in the footer. Others are left out, so they count as unknown.
     */
    public static Map<String, ColumnStatistics> ofFooter(FileMetaData meta, MessageSchema schema,
                                                         Collection<String> columns) {
        Map<String, ColumnStatistics> out = new LinkedHashMap<>();
        columns:
        for (String path : columns) {
            ColumnDescriptor column = schema.column(path).orElse(null);
            if (column == null || column.maxRepetitionLevel() > 0) continue;
            List<Statistics> statistics = new ArrayList<>();
            List<Long> valueCounts = new ArrayList<>();
            for (var rowGroup : meta.rowGroups()) {
                if (column.index() >= rowGroup.columns().size()) continue columns;
                ColumnMetaData chunk = rowGroup.columns().get(column.index()).metaData();
                if (chunk == null) continue columns;
                statistics.add(chunk.statistics());
                valueCounts.add(chunk.numValues());
            }
            List<ColumnOrder> orders = meta.columnOrders();
            ColumnOrder order = orders == null || column.index() >= orders.size() ? null : orders.get(column.index());
            out.put(path, new ColumnStatistics(column, order, statistics, valueCounts, null));
        }
        return out;
    }

    /**
     * False when no row of the file can match {@code predicate}: in each of its {@code rowGroups} row groups the
     * statistics of some columns rule the predicate out (or the bloom filters rule out every literal looked for).
     *
     * @throws IllegalArgumentException when a literal does not fit its column's type
     */
    public static boolean mayMatch(Predicate predicate, int rowGroups, Map<String, ColumnStatistics> columns) {
        Map<Predicate, BoundPredicate> bound = new IdentityHashMap<>();
        Map<Predicate, Match> bloom = new IdentityHashMap<>();
        for (Predicate leaf : leaves(predicate, new ArrayList<>())) {
            ColumnStatistics statistics = columns.get(column(leaf));
            if (statistics == null) continue;
            BoundPredicate b = PredicateBinder.bindLeaf(leaf, statistics.column());
            bound.put(leaf, b);
            bloom.put(leaf, bloomMatch(b, statistics.bloomFilter()));
        }
        for (int g = 0; g < rowGroups; g++) {
            int rowGroup = g;
            Match match = evaluate(predicate, leaf -> {
                BoundPredicate b = bound.get(leaf);
                if (b == null) return Match.SOME;
                ColumnStatistics s = columns.get(column(leaf));
                ColumnBounds bounds = ColumnBounds.ofChunk(s.rowGroups().get(rowGroup), s.valueCounts().get(rowGroup),
                        s.column(), s.order());
                return b.evaluate(bounds::evaluate).and(bloom.get(leaf));
            });
            if (match != Match.NONE) return true;
        }
        return false;
    }

    /** NONE when the filter holds none of the leaf's literals; SOME when it may, or cannot tell. */
    private static Match bloomMatch(BoundPredicate bound, SplitBlockBloomFilter filter) {
        if (filter == null || !(bound instanceof BoundPredicate.ValueTest test) || !BloomPruning.applies(test)) {
            return Match.SOME;
        }
        return BloomPruning.evaluate(test, filter);
    }

    /** Evaluates the predicate tree with {@code leafMatch} for its comparisons, {@code in}s and null checks. */
    public static Match evaluate(Predicate predicate, Function<Predicate, Match> leafMatch) {
        return switch (predicate) {
            case Predicate.And and -> {
                Match m = Match.ALL;
                for (Predicate p : and.operands()) m = m.and(evaluate(p, leafMatch));
                yield m;
            }
            case Predicate.Or or -> {
                Match m = Match.NONE;
                for (Predicate p : or.operands()) m = m.or(evaluate(p, leafMatch));
                yield m;
            }
            case Predicate.Not not -> evaluate(not.operand(), leafMatch).not();
            default -> leafMatch.apply(predicate);
        };
    }

    /** The column a comparison, {@code in} or null check is on. */
    public static String column(Predicate leaf) {
        return switch (leaf) {
            case Predicate.Comparison c -> c.column();
            case Predicate.In in -> in.column();
            case Predicate.IsNull n -> n.column();
            case Predicate.IsNotNull n -> n.column();
            default -> throw new IllegalArgumentException("not a leaf: " + leaf);
        };
    }

    /** The comparisons, {@code in}s and null checks of {@code predicate}, left to right. */
    public static List<Predicate> leaves(Predicate predicate, List<Predicate> into) {
        switch (predicate) {
            case Predicate.And and -> and.operands().forEach(p -> leaves(p, into));
            case Predicate.Or or -> or.operands().forEach(p -> leaves(p, into));
            case Predicate.Not not -> leaves(not.operand(), into);
            default -> into.add(predicate);
        }
        return into;
    }
}
