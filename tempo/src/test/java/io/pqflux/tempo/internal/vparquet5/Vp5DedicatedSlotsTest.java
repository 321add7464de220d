package io.pqflux.tempo.internal.vparquet5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.DedicatedColumn;
import io.pqflux.tempo.DedicatedColumn.Option;
import io.pqflux.tempo.DedicatedColumn.Scope;
import io.pqflux.tempo.DedicatedColumn.Type;
import io.pqflux.tempo.TempoException;
import io.pqflux.tempo.testing.MappedBlocks;
import io.pqflux.tempo.internal.vparquet5.Vp5DedicatedSlots.Slot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class Vp5DedicatedSlotsTest {

    @Test
    void bundledPreviewBlock() {
        Vp5DedicatedSlots slots = Vp5DedicatedSlots.of(MappedBlocks.meta(MappedBlocks.VP5));
        assertThat(slots.of(Scope.RESOURCE)).containsExactly(new Slot("ip", Type.STRING, 0, false));
        assertThat(slots.of(Scope.SPAN)).containsExactly(new Slot("instance", Type.STRING, 0, false),
                new Slot("version", Type.STRING, 1, false), new Slot("region", Type.STRING, 2, false),
                new Slot("sampler.type", Type.STRING, 3, false));
        assertThat(slots.of(Scope.EVENT)).isEmpty();
        assertThat(slots.of(Scope.SPAN).get(3).column()).isEqualTo("String04");
    }

    /** Errata 5: per type in meta order, options take a slot too, only {@code array} matters, no event columns. */
    @Test
    void previewRules() {
        List<DedicatedColumn> columns = new ArrayList<>(List.of(
                column(Scope.SPAN, Type.INT, "n1", Set.of()),
                column(Scope.SPAN, Type.STRING, "s1", Set.of(Option.ARRAY)),
                column(Scope.SPAN, Type.STRING, "s2", Set.of(Option.BLOB)),
                column(Scope.EVENT, Type.STRING, "e1", Set.of()),
                column(Scope.RESOURCE, Type.INT, "r1", Set.of(Option.ARRAY))));
        for (int i = 3; i <= 11; i++) columns.add(column(Scope.SPAN, Type.STRING, "s" + i, Set.of()));
        for (int i = 2; i <= 6; i++) columns.add(column(Scope.SPAN, Type.INT, "n" + i, Set.of()));
        Vp5DedicatedSlots slots = Vp5DedicatedSlots.of(meta("vParquet5-preview5", columns));
        List<Slot> span = slots.of(Scope.SPAN);
        assertThat(span).hasSize(15);
        assertThat(span.subList(0, 3)).containsExactly(new Slot("n1", Type.INT, 0, false),
                new Slot("s1", Type.STRING, 0, true), new Slot("s2", Type.STRING, 1, false));
        assertThat(span).extracting(Slot::name).doesNotContain("s11", "n6").contains("s10", "n5");
        assertThat(span.getLast()).isEqualTo(new Slot("n5", Type.INT, 4, false));
        assertThat(span.getLast().column()).isEqualTo("Int05");
        assertThat(slots.of(Scope.RESOURCE)).containsExactly(new Slot("r1", Type.INT, 0, true));
        assertThat(slots.of(Scope.EVENT)).isEmpty();
    }

    /** Current vParquet5: 20 string columns, an event scope, and a single value is never an array. */
    @Test
    void currentRules() {
        List<DedicatedColumn> columns = new ArrayList<>();
        for (int i = 1; i <= 21; i++) columns.add(column(Scope.SPAN, Type.STRING, "s" + i, Set.of(Option.ARRAY)));
        columns.add(column(Scope.EVENT, Type.STRING, "e1", Set.of()));
        Vp5DedicatedSlots slots = Vp5DedicatedSlots.of(meta("vParquet5", columns));
        assertThat(slots.of(Scope.SPAN)).hasSize(20).allSatisfy(s -> assertThat(s.singleAsArray()).isFalse());
        assertThat(slots.of(Scope.SPAN).getLast().column()).isEqualTo("String20");
        assertThat(slots.of(Scope.EVENT)).containsExactly(new Slot("e1", Type.STRING, 0, false));
    }

    @Test
    void aNameTakingTwoColumnsIsAConfigurationError() {
        List<DedicatedColumn> columns = List.of(column(Scope.SPAN, Type.STRING, "x", Set.of()),
                column(Scope.SPAN, Type.INT, "x", Set.of()));
        assertThatThrownBy(() -> Vp5DedicatedSlots.of(meta("vParquet5", columns)))
                .isInstanceOfSatisfying(TempoException.class,
                        e -> assertThat(e.reason()).isEqualTo(TempoException.Reason.UNSUPPORTED_DEDICATED_COLUMN))
                .hasMessageContaining("\"x\"");
    }

    private static DedicatedColumn column(Scope scope, Type type, String name, Set<Option> options) {
        return new DedicatedColumn(scope, type, name, options);
    }

    private static BlockMeta meta(String format, List<DedicatedColumn> columns) {
        return new BlockMeta(format, UUID.randomUUID(), "t", Instant.EPOCH, Instant.EPOCH, 1, 0, 0, 1, 1, 0, columns, 0,
                Optional.empty());
    }
}
