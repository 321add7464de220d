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

    /** Slices cover the set exactly, in order, each at most the size asked for and all but the last exactly that. */
    @Test
    void slicesCoverTheSetInBoundedPieces() {
        SplittableRandom random = new SplittableRandom(5);
        for (int round = 0; round < 200; round++) {
            RowRanges.Builder builder = new RowRanges.Builder();
            long row = 0;
            for (int i = random.nextInt(6); i > 0; i--) {
                row += random.nextInt(20);
                long end = row + 1 + random.nextInt(30);
                builder.add(row, end);
                row = end + 1;
            }
            RowRanges set = builder.build();
            long max = 1 + random.nextInt(25);
            java.util.List<RowRanges> slices = set.slices(max);
            RowRanges union = RowRanges.empty();
            long previousEnd = -1;
            for (int s = 0; s < slices.size(); s++) {
                RowRanges slice = slices.get(s);
                assertThat(slice.rowCount()).isBetween(1L, max);
                if (s < slices.size() - 1) assertThat(slice.rowCount()).isEqualTo(max);
                assertThat(slice.start(0)).isGreaterThanOrEqualTo(previousEnd);
                previousEnd = slice.end(slice.intervalCount() - 1);
                union = union.union(slice);
            }
            assertThat(union).isEqualTo(set);
        }
    }
}
