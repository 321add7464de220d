package io.pqflux.otap.generator;

import io.pqflux.otap.OtapTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The within-batch row order of OTAP input that went through transport optimisation (Go {@code otelarrow} exporter,
 * Rust OTAP exporter), spec §11: the sort keys per table, then every table's own {@code id} re-assigned ascending in
 * the new row order (upstream's {@code DeltaRemapped} id columns of roots, events, links, data points and exemplars,
 * {@code transport_optimize.rs}), the children's {@code parent_id} following; delta encodings already removed, rows
 * not re-sorted afterwards. Parents are sorted and renumbered before their children, whose sort keys hold the
 * renumbered {@code parent_id}.
 */
final class TransportOrder {

    private TransportOrder() {
    }

    static Map<OtapTable, TableBatch> apply(Map<OtapTable, TableBatch> batches) {
        Map<OtapTable, TableBatch> out = new LinkedHashMap<>(batches);
        List<OtapTable> done = new ArrayList<>();
        while (done.size() < out.size()) {
            for (OtapTable table : List.copyOf(out.keySet())) {
                if (done.contains(table)) continue;
                OtapTable parent = table.parent().orElse(null);
                if (parent != null && out.containsKey(parent) && !done.contains(parent)) continue;
                TableBatch batch = sorted(out.get(table), order(table, out.get(table)));
                out.put(table, batch);
                if (!table.isAttributes() && batch.column("id") != null) renumber(out, table, batch);
                done.add(table);
            }
        }
        return out;
    }

    private static Comparator<Integer> order(OtapTable table, TableBatch batch) {
        return switch (table) {
            case LOGS -> keys(batch, nested(batch, "resource", "id"), nested(batch, "scope", "id"), top(batch, "trace_id"));
            case SPANS -> keys(batch, nested(batch, "resource", "id"), nested(batch, "scope", "id"),
                    top(batch, "name"), top(batch, "trace_id"));
            case UNIVARIATE_METRICS, MULTIVARIATE_METRICS -> keys(batch, nested(batch, "resource", "id"),
                    nested(batch, "scope", "id"), top(batch, "metric_type"), top(batch, "name"));
            case SPAN_EVENTS -> keys(batch, top(batch, "name"), top(batch, "parent_id"));
            case SPAN_LINKS -> keys(batch, top(batch, "trace_id"), top(batch, "parent_id"));
            case NUMBER_DATA_POINTS, SUMMARY_DATA_POINTS, HISTOGRAM_DATA_POINTS, EXP_HISTOGRAM_DATA_POINTS ->
                    keys(batch, top(batch, "parent_id"));
            case NUMBER_DP_EXEMPLARS, HISTOGRAM_DP_EXEMPLARS, EXP_HISTOGRAM_DP_EXEMPLARS -> keys(batch,
                    top(batch, "int_value"), top(batch, "double_value"), top(batch, "parent_id"));
            default -> keys(batch, top(batch, "type"), top(batch, "key"), top(batch, "str"), top(batch, "int"),
                    top(batch, "double"), top(batch, "bool"), top(batch, "bytes"), top(batch, "parent_id"));
        };
    }

    /** Re-assigns {@code table}'s ids 0, 1, 2… in row order (nulls stay null) and its children's parent ids with them. */
    private static void renumber(Map<OtapTable, TableBatch> batches, OtapTable table, TableBatch batch) {
        Column ids = batch.column("id");
        Map<Object, Long> renumbered = new HashMap<>();
        List<Object> newIds = new ArrayList<>();
        long next = 0;
        for (Object id : ids.values()) {
            if (id == null) {
                newIds.add(null);
            } else {
                Long assigned = next++;
                renumbered.putIfAbsent(id, assigned);
                newIds.add(assigned);
            }
        }
        batches.put(table, batch.with(ids.withValues(newIds)));
        for (Map.Entry<OtapTable, TableBatch> child : batches.entrySet()) {
            if (child.getKey().parent().orElse(null) != table) continue;
            Column parents = child.getValue().column("parent_id");
            child.setValue(child.getValue().with(parents.withValues(
                    parents.values().stream().map(v -> v == null ? null : (Object) renumbered.get(v)).toList())));
        }
    }

    private static IntFunction<Object> top(TableBatch batch, String name) {
        Column column = batch.column(name);
        return column == null ? row -> null : column::value;
    }

    private static IntFunction<Object> nested(TableBatch batch, String struct, String name) {
        Column column = batch.column(struct);
        Column child = column == null ? null : column.child(name);
        return child == null ? row -> null : child::value;
    }

    @SafeVarargs
    private static Comparator<Integer> keys(TableBatch batch, IntFunction<Object>... keys) {
        Comparator<Integer> comparator = (a, b) -> 0;
        for (IntFunction<Object> key : keys) {
            comparator = comparator.thenComparing((a, b) -> compareValues(key.apply(a), key.apply(b)));
        }
        return comparator;
    }

    /** Nulls first; numbers, strings, booleans naturally; bytes unsigned lexicographically. */
    static int compareValues(Object a, Object b) {
        if (a == null || b == null) return a == null ? (b == null ? 0 : -1) : 1;
        return switch (a) {
            case Long l -> Long.compare(l, (Long) b);
            case Double d -> Double.compare(d, (Double) b);
            case Boolean bool -> Boolean.compare(bool, (Boolean) b);
            case String s -> s.compareTo((String) b);
            case byte[] bytes -> Arrays.compareUnsigned(bytes, (byte[]) b);
            default -> throw new IllegalArgumentException("no order for " + a.getClass());
        };
    }

    /** Stable sort: rows with equal keys keep their order. */
    private static TableBatch sorted(TableBatch batch, Comparator<Integer> comparator) {
        int[] order = IntStream.range(0, batch.rows()).boxed().sorted(comparator).mapToInt(Integer::intValue).toArray();
        return batch.permute(order);
    }
}
