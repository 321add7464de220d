package io.pqflux.otap.internal.join;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link RowsByParent} against a sorted map of lists, under the joins' mix of adds, takes, peeks and evictions. */
class RowsByParentTest {

    @ParameterizedTest(name = "ids spread over {0}")
    @ValueSource(ints = {8, 1_000, 100_000, Integer.MAX_VALUE})
    void groupsAsASortedMapOfListsDoes(int spread) {
        Random random = new Random(spread);
        RowsByParent<Integer> rows = new RowsByParent<>();
        TreeMap<Long, List<Integer>> model = new TreeMap<>();
        long base = 0;
        int next = 0;
        for (int step = 0; step < 200_000; step++) {
            int op = random.nextInt(100);
            if (op < 60) {
                long parent = base + random.nextInt(spread);
                rows.add(parent, next);
                model.computeIfAbsent(parent, p -> new ArrayList<>()).add(next++);
            } else if (op < 85) {
                long parent = base + random.nextInt(spread);
                List<Integer> expected = model.remove(parent);
                assertThat(rows.take(parent)).isEqualTo(expected == null ? List.of() : expected);
            } else if (op < 93) {
                long parent = model.isEmpty() || random.nextBoolean() ? base + random.nextInt(spread) : model.firstKey();
                assertThat(rows.peek(parent)).isEqualTo(model.getOrDefault(parent, List.of()));
            } else if (op < 97) {
                long from = base + random.nextInt(spread), to = from + random.nextInt(spread);
                assertThat(rows.idsIn(from, to))
                        .containsExactly(model.subMap(from, true, to, true).keySet().stream().mapToLong(Long::longValue).toArray());
            } else {
                // a batch done: the ids below the next one's dropped, the ids move on
                long through = base + random.nextInt(spread);
                List<Integer> expected = new ArrayList<>();
                Map<Long, List<Integer>> evicted = model.headMap(through, true);
                evicted.values().forEach(expected::addAll);
                evicted.clear();
                assertThat(rows.removeIn(0, through)).isEqualTo(expected);
                if (random.nextBoolean()) base += random.nextInt(spread) / 2;
            }
        }
        assertThat(rows.idsIn(0, Long.MAX_VALUE)).containsExactly(model.keySet().stream().mapToLong(Long::longValue).toArray());
    }

    @Test
    void anEmptyRangeHoldsNothingAndClearForgetsAll() {
        RowsByParent<String> rows = new RowsByParent<>();
        for (int i = 0; i < 100; i++) rows.add(i, "row " + i);
        assertThat(rows.idsIn(5, 4)).isEmpty();
        assertThat(rows.peek(7)).containsExactly("row 7");
        rows.clear();
        assertThat(rows.idsIn(0, Long.MAX_VALUE)).isEmpty();
        assertThat(rows.take(7)).isEmpty();
        rows.add(7, "again");
        assertThat(rows.take(7)).containsExactly("again");
    }
}
