package io.pqflux.tempo.query.internal.tags;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.DedicatedColumn;
import io.pqflux.tempo.TempoFormat;
import io.pqflux.tempo.internal.assembly.HttpColumns;
import io.pqflux.tempo.internal.assembly.StaticColumns;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which resource and span attributes a block keeps in columns of their own (well-known and dedicated columns) rather
 * than in the generic key/value lists. Tag-name autocompletion with a filter reports a column's name when the column
 * holds any value anywhere in the block ({@code tagNamesForSpecialColumns} in Tempo's block_autocomplete.go), and
 * generic keys only from the spans the filter matches.
 */
final class SpecialColumns {

    /** vParquet3/4's well-known resource columns (all strings). vParquet5 keeps only {@code service.name}. */
    private static final Set<String> WELL_KNOWN_RESOURCE = Set.copyOf(StaticColumns.wellKnownResourceLeaves().values());
    /** vParquet3/4's well-known span columns and their value type. */
    private static final Map<String, AnyValue.ValueCase> WELL_KNOWN_SPAN = wellKnownSpan();

    private static Map<String, AnyValue.ValueCase> wellKnownSpan() {
        Map<String, AnyValue.ValueCase> types = new HashMap<>();
        HttpColumns.LEAVES.forEach((leaf, name) -> types.put(name,
                HttpColumns.holdsInts(leaf) ? AnyValue.ValueCase.INT_VALUE : AnyValue.ValueCase.STRING_VALUE));
        return Map.copyOf(types);
    }

    private final Map<String, DedicatedColumn> resource = new HashMap<>();
    private final Map<String, DedicatedColumn> span = new HashMap<>();
    private final boolean vp5;

    private SpecialColumns(BlockMeta meta) {
        vp5 = meta.tempoFormat() == TempoFormat.VPARQUET5;
        for (DedicatedColumn column : meta.dedicatedColumns()) {
            switch (column.scope()) {
                case RESOURCE -> resource.put(column.name(), column);
                case SPAN -> span.put(column.name(), column);
                case EVENT -> {
                }
            }
        }
    }

    static SpecialColumns of(BlockMeta meta) {
        return new SpecialColumns(meta);
    }

    /** Whether the block stores this resource attribute in a column of its own. */
    boolean resource(KeyValue attribute) {
        if (attribute.getKey().equals("service.name") || !vp5 && WELL_KNOWN_RESOURCE.contains(attribute.getKey())) {
            return attribute.getValue().getValueCase() == AnyValue.ValueCase.STRING_VALUE;
        }
        return fits(resource.get(attribute.getKey()), attribute.getValue());
    }

    /** Whether the block stores this span attribute in a column of its own. */
    boolean span(KeyValue attribute) {
        AnyValue.ValueCase wellKnown = vp5 ? null : WELL_KNOWN_SPAN.get(attribute.getKey());
        if (wellKnown != null) return attribute.getValue().getValueCase() == wellKnown;
        return fits(span.get(attribute.getKey()), attribute.getValue());
    }

    /** A dedicated column takes values of its type; an {@code array} column (vParquet5) also arrays of it. */
    private static boolean fits(DedicatedColumn column, AnyValue value) {
        if (column == null) return false;
        AnyValue.ValueCase type = column.type() == DedicatedColumn.Type.INT ? AnyValue.ValueCase.INT_VALUE
                : AnyValue.ValueCase.STRING_VALUE;
        if (value.getValueCase() == type) return true;
        return column.options().contains(DedicatedColumn.Option.ARRAY) && value.hasArrayValue()
                && value.getArrayValue().getValuesCount() > 0
                && value.getArrayValue().getValuesList().stream().allMatch(v -> v.getValueCase() == type);
    }
}
