package io.pqflux.internal.filter;

import io.pqflux.column.ColumnVector;
import io.pqflux.filter.Match;
import io.pqflux.schema.ColumnDescriptor;
import java.util.BitSet;
import java.util.Map;
import java.util.function.Function;

/**
 * Exact filtering: evaluates a predicate on decoded values, row by row, into the set of matching rows.
 * Leaves already decided for every row (by statistics, dictionary or bloom filter) are not re-tested.
 */
public final class RowMatcher {

    private RowMatcher() {
    }

    /**
     * @param rows     rows held by the vectors
     * @param vectors  the vector of each column a leaf not in {@code decided} reads; one entry per row
     * @param decided  leaves known to be ALL or NONE for every row
     * @return the matching rows, as positions {@code [0, rows)}
     */
    public static BitSet matches(BoundPredicate predicate, int rows, Function<ColumnDescriptor, ColumnVector> vectors,
                                 Map<BoundPredicate.Leaf, Match> decided) {
        return switch (predicate) {
            case BoundPredicate.Leaf leaf -> {
                Match known = decided.getOrDefault(leaf, Match.SOME);
                if (known == Match.SOME) yield leaf(leaf, rows, vectors.apply(leaf.column()));
                BitSet constant = new BitSet(rows);
                if (known == Match.ALL) constant.set(0, rows);
                yield constant;
            }
            case BoundPredicate.And and -> {
                BitSet bits = new BitSet(rows);
                bits.set(0, rows);
                for (BoundPredicate p : and.operands()) {
                    if (bits.isEmpty()) break;
                    bits.and(matches(p, rows, vectors, decided));
                }
                yield bits;
            }
            case BoundPredicate.Or or -> {
                BitSet bits = new BitSet(rows);
                for (BoundPredicate p : or.operands()) {
                    if (bits.cardinality() == rows) break;
                    bits.or(matches(p, rows, vectors, decided));
                }
                yield bits;
            }
            case BoundPredicate.Not not -> {
                BitSet bits = matches(not.operand(), rows, vectors, decided);
                bits.flip(0, rows);
                yield bits;
            }
        };
    }

    private static BitSet leaf(BoundPredicate.Leaf leaf, int rows, ColumnVector vector) {
        if (vector.size() != rows) {
            throw new IllegalArgumentException("column " + leaf.column().dottedPath() + " holds " + vector.size()
                    + " entries for " + rows + " rows");
        }
        BitSet bits = new BitSet(rows);
        switch (leaf) {
            case BoundPredicate.IsNull n -> {
                for (int row = 0; row < rows; row++) {
                    if (vector.isNull(row)) bits.set(row);
                }
            }
            case BoundPredicate.ValueTest test -> {
                int value = 0;
                for (int row = 0; row < rows; row++) {
                    if (vector.isNull(row)) continue;
                    if (test.test(vector, value)) bits.set(row);
                    value++;
                }
            }
        }
        return bits;
    }
}
