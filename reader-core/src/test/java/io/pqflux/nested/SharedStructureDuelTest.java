package io.pqflux.nested;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.column.ColumnVector;
import io.pqflux.internal.decode.LevelsOnlyVectors;
import io.pqflux.schema.MessageSchema;
import io.pqflux.schema.TextSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link NestedColumn#sameRecords}, which decides from the levels alone whether two leaves describe the same records
 * down to a shared node, against the structure it stands in for: {@link NestedColumn#sameStructure} at every level down
 * to that node, on random records (and on leaves written from the same records, which must always agree).
 */
class SharedStructureDuelTest {

    // x and y share o, r and g (levels 1 to 3); x repeats again below g
    private static final MessageSchema SCHEMA = TextSchemas.parse("""
            message m { optional group o { repeated group r { optional group g { repeated int32 x; optional int32 y; } } } }""");

    @Test
    void theLevelComparisonAgreesWithTheBuiltStructure() {
        SplittableRandom random = new SplittableRandom(0x5eed);
        int agreeing = 0;
        int disagreeing = 0;
        LevelCursor mine = new LevelCursor();
        LevelCursor theirs = new LevelCursor();
        for (int round = 0; round < 2_000; round++) {
            List<Row> rows = rows(random, 1, 4);
            List<Row> others = random.nextInt(4) == 0 ? rows : rows(random, 1, 4);
            try (ColumnVector x = x(rows); ColumnVector y = y(others); ColumnVector sameY = y(rows)) {
                NestedColumn xs = NestedColumn.of(x);
                NestedColumn ys = NestedColumn.of(y);
                assertThat(xs.sameRecords(NestedColumn.of(sameY), 3, new LevelCursor(), new LevelCursor())).as("leaves of the same records").isTrue();
                for (int level = 0; level <= 3; level++) {
                    boolean built = true;
                    for (int l = 0; l <= level; l++) built &= xs.sameStructure(ys, l);
                    assertThat(xs.sameRecords(ys, level, mine, theirs)).as("round %d, level %d", round, level).isEqualTo(built);
                    assertThat(ys.sameRecords(xs, level, theirs, mine)).as("round %d, level %d, the other way", round, level).isEqualTo(built);
                    if (level == 3) {
                        if (built) agreeing++;
                        else disagreeing++;
                    }
                }
            }
        }
        // both outcomes are exercised, not only the trivial one
        assertThat(agreeing).isGreaterThan(400);
        assertThat(disagreeing).isGreaterThan(400);
    }

    @Test
    void batchesLongerThanTheCursorsWindowAgreeWithTheBuiltStructureToo() {
        SplittableRandom random = new SplittableRandom(0xb16);
        LevelCursor mine = new LevelCursor();
        LevelCursor theirs = new LevelCursor();
        int disagreeing = 0;
        for (int round = 0; round < 40; round++) {
            List<Row> rows = rows(random, 4_000, 5_000);
            // the same records but one, late enough to lie past the first windows
            List<Row> others = new ArrayList<>(rows);
            if (round % 4 != 0) others.set(others.size() - 1 - random.nextInt(10), rows(random, 1, 1).getFirst());
            try (ColumnVector x = x(rows); ColumnVector y = y(others)) {
                assertThat(x.size()).as("entries, beyond one window").isGreaterThan(2 * 2048);
                NestedColumn xs = NestedColumn.of(x);
                NestedColumn ys = NestedColumn.of(y);
                for (int level = 0; level <= 3; level++) {
                    boolean built = true;
                    for (int l = 0; l <= level; l++) built &= xs.sameStructure(ys, l);
                    assertThat(xs.sameRecords(ys, level, mine, theirs)).as("round %d, level %d", round, level).isEqualTo(built);
                    assertThat(ys.sameRecords(xs, level, theirs, mine)).as("round %d, level %d, the other way", round, level).isEqualTo(built);
                    if (level == 3 && !built) disagreeing++;
                }
            }
        }
        assertThat(disagreeing).isGreaterThan(10);
    }

    /** A row: o null, or o's list of g (null or its x count and whether y is set). */
    private record Row(boolean oNull, List<Element> elements) {
    }

    private record Element(boolean gNull, int xCount, boolean yNull) {
    }

    private static List<Row> rows(SplittableRandom random, int minRows, int maxRows) {
        List<Row> rows = new ArrayList<>();
        int count = minRows + random.nextInt(maxRows - minRows + 1);
        for (int i = 0; i < count; i++) {
            if (random.nextInt(5) == 0) {
                rows.add(new Row(true, List.of()));
                continue;
            }
            List<Element> elements = new ArrayList<>();
            for (int e = random.nextInt(3); e > 0; e--) {
                elements.add(new Element(random.nextInt(4) == 0, random.nextInt(3), random.nextBoolean()));
            }
            rows.add(new Row(false, elements));
        }
        return rows;
    }

    private static ColumnVector x(List<Row> rows) {
        Levels levels = new Levels();
        for (Row row : rows) {
            if (row.oNull()) levels.add(0, 0);
            else if (row.elements().isEmpty()) levels.add(1, 0);
            for (int i = 0; i < row.elements().size(); i++) {
                Element element = row.elements().get(i);
                int rep = i == 0 ? 0 : 1;
                if (element.gNull()) levels.add(2, rep);
                else if (element.xCount() == 0) levels.add(3, rep);
                for (int j = 0; !element.gNull() && j < element.xCount(); j++) levels.add(4, j == 0 ? rep : 2);
            }
        }
        return LevelsOnlyVectors.of(SCHEMA.columns().get(0), levels.definitions(), levels.repetitions());
    }

    private static ColumnVector y(List<Row> rows) {
        Levels levels = new Levels();
        for (Row row : rows) {
            if (row.oNull()) levels.add(0, 0);
            else if (row.elements().isEmpty()) levels.add(1, 0);
            for (int i = 0; i < row.elements().size(); i++) {
                Element element = row.elements().get(i);
                levels.add(element.gNull() ? 2 : element.yNull() ? 3 : 4, i == 0 ? 0 : 1);
            }
        }
        return LevelsOnlyVectors.of(SCHEMA.columns().get(1), levels.definitions(), levels.repetitions());
    }

    private static final class Levels {
        private final List<int[]> entries = new ArrayList<>();

        void add(int definition, int repetition) {
            entries.add(new int[] {definition, repetition});
        }

        int[] definitions() {
            return entries.stream().mapToInt(e -> e[0]).toArray();
        }

        int[] repetitions() {
            return entries.stream().mapToInt(e -> e[1]).toArray();
        }
    }
}
