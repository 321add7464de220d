package io.pqflux.tempo.internal.vparquet5;

import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.DedicatedColumn;
import io.pqflux.tempo.TempoException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The vParquet5 dedicated-column assignment of one block, per scope in meta order. Tempo walks
 * {@code meta.dedicatedColumns} per scope and gives the i-th entry of each type the i-th column of that type
 * ({@code String01}.., {@code Int01}..); entries beyond the last column, and of scopes the format has no columns for,
 * take none. Options do not skip an entry here (they do in vParquet3/4).
 * <p>
 * The {@code vParquet5-preview*} code that wrote the bundled preview block (docs/tempo-format.md §0 errata 5) has 10
 * string and 5 int columns for resource and span only, and returns a single value of an {@code array} column as a
 * one-element array. Current vParquet5 has 20 string and 5 int columns for resource, span and event, and returns a
 * single value as itself whatever the options ({@code blob} only changes the encoding).
 */
public final class Vp5DedicatedSlots {

    private static final String PREVIEW_PREFIX = "vParquet5-preview";
    private static final int INT_COLUMNS = 5;

    /**
     * One assigned attribute.
     *
     * @param slot          0-based column of the type: {@code String01} or {@code Int01} is 0
     * @param singleAsArray whether one stored value comes back as a one-element {@code arrayValue}
     */
    public record Slot(String name, DedicatedColumn.Type type, int slot, boolean singleAsArray) {

        /** The leaf's name under {@code DedicatedAttributes}. */
        public String column() {
            return (type == DedicatedColumn.Type.STRING ? "String%02d" : "Int%02d").formatted(slot + 1);
        }
    }

    private final Map<DedicatedColumn.Scope, List<Slot>> byScope;

    private Vp5DedicatedSlots(Map<DedicatedColumn.Scope, List<Slot>> byScope) {
        this.byScope = byScope;
    }

    /**
     * @throws TempoException {@link TempoException.Reason#UNSUPPORTED_DEDICATED_COLUMN} when a name takes two columns of
     *                        one scope (Tempo then reads the attribute twice from the later column: a configuration
     *                        error rather than data to reproduce)
     */
    public static Vp5DedicatedSlots of(BlockMeta meta) {
        boolean preview = meta.format().startsWith(PREVIEW_PREFIX);
        String block = meta.tenantId() + "/" + meta.blockId();
        List<DedicatedColumn.Scope> scopes = preview
                ? List.of(DedicatedColumn.Scope.RESOURCE, DedicatedColumn.Scope.SPAN)
                : List.of(DedicatedColumn.Scope.RESOURCE, DedicatedColumn.Scope.SPAN, DedicatedColumn.Scope.EVENT);
        int stringColumns = preview ? 10 : 20;
        Map<DedicatedColumn.Scope, List<Slot>> byScope = new EnumMap<>(DedicatedColumn.Scope.class);
        for (DedicatedColumn.Scope scope : DedicatedColumn.Scope.values()) byScope.put(scope, List.of());
        for (DedicatedColumn.Scope scope : scopes) {
            List<Slot> slots = new ArrayList<>();
            int strings = 0, ints = 0;
            for (DedicatedColumn column : meta.dedicatedColumns()) {
                if (column.scope() != scope) continue;
                boolean string = column.type() == DedicatedColumn.Type.STRING;
                int index = string ? strings : ints;
                if (index >= (string ? stringColumns : INT_COLUMNS)) continue;
                for (Slot taken : slots) {
                    if (taken.name().equals(column.name())) {
                        throw new TempoException(TempoException.Reason.UNSUPPORTED_DEDICATED_COLUMN, block,
                                "dedicated column \"" + column.name() + "\" of scope " + scope + " takes two columns");
                    }
                }
                slots.add(new Slot(column.name(), column.type(), index,
                        preview && column.options().contains(DedicatedColumn.Option.ARRAY)));
                if (string) strings++;
                else ints++;
            }
            byScope.put(scope, List.copyOf(slots));
        }
        return new Vp5DedicatedSlots(byScope);
    }

    /** The scope's assigned attributes in meta order (the order Tempo appends them in); empty for a scope without columns. */
    public List<Slot> of(DedicatedColumn.Scope scope) {
        return byScope.get(scope);
    }
}
