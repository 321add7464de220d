package io.pqflux.internal.filter;

import io.pqflux.filter.Match;
import io.pqflux.filter.Predicate;
import io.pqflux.filter.SplitBlockBloomFilter;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.internal.codec.encoding.LittleEndian;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * Pruning with a column chunk's bloom filter, for {@code eq} and {@code in}: when none of the literals was
 * inserted, no row matches. The filter was built from the PLAIN bytes of each value, so a literal is probed
 * with its PLAIN bytes; that is only sound where equal values have equal bytes.
 */
public final class BloomPruning {

    private BloomPruning() {
    }

    /**
     * True for equality leaves on columns whose equal values share one byte form. Not for booleans (no
     * filters are written for them), DECIMAL in variable-length byte arrays (1 can be 0x01 or 0x0001) nor INT96
     * (nanoseconds beyond a day). Floating-point zeros have two forms, so both are probed.
     */
    public static boolean applies(BoundPredicate.Leaf leaf) {
        boolean equality = leaf instanceof BoundPredicate.In
                || (leaf instanceof BoundPredicate.Compare c && c.operator() == Predicate.Operator.EQ);
        if (!equality) return false;
        ValueOrder order = ((BoundPredicate.ValueTest) leaf).order();
        boolean variableDecimal = order == ValueOrder.SIGNED_BIG_ENDIAN && leaf.column().physicalType() == PhysicalType.BYTE_ARRAY;
        return order != ValueOrder.BOOLEAN && order != ValueOrder.INT96 && !variableDecimal;
    }

    /** NONE when no literal of {@code leaf} can be in the chunk; SOME otherwise. Requires {@link #applies}. */
    public static Match evaluate(BoundPredicate.ValueTest leaf, SplitBlockBloomFilter filter) {
        List<PlainValues> literals = switch (leaf) {
            case BoundPredicate.In in -> in.literals();
            case BoundPredicate.Compare c -> List.of(c.literal());
        };
        ValueOrder order = leaf.order();
        for (PlainValues literal : literals) {
            if (order.isNaN(literal, 0)) continue;
            MemorySegment bytes = literal.getBytes(0);
            if (filter.mightContain(SplitBlockBloomFilter.hash(bytes))) return Match.SOME;
            if (isZero(literal, order)
                    && filter.mightContain(SplitBlockBloomFilter.hash(otherZero(bytes)))) {
                return Match.SOME;
            }
        }
        return Match.NONE;
    }

    private static boolean isZero(PlainValues literal, ValueOrder order) {
        return switch (order) {
            case FLOAT -> literal.getFloat(0) == 0;
            case DOUBLE -> literal.getDouble(0) == 0;
            case FLOAT16 -> Float.float16ToFloat(literal.getBytes(0).get(LittleEndian.SHORT, 0)) == 0;
            default -> false;
        };
    }

    /** The same zero with the other sign: the sign bit is the top bit of the last (little-endian) byte. */
    private static MemorySegment otherZero(MemorySegment zero) {
        byte[] flipped = zero.toArray(ValueLayout.JAVA_BYTE);
        flipped[flipped.length - 1] ^= (byte) 0x80;
        return MemorySegment.ofArray(flipped);
    }
}
