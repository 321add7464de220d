package io.pqflux.otap.generator;

import io.pqflux.otap.OtapTable;
import io.pqflux.otap.generator.ArrowField.ArrowType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Upstream's {@code PartitionSequenceIdGenerator} (docs/otap-format.md §3), one per exporter, shared by every signal:
 * adds the running {@code curr_max} to every table's top-level {@code id} and {@code parent_id} (now nullable UInt32),
 * starts a new {@code _part_id} when the id space would overflow; {@code max_id} is the largest top-level {@code id}.
 * With {@link ExporterSettings.ResourceScopeIds#OFFSET} the roots' nested {@code resource.id}/{@code scope.id} are
 * offset too, with {@link ExporterSettings.ResourceScopeIds#FIXED} they also count towards {@code max_id}.
 */
final class PartitionIdGenerator {

    /** Where one exporter batch went: its partition and id interval {@code [offset, offset + maxId]}. */
    record Assignment(UUID partition, long offset, long maxId) {
    }

    private final long maxIdValue;
    private final boolean offsetResourceScopeIds;
    private final boolean countResourceScopeIds;
    private final Supplier<UUID> uuids;
    private UUID partition;
    private long currMax;

    PartitionIdGenerator(long maxIdsPerPartition, ExporterSettings.ResourceScopeIds resourceScopeIds, Supplier<UUID> uuids) {
        this.maxIdValue = maxIdsPerPartition - 1;
        this.offsetResourceScopeIds = resourceScopeIds != ExporterSettings.ResourceScopeIds.UNOFFSET;
        this.countResourceScopeIds = resourceScopeIds == ExporterSettings.ResourceScopeIds.FIXED;
        this.uuids = uuids;
        this.partition = uuids.get();
    }

    Assignment assign(Map<OtapTable, TableBatch> batches, Map<OtapTable, TableBatch> out) {
        long maxId = 0;
        for (TableBatch batch : batches.values()) {
            maxId = Math.max(maxId, max(batch.column("id")));
            if (countResourceScopeIds && isRoot(batch.table())) {
                maxId = Math.max(maxId, max(nested(batch, "resource")));
                maxId = Math.max(maxId, max(nested(batch, "scope")));
            }
        }
        if (maxId + currMax > maxIdValue) init();
        long offset = currMax;
        for (Map.Entry<OtapTable, TableBatch> entry : batches.entrySet()) {
            TableBatch batch = entry.getValue();
            batch = offset(batch, "id", offset);
            batch = offset(batch, "parent_id", offset);
            if (offsetResourceScopeIds && isRoot(batch.table())) {
                batch = offsetNested(batch, "resource", offset);
                batch = offsetNested(batch, "scope", offset);
            }
            out.put(entry.getKey(), batch);
        }
        Assignment assignment = new Assignment(partition, offset, maxId);
        currMax += maxId;
        if (currMax + 1 > maxIdValue) init();
        else currMax += 1;
        return assignment;
    }

    private void init() {
        partition = uuids.get();
        currMax = 0;
    }

    static boolean isRoot(OtapTable table) {
        return table == OtapTable.LOGS || table == OtapTable.SPANS || table == OtapTable.UNIVARIATE_METRICS;
    }

    private static Column nested(TableBatch batch, String struct) {
        Column column = batch.column(struct);
        return column == null ? null : column.child("id");
    }

    private static long max(Column column) {
        long max = 0;
        if (column != null) {
            for (Object value : column.values()) if (value != null) max = Math.max(max, (Long) value);
        }
        return max;
    }

    private static Column shifted(Column column, long offset) {
        List<Object> values = new ArrayList<>();
        for (Object value : column.values()) values.add(value == null ? null : (Long) value + offset);
        return Column.leaf(ArrowField.of(column.name(), ArrowType.UINT32, true), values);
    }

    private static TableBatch offset(TableBatch batch, String name, long offset) {
        Column column = batch.column(name);
        return column == null ? batch : batch.with(shifted(column, offset));
    }

    private static TableBatch offsetNested(TableBatch batch, String struct, long offset) {
        Column column = batch.column(struct);
        if (column == null || column.child("id") == null) return batch;
        List<Column> children = new ArrayList<>();
        for (Column child : column.children()) children.add(child.name().equals("id") ? shifted(child, offset) : child);
        return batch.with(column.withChildren(column.field().withChildren(children.stream().map(Column::field).toList()),
                children));
    }
}
