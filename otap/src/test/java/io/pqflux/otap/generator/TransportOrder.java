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
 * Rust OTAP exporter), spec §11: the sort keys per table; delta encodings already removed, rows not re-sorted. Logs get
 * their ids reassigned ascending in the new row order ({@code log_attrs.parent_id} follows); other ids keep their
 * values, so root ids are no longer increasing in row order where the sort moved rows.
 */
final class TransportOrder {

    private TransportOrder() {
    }

    static Map<OtapTable, TableBatch> apply(Map<OtapTable, TableBatch> batches) {
        Map<OtapTable, TableBatch> out = new LinkedHashMap<>(batches);
        TableBatch logs = out.get(OtapTable.LOGS);
        if (logs != null) {
            logs = sorted(logs, keys(logs, nested(logs, "resource", "id"), nested(logs, "scope", "id"), top(logs, "trace_id")));
            out.put(OtapTable.LOGS, logs);
            reassignLogIds(out, logs);
        }
        for (Map.Entry<OtapTable, TableBatch> entry : out.entrySet()) {
            TableBatch batch = entry.getValue();
            entry.setValue(switch (entry.getKey()) {
                case LOGS -> batch;
                case SPANS -> sorted(batch, keys(batch, nested(batch, "resource", "id"), nested(batch, "scope", "id"),
                        top(batch, "name"), top(batch, "trace_id")));
                case UNIVARIATE_METRICS, MULTIVARIATE_METRICS -> sorted(batch, keys(batch, nested(batch, "resource", "id"),
                        nested(batch, "scope", "id"), top(batch, "metric_type"), top(batch, "name")));
                case SPAN_EVENTS -> sorted(batch, keys(batch, top(batch, "name"), top(batch, "parent_id")));
                case SPAN_LINKS -> sorted(batch, keys(batch, top(batch, "trace_id"), top(batch, "parent_id")));
                case NUMBER_DATA_POINTS, SUMMARY_DATA_POINTS, HISTOGRAM_DATA_POINTS, EXP_HISTOGRAM_DATA_POINTS ->
                        sorted(batch, keys(batch, top(batch, "parent_id")));
                case NUMBER_DP_EXEMPLARS, HISTOGRAM_DP_EXEMPLARS, EXP_HISTOGRAM_DP_EXEMPLARS -> sorted(batch, keys(batch,
                        top(batch, "int_value"), top(batch, "double_value"), top(batch, "parent_id")));
                default -> sorted(batch, keys(batch, top(batch, "type"), top(batch, "key"), top(batch, "str"),
                        top(batch, "int"), top(batch, "double"), top(batch, "bool"), top(batch, "bytes"),
                        top(batch, "parent_id")));
            });
        }
        return out;
    }

    private static void reassignLogIds(Map<OtapTable, TableBatch> batches, TableBatch logs) {
        Column ids = logs.column("id");
        if (ids == null) return;
        Map<Object, Long> renumbered = new HashMap<>();
        List<Object> newIds = new ArrayList<>();
        long next = 0;
        for (Object id : ids.values()) {
            if (id == null) {
                newIds.add(null);
            } else {
                renumbered.put(id, next);
                newIds.add(next++);
            }
        }
        batches.put(OtapTable.LOGS, logs.with(ids.withValues(newIds)));
        TableBatch attrs = batches.get(OtapTable.LOG_ATTRS);
        if (attrs != null) {
            Column parents = attrs.column("parent_id");
            batches.put(OtapTable.LOG_ATTRS, attrs.with(parents.withValues(
                    parents.values().stream().map(renumbered::get).toList())));
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
