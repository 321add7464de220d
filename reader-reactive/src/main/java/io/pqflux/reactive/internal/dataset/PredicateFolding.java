package io.pqflux.reactive.internal.dataset;

import io.pqflux.filter.Predicate;
import io.pqflux.filter.FileStatistics;
import io.pqflux.filter.Match;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * A dataset predicate made fit for one file: leaves whose outcome is known for every row of the file (on a partition
 * column, whose value is constant in the file, or on a column the file lacks, which is null in every row) are
 * replaced by true or false and the rest simplified. What is left is the predicate the file's reader gets; a constant
 * result means the file needs no filter (true) or need not be read at all (false).
 */
public final class PredicateFolding {

    /** The outcome for a file: a constant, or the predicate left over. */
    public sealed interface Folded {
        record Constant(boolean value) implements Folded {
        }

        record Residual(Predicate predicate) implements Folded {
        }
    }

    private static final Folded TRUE = new Folded.Constant(true);
    private static final Folded FALSE = new Folded.Constant(false);

    private PredicateFolding() {
    }

    /**
     * Folds the leaves {@code known} decides (ALL: true in every row, NONE: in none); SOME keeps the leaf. A null
     * predicate folds to true.
     */
    public static Folded fold(Predicate predicate, Function<Predicate, Match> known) {
        if (predicate == null) return TRUE;
        return switch (predicate) {
            case Predicate.And and -> combine(and.operands(), known, true);
            case Predicate.Or or -> combine(or.operands(), known, false);
            case Predicate.Not not -> switch (fold(not.operand(), known)) {
                case Folded.Constant c -> new Folded.Constant(!c.value());
                case Folded.Residual r -> new Folded.Residual(Predicate.not(r.predicate()));
            };
            default -> switch (known.apply(predicate)) {
                case ALL -> TRUE;
                case NONE -> FALSE;
                case SOME -> new Folded.Residual(predicate);
            };
        };
    }

    /** {@code and} (a false operand decides, true ones drop out) or {@code or} (the other way round). */
    private static Folded combine(List<Predicate> operands, Function<Predicate, Match> known, boolean and) {
        List<Predicate> left = new ArrayList<>();
        for (Predicate operand : operands) {
            switch (fold(operand, known)) {
                case Folded.Constant c when c.value() != and -> {
                    return c;
                }
                case Folded.Constant c -> { }
                case Folded.Residual r -> left.add(r.predicate());
            }
        }
        if (left.isEmpty()) return new Folded.Constant(and);
        if (left.size() == 1) return new Folded.Residual(left.getFirst());
        return new Folded.Residual(and ? new Predicate.And(left) : new Predicate.Or(left));
    }

    /** A leaf on a column the file lacks: every row holds null there. */
    public static Match onMissingColumn(Predicate leaf) {
        return switch (leaf) {
            case Predicate.IsNull n -> Match.ALL;
            case Predicate.Comparison c when c.operator() == Predicate.Operator.NOT_EQ -> Match.ALL;
            default -> Match.NONE;
        };
    }

    /**
     * A leaf on a partition column whose value in the file is {@code value} ({@code Long}, {@code String} or null):
     * exact, under the predicate semantics (comparisons and {@code in} never match null, {@code notEq} does).
     *
     * @throws IllegalArgumentException when a literal's type does not fit the partition column's
     */
    public static Match onConstant(Predicate leaf, Object value) {
        if (value == null) return onMissingColumn(leaf);
        return switch (leaf) {
            case Predicate.IsNull n -> Match.NONE;
            case Predicate.IsNotNull n -> Match.ALL;
            case Predicate.Comparison c -> c.operator().holds(compare(value, c.value(), c.column())) ? Match.ALL : Match.NONE;
            case Predicate.In in -> in.values().stream().anyMatch(v -> compare(value, v, in.column()) == 0)
                    ? Match.ALL : Match.NONE;
            default -> throw new IllegalArgumentException("not a leaf: " + leaf);
        };
    }

    private static int compare(Object value, Object literal, String column) {
        if (value instanceof Long number) {
            long other = switch (literal) {
                case Long l -> l;
                case Integer i -> i;
                case Short s -> s;
                case Byte b -> b;
                case BigInteger big when big.bitLength() < 64 -> big.longValue();
                default -> throw new IllegalArgumentException("partition column '" + column
                        + "' holds integers; compare it with an integer, not " + describe(literal));
            };
            return Long.compare(number, other);
        }
        if (!(literal instanceof String text)) {
            throw new IllegalArgumentException("partition column '" + column + "' holds strings; compare it with a"
                    + " String, not " + describe(literal));
        }
        // strings order as their UTF-8 bytes, unsigned, as Parquet orders them
        return Arrays.compareUnsigned(((String) value).getBytes(StandardCharsets.UTF_8),
                text.getBytes(StandardCharsets.UTF_8));
    }

    private static String describe(Object literal) {
        return literal.getClass().getSimpleName() + " " + literal;
    }

    /** The columns a predicate tests, left to right, with repeats. */
    public static List<String> columns(Predicate predicate) {
        if (predicate == null) return List.of();
        return FileStatistics.leaves(predicate, new ArrayList<>()).stream().map(FileStatistics::column).toList();
    }
}
