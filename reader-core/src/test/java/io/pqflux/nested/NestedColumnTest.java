package io.pqflux.nested;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.column.ColumnVector;
import io.pqflux.internal.decode.LevelsOnlyVectors;
import io.pqflux.error.CorruptFileException;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.schema.MessageSchema;
import io.pqflux.schema.TextSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class NestedColumnTest {

    private static final MessageSchema LISTS = TextSchemas.parse("""
            message m {
              optional group a (LIST) { repeated group list { optional int32 element; } }
              repeated group outer { repeated group inner { optional int64 x; } }
              optional group holder { repeated int32 b; }
              optional int32 flat;
            }""");

    @Test
    void nullableListOfNullableElements() {
        // [1, null], null, [], [2]
        try (ColumnVector v = LevelsOnlyVectors.of(column("a.list.element"),
                new int[] {3, 2, 0, 1, 3}, new int[] {0, 1, 0, 0, 0})) {
            NestedColumn c = NestedColumn.of(v);
            assertThat(c.rowCount()).isEqualTo(4);
            assertThat(validity(c, 1)).containsExactly(true, false, true, true);
            assertThat(offsets(c, 2)).containsExactly(0, 2, 2, 2, 3);
            assertThat(validity(c, 3)).containsExactly(true, false, true);
            assertThat(valueIndexes(c)).containsExactly(0, -1, 1);
        }
    }

    @Test
    void listsOfListsOpenSlotsOnlyWhereTheLevelsSayTheyExist() {
        // row 0: outer [ {inner [x=1, x=null]}, {inner []} ]; row 1: outer []; row 2: outer [ {inner [x=2]} ]
        try (ColumnVector v = LevelsOnlyVectors.of(column("outer.inner.x"),
                new int[] {3, 2, 1, 0, 3}, new int[] {0, 2, 1, 0, 0})) {
            NestedColumn c = NestedColumn.of(v);
            assertThat(c.rowCount()).isEqualTo(3);
            assertThat(offsets(c, 1)).containsExactly(0, 2, 2, 3);
            assertThat(offsets(c, 2)).containsExactly(0, 2, 2, 3);
            assertThat(validity(c, 3)).containsExactly(true, false, true);
            assertThat(valueIndexes(c)).containsExactly(0, -1, 1);
        }
    }

    @Test
    void valueIndexesWhetherTheFirstNullComesFirstLastOrNever() {
        // list elements [null, 1], [2, 3, null]; then [1], [2, 3] with no null; flat: null, 1, 2; 1, 2, null; 1, 2
        assertThat(valueIndexes("a.list.element", new int[] {2, 3, 3, 3, 2}, new int[] {0, 1, 0, 1, 1}))
                .containsExactly(-1, 0, 1, 2, -1);
        assertThat(valueIndexes("a.list.element", new int[] {3, 3, 3}, new int[] {0, 0, 1})).containsExactly(0, 1, 2);
        assertThat(valueIndexes("flat", new int[] {0, 1, 1}, null)).containsExactly(-1, 0, 1);
        assertThat(valueIndexes("flat", new int[] {1, 1, 0}, null)).containsExactly(0, 1, -1);
        assertThat(valueIndexes("flat", new int[] {1, 1}, null)).containsExactly(0, 1);
    }

    private static List<Integer> valueIndexes(String path, int[] defs, int[] reps) {
        try (ColumnVector v = LevelsOnlyVectors.of(column(path), defs, reps)) {
            return valueIndexes(NestedColumn.of(v));
        }
    }

    @Test
    void levelsThatDescribeNoRecordAreCorrupt() {
        ColumnDescriptor x = column("outer.inner.x");
        assertCorrupt(x, new int[] {3}, new int[] {1}, "the first entry continues a list");
        assertCorrupt(x, new int[] {3, 3}, new int[] {0, 3}, "repetition level 3 above the maximum 2");
        // continuing 'inner' (r=2) while the definition level says 'inner' is empty
        assertCorrupt(x, new int[] {3, 1}, new int[] {0, 2}, "adds an element that definition level 1 says is absent");
    }

    @Test
    void continuingAListThePreviousEntryLeftEmptyOrNullIsCorrupt() {
        // row 0: holder null; the next entry claims a second element of holder.b
        assertCorrupt(column("holder.b"), new int[] {0, 2}, new int[] {0, 1}, "continues a list that the previous entry");
        // row 0: holder.b empty, then a "second" element
        assertCorrupt(column("holder.b"), new int[] {1, 2}, new int[] {0, 1}, "continues a list that the previous entry");
    }

    private static void assertCorrupt(ColumnDescriptor column, int[] defs, int[] reps, String message) {
        try (ColumnVector v = LevelsOnlyVectors.of(column, defs, reps)) {
            assertThatThrownBy(() -> NestedColumn.of(v)).isInstanceOf(CorruptFileException.class).hasMessageContaining(message);
        }
    }

    private static ColumnDescriptor column(String path) {
        return LISTS.column(path).orElseThrow();
    }

    private static List<Boolean> validity(NestedColumn c, int level) {
        return collect(c.slotCount(level), slot -> c.isValid(level, slot));
    }

    private static List<Integer> offsets(NestedColumn c, int level) {
        List<Integer> result = new ArrayList<>();
        for (int p = 0; p <= c.slotCount(level - 1); p++) result.add(c.offset(level, p));
        return result;
    }

    private static List<Integer> valueIndexes(NestedColumn c) {
        List<Integer> result = new ArrayList<>();
        for (int s = 0; s < c.slotCount(c.depth()); s++) result.add(c.valueIndex(s));
        return result;
    }

    private static List<Boolean> collect(int n, IntPredicate p) {
        List<Boolean> result = new ArrayList<>();
        for (int i = 0; i < n; i++) result.add(p.test(i));
        return result;
    }
}
