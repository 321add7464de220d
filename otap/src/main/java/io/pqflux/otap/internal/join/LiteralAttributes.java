package io.pqflux.otap.internal.join;

import io.pqflux.otap.JoinMode;
import io.pqflux.otap.UnjoinedRow;
import io.pqflux.otap.internal.join.BatchClaims.Kind;
import io.pqflux.otap.internal.rows.PartialMessage;
import io.pqflux.otap.internal.rows.Rows;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The strategy of {@link JoinMode#LITERAL}: every shared row with {@code parent_id == stored id} is attached, as a plain
 * SQL join does; nothing is proven, contested or left off, and the other signals' batches are not consulted.
 */
final class LiteralAttributes implements SharedAttributes {

    private final Map<Kind, ChildTable<Rows.Attribute>> tables;

    LiteralAttributes(Map<Kind, ChildTable<Rows.Attribute>> tables) {
        this.tables = tables;
    }

    @Override
    public Map<Long, List<PartialMessage>> resolve(Kind kind, List<Rows.Root> rows, BatchClaims current, BatchClaims next,
                                             List<BatchClaims> later, boolean moreLater, long maxId, List<UnjoinedRow> unjoined) {
        ChildTable<Rows.Attribute> attrs = tables.get(kind);
        Set<Long> ids = SharedAttributes.firstRows(kind, rows).keySet();
        if (ids.isEmpty() || attrs == null) return Map.of();
        attrs.readThrough(ids.stream().mapToLong(Long::longValue).max().orElseThrow());
        Map<Long, List<PartialMessage>> result = new HashMap<>();
        for (long id : ids) result.put(id, attrs.peek(id).stream().map(Rows.Attribute::attribute).toList());
        return result;
    }

    @Override
    public void finishBatch(BatchClaims current) {
        // rows stay: a later batch may reuse a stored id, and the plain join attaches its rows again
    }

    @Override
    public void exporterNumbering(BatchClaims.Numbering numbering) {
        // the plain join does not depend on it
    }

    @Override
    public BatchClaims.Numbering toldByOthers() {
        return null;
    }

    @Override
    public void readOthersPast(long key) {
        // no other signal is consulted
    }

    @Override
    public void close() {
        tables.values().forEach(ChildTable::close);
    }
}
