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
 * Rust OTAP exporter), docs/otap-format.md §11: the sort keys per table, then every table's own {@code id} re-assigned
 * ascending in the new row order (upstream's {@code DeltaRemapped} id columns of roots, events, links, data points and
 * exemplars, {@code transport_optimize.rs}), the children's {@code parent_id} following; delta encodings already
 * removed, rows not re-sorted afterwards. Parents are sorted and renumbered before their children, whose sort keys hold
 * the renumbered {@code parent_id}.
 *
 * <p>The roots' {@code resource.id} and {@code scope.id} are reassigned dense from 0 over the resources and scopes that
 * have rows, in row order ({@code DeltaRemapped}), and {@code resource_attrs}/{@code scope_attrs} parent ids follow.
 * Attribute rows of resources and scopes without rows are dropped: a record-oriented encoder (Go) never emits them, and
 * the Rust remapping has no new id for them (it would attach them to id 0 or fail).
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
        for (OtapTable root : List.of(OtapTable.LOGS, OtapTable.SPANS, OtapTable.UNIVARIATE_METRICS)) {
            if (!out.containsKey(root)) continue;
            renumberNested(out, root, "resource", OtapTable.RESOURCE_ATTRS);
            renumberNested(out, root, "scope", OtapTable.SCOPE_ATTRS);
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

    /** {@code <struct>.id} of the root dense from 0 in row order; the attribute table's parent ids follow. */
    private static void renumberNested(Map<OtapTable, TableBatch> batches, OtapTable root, String struct, OtapTable attrsTable) {
        TableBatch roots = batches.get(root);
        Column column = roots.column(struct);
        Column ids = column == null ? null : column.child("id");
        if (ids == null) return;
        Map<Object, Long> renumbered = new HashMap<>();
        List<Object> newIds = new ArrayList<>();
        Object previous = null;
        long next = -1;
        for (Object id : ids.values()) {
            if (id != null && !id.equals(previous)) {
                renumbered.put(id, ++next);
                previous = id;
            }
            newIds.add(id == null ? null : renumbered.get(id));
        }
        List<Column> children = column.children().stream().map(c -> c == ids ? ids.withValues(newIds) : c).toList();
        batches.put(root, roots.with(column.withChildren(column.field(), children)));
        TableBatch attrs = batches.get(attrsTable);
        if (attrs == null) return;
        Column parents = attrs.column("parent_id");
        int[] kept = IntStream.range(0, attrs.rows()).filter(row -> renumbered.containsKey(parents.value(row))).toArray();
        if (kept.length == 0) {
            batches.remove(attrsTable);
            return;
        }
        TableBatch keptAttrs = attrs.permute(kept);
        Column keptParents = keptAttrs.column("parent_id");
        batches.put(attrsTable, keptAttrs.with(keptParents.withValues(
                keptParents.values().stream().map(renumbered::get).toList())));
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
