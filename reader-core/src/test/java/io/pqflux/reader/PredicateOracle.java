package io.pqflux.reader;

import io.pqflux.filter.Predicate;
import io.pqflux.logical.Interval;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Function;

/**
 * The documented predicate semantics, written again on logical Java values (the row API's), independently of
 * the reader's physical comparisons: a test oracle for filtered reads. Comparisons never match null or NaN,
 * {@code !=} is {@code not =}, {@code not} is the complement, numbers compare as numbers (so -0.0 equals
 * 0.0), strings and bytes as unsigned bytes, UUIDs by their bytes.
 */
final class PredicateOracle {

    private PredicateOracle() {
    }

    /** @param valueOf the value of a column in the row, null for null */
    static boolean matches(Predicate predicate, Function<String, Object> valueOf) {
        return switch (predicate) {
            case Predicate.Comparison c -> {
                Object value = valueOf.apply(c.column());
                if (c.operator() == Predicate.Operator.NOT_EQ) yield !compares(value, c.value(), Predicate.Operator.EQ);
                yield compares(value, c.value(), c.operator());
            }
            case Predicate.In in -> {
                Object value = valueOf.apply(in.column());
                yield in.values().stream().anyMatch(v -> compares(value, v, Predicate.Operator.EQ));
            }
            case Predicate.IsNull n -> valueOf.apply(n.column()) == null;
            case Predicate.IsNotNull n -> valueOf.apply(n.column()) != null;
            case Predicate.And and -> and.operands().stream().allMatch(p -> matches(p, valueOf));
            case Predicate.Or or -> or.operands().stream().anyMatch(p -> matches(p, valueOf));
            case Predicate.Not not -> !matches(not.operand(), valueOf);
        };
    }

    private static boolean compares(Object value, Object literal, Predicate.Operator operator) {
        if (value == null) return false;
        Integer c = compare(value, literal);
        return c != null && operator.holds(c);
    }

    /** Null when the values do not compare (a NaN). */
    private static Integer compare(Object a, Object b) {
        if (a instanceof Float || a instanceof Double || b instanceof Float || b instanceof Double) {
            double x = ((Number) a).doubleValue(), y = ((Number) b).doubleValue();
            if (Double.isNaN(x) || Double.isNaN(y)) return null;
            return x < y ? -1 : x > y ? 1 : 0;
        }
        if (a instanceof BigDecimal x) return x.compareTo(decimal(b));
        if (a instanceof Number x) return integer(x).compareTo(integer((Number) b));
        if (a instanceof String x) return Arrays.compareUnsigned(utf8(x), bytes(b));
        if (a instanceof byte[] x) return Arrays.compareUnsigned(x, bytes(b));
        if (a instanceof UUID x) return Arrays.compareUnsigned(uuid(x), uuid((UUID) b));
        if (a instanceof Interval) return a.equals(b) ? 0 : 1;
        @SuppressWarnings({"unchecked", "rawtypes"})
        int c = ((Comparable) a).compareTo(b);
        return c;
    }

    private static BigDecimal decimal(Object v) {
        return v instanceof BigDecimal d ? d : new BigDecimal(integer((Number) v));
    }

    private static BigInteger integer(Number n) {
        return n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
    }

    private static byte[] bytes(Object v) {
        return v instanceof String s ? utf8(s) : (byte[]) v;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] uuid(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }
}
