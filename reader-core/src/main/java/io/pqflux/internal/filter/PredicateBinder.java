package io.pqflux.internal.filter;

import io.pqflux.filter.Predicate;

import io.pqflux.error.UnsupportedFeatureException;
import io.pqflux.filter.Predicate.Operator;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.schema.MessageSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a {@link Predicate} against a schema and binds it. Mistakes in the predicate (an unknown column, a
 * literal of the wrong type or out of range, an ordering on a type without one) are
 * {@link IllegalArgumentException}s; a predicate on a repeated column is an {@link UnsupportedFeatureException}.
 */
public final class PredicateBinder {

    private PredicateBinder() {
    }

    public static BoundPredicate bind(Predicate predicate, MessageSchema schema) {
        return switch (predicate) {
            case Predicate.Comparison c -> comparison(c, column(c.column(), schema));
            case Predicate.In in -> in(in, column(in.column(), schema));
            case Predicate.IsNull n -> new BoundPredicate.IsNull(column(n.column(), schema));
            case Predicate.IsNotNull n -> new BoundPredicate.Not(new BoundPredicate.IsNull(column(n.column(), schema)));
            case Predicate.And and -> new BoundPredicate.And(bindAll(and.operands(), schema));
            case Predicate.Or or -> new BoundPredicate.Or(bindAll(or.operands(), schema));
            case Predicate.Not not -> new BoundPredicate.Not(bind(not.operand(), schema));
        };
    }

    /**
     * Binds a pruning-only predicate ({@code ReadOptions.withPruning}): repeated columns are allowed, a leaf on one
     * meaning "some value of the row satisfies it". Statistics, dictionaries and page indexes judge such a leaf over
     * every value of the chunk or page, which is exactly that question when the answer is "none". Its negation is
     * not ("no value satisfies it" is not "some value does not"), so a {@code not} or a null test over a repeated
     * column is an {@link UnsupportedFeatureException}; {@code notEq}, "some value differs", is allowed.
     */
    public static BoundPredicate bindForPruning(Predicate predicate, MessageSchema schema) {
        return switch (predicate) {
            case Predicate.Comparison c -> comparison(c, anyColumn(c.column(), schema));
            case Predicate.In in -> in(in, anyColumn(in.column(), schema));
            case Predicate.IsNull n -> new BoundPredicate.IsNull(column(n.column(), schema));
            case Predicate.IsNotNull n -> new BoundPredicate.Not(new BoundPredicate.IsNull(anyColumn(n.column(), schema)));
            case Predicate.And and -> new BoundPredicate.And(and.operands().stream().map(p -> bindForPruning(p, schema)).toList());
            case Predicate.Or or -> new BoundPredicate.Or(or.operands().stream().map(p -> bindForPruning(p, schema)).toList());
            case Predicate.Not not -> new BoundPredicate.Not(bind(not.operand(), schema));
        };
    }

    /**
     * Binds a comparison, {@code in} or null check to {@code column}, which must be the column it names (for checks
     * made without a whole schema, e.g. on the statistics of a few columns).
     */
    public static BoundPredicate bindLeaf(Predicate leaf, ColumnDescriptor column) {
        return switch (leaf) {
            case Predicate.Comparison c -> comparison(c, column);
            case Predicate.In in -> in(in, column);
            case Predicate.IsNull n -> new BoundPredicate.IsNull(column);
            case Predicate.IsNotNull n -> new BoundPredicate.Not(new BoundPredicate.IsNull(column));
            case Predicate.And a -> throw new IllegalArgumentException("not a leaf: " + leaf);
            case Predicate.Or o -> throw new IllegalArgumentException("not a leaf: " + leaf);
            case Predicate.Not n -> throw new IllegalArgumentException("not a leaf: " + leaf);
        };
    }

    private static List<BoundPredicate> bindAll(List<Predicate> operands, MessageSchema schema) {
        List<BoundPredicate> bound = new ArrayList<>(operands.size());
        for (Predicate p : operands) bound.add(bind(p, schema));
        return bound;
    }

    private static BoundPredicate comparison(Predicate.Comparison c, ColumnDescriptor column) {
        ValueOrder order = ValueOrder.of(column);
        boolean ordering = c.operator() != Operator.EQ && c.operator() != Operator.NOT_EQ;
        if (ordering && !order.isOrdered()) {
            throw new IllegalArgumentException("column '" + column.dottedPath() + "' (" + Literals.describe(column)
                    + ") has no defined order: only =, !=, in and null checks apply (in: " + c + ")");
        }
        PlainValues literal = literal(c.value(), column);
        if (c.operator() == Operator.NOT_EQ) {
            return new BoundPredicate.Not(new BoundPredicate.Compare(column, order, Operator.EQ, literal));
        }
        return new BoundPredicate.Compare(column, order, c.operator(), literal);
    }

    private static BoundPredicate in(Predicate.In in, ColumnDescriptor column) {
        ValueOrder order = ValueOrder.of(column);
        List<PlainValues> literals = new ArrayList<>();
        for (Object value : in.values()) {
            PlainValues literal = literal(value, column);
            if (!order.isNaN(literal, 0)) literals.add(literal);
        }
        return new BoundPredicate.In(column, order, literals);
    }

    private static PlainValues literal(Object value, ColumnDescriptor column) {
        return PlainValues.single(Literals.toPlain(value, column), column);
    }

    private static ColumnDescriptor column(String path, MessageSchema schema) {
        ColumnDescriptor column = anyColumn(path, schema);
        if (column.maxRepetitionLevel() > 0) {
            throw new UnsupportedFeatureException("predicate on repeated column '" + path
                    + "' (filters apply to columns with one value per row)");
        }
        return column;
    }

    /** The column at {@code path}, repeated or not. */
    private static ColumnDescriptor anyColumn(String path, MessageSchema schema) {
        return schema.column(path).orElseThrow(() -> new IllegalArgumentException(
                "no column '" + path + "' to filter on; the file's columns are "
                        + schema.columns().stream().map(ColumnDescriptor::dottedPath).toList()));
    }
}
