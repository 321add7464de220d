package io.pqflux.internal.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.filter.RowRanges;
import io.pqflux.internal.codec.simd.Kernels;
import io.pqflux.internal.codec.simd.LevelKernels;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A selection's runs over long nested pages, against a naive entry-by-entry reference: pages of thousands of entries,
 * rows of 1 to 40 entries that cross page boundaries, and several kept intervals, so interval boundaries fall inside
 * a page, within and beyond the blocks whose row starts the selection counts at a time, on both kernel sets.
 */
class RowSelectionTest {

    @Test
    void runsOfLongNestedPagesMatchANaiveWalk() {
        SplittableRandom random = new SplittableRandom(23);
        for (LevelKernels kernels : new LevelKernels[] {Kernels.scalar(), Kernels.vector()}) {
            for (int trial = 0; trial < 200; trial++) {
                byte[] levels = randomLevels(random, 1 + random.nextInt(20_000));
                long rowCount = 0;
                for (byte level : levels) if (level == 0) rowCount++;
                RowRanges keep = randomRanges(random, rowCount);
                List<int[]> pages = randomPages(random, levels.length);

                RowSelection selection = RowSelection.of(keep, kernels);
                List<Boolean> actual = new ArrayList<>();
                MemorySegment segment = MemorySegment.ofArray(levels);
                for (int[] page : pages) {
                    selection.plan(page[1], segment, page[0]);
                    for (int run = 0; run < selection.runCount(); run++) {
                        for (int i = 0; i < selection.runLength(run); i++) actual.add(selection.runKept(run));
                    }
                }
                assertThat(actual).as("trial %d, %s, pages %d", trial, keep, pages.size())
                        .isEqualTo(naiveKept(levels, keep));
                assertThat(selection.rowCount()).isEqualTo(rowCount);
            }
        }
    }

    /** Levels of rows 1 to 40 entries long (the first entry of each row has repetition level 0). */
    private static byte[] randomLevels(SplittableRandom random, int entries) {
        byte[] levels = new byte[entries];
        int e = 0;
        while (e < entries) {
            int length = 1 + random.nextInt(random.nextBoolean() ? 3 : 40);
            levels[e++] = 0;
            for (int i = 1; i < length && e < entries; i++) levels[e++] = (byte) (1 + random.nextInt(2));
        }
        return levels;
    }

    private static RowRanges randomRanges(SplittableRandom random, long rowCount) {
        RowRanges ranges = RowRanges.empty();
        for (int i = random.nextInt(6); i > 0; i--) {
            long start = random.nextLong(rowCount);
            ranges = ranges.union(RowRanges.range(start, Math.min(rowCount, start + 1 + random.nextLong(rowCount / 4 + 1))));
        }
        return ranges;
    }

    /** {offset, entries} pages covering the levels, each starting at a row start or anywhere (V1 pages may split rows). */
    private static List<int[]> randomPages(SplittableRandom random, int entries) {
        List<int[]> pages = new ArrayList<>();
        int start = 0;
        while (start < entries) {
            int length = Math.min(entries - start, 1 + random.nextInt(random.nextBoolean() ? 300 : 8_000));
            pages.add(new int[] {start, length});
            start += length;
        }
        return pages;
    }

    private static List<Boolean> naiveKept(byte[] levels, RowRanges keep) {
        List<Boolean> kept = new ArrayList<>(levels.length);
        long row = -1;
        for (byte level : levels) {
            if (level == 0) row++;
            kept.add(keep.contains(row));
        }
        return kept;
    }
}
