package io.pqflux.reader;

import io.pqflux.filter.Predicate;
import io.pqflux.filter.Predicate.Operator;
import io.pqflux.internal.filter.ValueOrder;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.schema.ColumnDescriptor;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random predicates over a file's columns, with literals taken from the file's own values (sometimes nudged,
 * sometimes NaN or a signed zero) so that comparisons land on and around real values and bounds.
 */
final class RandomPredicates {

    private final List<ColumnDescriptor> columns;
    /** values.get(c): the non-null values of column c, in row order. */
    private final List<List<Object>> values;
    private final SplittableRandom random;
    private final Dialect dialect;

    /** Which predicates to make: any, or those parquet-java's filter API expresses with the same meaning. */
    enum Dialect {
        /** Everything pqflux supports. */
        PQFLUX,
        /** No {@code not} (parquet-java rewrites it with other null semantics), no ordering of booleans. */
        PARQUET_JAVA
    }

    RandomPredicates(List<ColumnDescriptor> columns, List<List<Object>> values, long seed, Dialect dialect) {
        this.columns = columns;
        this.values = values;
        this.random = new SplittableRandom(seed);
        this.dialect = dialect;
    }

    Predicate next() {
        return predicate(0);
    }

    private Predicate predicate(int depth) {
        int kind = depth >= 2 ? 0 : random.nextInt(dialect == Dialect.PQFLUX ? 10 : 9);
        if (kind < 6) return leaf();
        if (kind < 9) {
            List<Predicate> operands = new ArrayList<>();
            for (int i = 0, n = 2 + random.nextInt(2); i < n; i++) operands.add(predicate(depth + 1));
            return kind < 8 ? new Predicate.And(operands) : new Predicate.Or(operands);
        }
        return Predicate.not(predicate(depth + 1));
    }

    private Predicate leaf() {
        int c = random.nextInt(columns.size());
        ColumnDescriptor column = columns.get(c);
        String path = column.dottedPath();
        List<Object> present = values.get(c);
        int choice = random.nextInt(20);
        if (present.isEmpty() || choice == 0) return random.nextBoolean() ? Predicate.isNull(path) : Predicate.isNotNull(path);
        if (choice < 3) {
            List<Object> in = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) in.add(literal(column, present));
            return Predicate.in(path, in);
        }
        boolean ordered = ValueOrder.of(column).isOrdered()
                && (dialect == Dialect.PQFLUX || column.physicalType() != PhysicalType.BOOLEAN);
        Operator[] operators = ordered ? Operator.values() : new Operator[] {Operator.EQ, Operator.NOT_EQ};
        return new Predicate.Comparison(path, operators[random.nextInt(operators.length)], literal(column, present));
    }

    private Object literal(ColumnDescriptor column, List<Object> present) {
        Object v = present.get(random.nextInt(present.size()));
        boolean floating = column.physicalType() == PhysicalType.FLOAT || column.physicalType() == PhysicalType.DOUBLE;
        if (floating && random.nextInt(8) == 0) {
            double special = switch (random.nextInt(3)) {
                case 0 -> Double.NaN;
                case 1 -> -0.0;
                default -> 0.0;
            };
            return column.physicalType() == PhysicalType.FLOAT ? (Object) (float) special : (Object) special;
        }
        if (random.nextInt(3) != 0) return v;
        int delta = random.nextBoolean() ? 1 : -1;
        return switch (v) {
            case Integer i when i > Integer.MIN_VALUE && i < Integer.MAX_VALUE -> i + delta;
            // within the range of every integer column that gives Longs, unsigned 32-bit ones included
            case Long l when l > 0 && l < 0xFFFF_FFFFL -> l + delta;
            case Double d when floating -> d + delta * 0.25;
            case Float f when floating -> f + delta * 0.25f;
            case BigDecimal d -> d.add(BigDecimal.ONE.movePointLeft(d.scale()).multiply(BigDecimal.valueOf(delta)));
            case String s -> delta > 0 ? s + "0" : s.isEmpty() ? s : s.substring(0, s.length() - 1);
            case LocalDate d -> d.plusDays(delta);
            default -> v;
        };
    }
}
