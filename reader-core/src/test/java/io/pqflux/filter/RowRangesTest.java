package io.pqflux.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Set operations on row ranges, checked against bit sets over random inputs. */
class RowRangesTest {

    private static final int ROWS = 200;

    @Test
    void operationsMatchBitSets() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 500; i++) {
            BitSet a = randomBits(random), b = randomBits(random);
            RowRanges ra = ranges(a), rb = ranges(b);
            assertThat(bits(ra)).isEqualTo(a);
            BitSet union = (BitSet) a.clone();
            union.or(b);
            assertThat(ra.union(rb)).isEqualTo(ranges(union));
            BitSet intersection = (BitSet) a.clone();
            intersection.and(b);
            assertThat(ra.intersect(rb)).isEqualTo(ranges(intersection));
            BitSet complement = (BitSet) a.clone();
            complement.flip(0, ROWS);
            assertThat(ra.complement(ROWS)).isEqualTo(ranges(complement));
            assertThat(ra.rowCount()).isEqualTo(a.cardinality());
            int start = random.nextInt(ROWS), end = start + random.nextInt(20);
            assertThat(ra.overlaps(start, end)).isEqualTo(a.get(start, end).cardinality() > 0);
            long position = 0;
            for (int row = a.nextSetBit(0); row >= 0; row = a.nextSetBit(row + 1)) {
                assertThat(ra.positionOf(row)).isEqualTo(position);
                assertThat(ra.rowAt(position)).isEqualTo(row);
                position++;
            }
        }
    }

    @Test
    void builderMergesTouchingIntervals() {
        RowRanges r = new RowRanges.Builder().add(0, 5).add(5, 8).add(7, 9).add(12, 12).add(20, 30).build();
        assertThat(r.toString()).isEqualTo("[0, 9) [20, 30)");
        assertThat(RowRanges.all(0).isEmpty()).isTrue();
    }

    private static BitSet randomBits(SplittableRandom random) {
        BitSet bits = new BitSet();
        int runs = random.nextInt(8);
        for (int i = 0; i < runs; i++) {
            int start = random.nextInt(ROWS);
            bits.set(start, Math.min(ROWS, start + 1 + random.nextInt(30)));
        }
        return bits;
    }

    private static RowRanges ranges(BitSet bits) {
        RowRanges.Builder builder = new RowRanges.Builder();
        for (int row = bits.nextSetBit(0); row >= 0; row = bits.nextSetBit(row + 1)) builder.add(row, row + 1);
        return builder.build();
    }

    private static BitSet bits(RowRanges ranges) {
        BitSet bits = new BitSet();
        for (int k = 0; k < ranges.intervalCount(); k++) bits.set((int) ranges.start(k), (int) ranges.end(k));
        return bits;
    }
}
