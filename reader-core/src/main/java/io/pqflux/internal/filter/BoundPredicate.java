package io.pqflux.internal.filter;

import io.pqflux.column.ColumnValues;
import io.pqflux.filter.Match;
import io.pqflux.filter.Predicate.Operator;
import io.pqflux.filter.Predicate;
import io.pqflux.schema.ColumnDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A {@link Predicate} checked against a schema: columns resolved, literals converted to PLAIN values of their
 * column, and reduced to a few node kinds ({@code notEq} is {@code not(eq)}, {@code isNotNull} is
 * {@code not(isNull)}), so that every pruning level handles negation in one place.
 */
public sealed interface BoundPredicate {

    /** A condition on one column. */
    sealed interface Leaf extends BoundPredicate {
        ColumnDescriptor column();
    }

    /** A leaf that tests non-null values one at a time; a null or a NaN never passes. */
    sealed interface ValueTest extends Leaf {
        ValueOrder order();

        boolean test(ColumnValues values, int valueIndex);
    }

    /** {@code column <operator> literal}, the operator being one of EQ, LT, LT_EQ, GT, GT_EQ. */
    record Compare(ColumnDescriptor column, ValueOrder order, Operator operator, PlainValues literal) implements ValueTest {

        public Compare {
            if (operator == Operator.NOT_EQ) throw new IllegalArgumentException("NOT_EQ is bound as not(EQ)");
        }

        @Override
        public boolean test(ColumnValues values, int valueIndex) {
            if (order.isNaN(values, valueIndex) || order.isNaN(literal, 0)) return false;
            return operator.holds(order.compare(values, valueIndex, literal, 0));
        }
    }

    /** {@code column} equals one of {@code literals}; NaN literals were dropped since they equal nothing. */
    record In(ColumnDescriptor column, ValueOrder order, List<PlainValues> literals) implements ValueTest {

        public In {
            literals = List.copyOf(literals);
        }

        @Override
        public boolean test(ColumnValues values, int valueIndex) {
            if (order.isNaN(values, valueIndex)) return false;
            for (PlainValues literal : literals) {
                if (order.compare(values, valueIndex, literal, 0) == 0) return true;
            }
            return false;
        }
    }

    record IsNull(ColumnDescriptor column) implements Leaf {
    }

    record And(List<BoundPredicate> operands) implements BoundPredicate {
        public And {
            operands = List.copyOf(operands);
        }
    }

    record Or(List<BoundPredicate> operands) implements BoundPredicate {
        public Or {
            operands = List.copyOf(operands);
        }
    }

    record Not(BoundPredicate operand) implements BoundPredicate {
    }

    /** Combines what is known of each leaf into what is known of the whole predicate. */
    default Match evaluate(Function<? super Leaf, Match> leafMatch) {
        return switch (this) {
            case Leaf leaf -> leafMatch.apply(leaf);
            case And and -> {
                Match m = Match.ALL;
                for (BoundPredicate p : and.operands()) m = m.and(p.evaluate(leafMatch));
                yield m;
            }
            case Or or -> {
                Match m = Match.NONE;
                for (BoundPredicate p : or.operands()) m = m.or(p.evaluate(leafMatch));
                yield m;
            }
            case Not not -> not.operand().evaluate(leafMatch).not();
        };
    }

    /** Every leaf, left to right. */
    default List<Leaf> leaves() {
        List<Leaf> out = new ArrayList<>();
        collectLeaves(this, out);
        return out;
    }

    private static void collectLeaves(BoundPredicate p, List<Leaf> out) {
        switch (p) {
            case Leaf leaf -> out.add(leaf);
            case And and -> and.operands().forEach(o -> collectLeaves(o, out));
            case Or or -> or.operands().forEach(o -> collectLeaves(o, out));
            case Not not -> collectLeaves(not.operand(), out);
        }
    }
}
