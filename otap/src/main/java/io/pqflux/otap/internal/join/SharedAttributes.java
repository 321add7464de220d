package io.pqflux.otap.internal.join;

import io.pqflux.otap.JoinMode;
import io.pqflux.otap.OtapTable;
import io.pqflux.otap.UnjoinedRow;
import io.pqflux.otap.internal.join.BatchClaims.Kind;
import io.pqflux.otap.internal.rows.PartialMessage;
import io.pqflux.otap.internal.rows.Rows;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a partition attaches its resource and scope attributes ({@code resource_attrs}, {@code scope_attrs}, shared by
 * every signal of the partition) to the replayed signal's batches: one strategy per {@link JoinMode}, chosen once.
 */
sealed interface SharedAttributes extends AutoCloseable permits ProvenAttributes, LiteralAttributes {

    /**
     * The strategy of {@code mode}.
     *
     * @param resources the {@code resource_attrs} table, or null when the partition has none (as {@code scopes})
     * @param others    the other signals' roots, whose batches may claim shared rows (empty for {@link JoinMode#LITERAL})
     */
    static SharedAttributes of(JoinMode mode, OtapTable root, ChildTable<Rows.Attribute> resources,
                               ChildTable<Rows.Attribute> scopes, List<OtherRoots> others) {
        Map<Kind, ChildTable<Rows.Attribute>> tables = new EnumMap<>(Kind.class);
        if (resources != null) tables.put(Kind.RESOURCE, resources);
        if (scopes != null) tables.put(Kind.SCOPE, scopes);
        return switch (mode) {
            case AUTO, BATCH_AWARE -> new ProvenAttributes(root, tables, others);
            case LITERAL -> new LiteralAttributes(tables);
        };
    }

    /**
     * The attributes of the window's groups by stored id, of one kind.
     *
     * @param current   the window's claims
     * @param next      the claims of the replayed signal's next window, or null when there is none
     * @param moreLater whether windows of the replayed signal may follow {@code next} (or the current one) unseen:
     *                  root files not replayed yet
     * @param maxId     the largest id of the batch's rows in every table of the signal so far (its interval's end)
     * @param unjoined  where groups left without attributes are reported, with the reason
     */
    Map<Long, List<PartialMessage>> resolve(Kind kind, List<Rows.Root> rows, BatchClaims current, BatchClaims next,
                                      List<BatchClaims> later, boolean moreLater, long maxId, List<UnjoinedRow> unjoined);

    /** Done with a batch (not continued by the next window). */
    void finishBatch(BatchClaims current);

    /** Sets how the partition's exporter numbers resource and scope ids (a batch told). */
    void exporterNumbering(BatchClaims.Numbering numbering);

    /** How the partition's exporter numbers resource and scope ids, as the other signals' batches read so far tell. */
    BatchClaims.Numbering toldByOthers();

    /** Reads the other signals' roots on until one tells the numbering or none is left below {@code key}. */
    void readOthersPast(long key);

    @Override
    void close();

    /** The first row of each group of {@code kind} among the window's rows, by stored id, in row order. */
    static Map<Long, Rows.Root> firstRows(Kind kind, List<Rows.Root> rows) {
        Map<Long, Rows.Root> firstRow = new LinkedHashMap<>();
        long previous = -1;
        for (Rows.Root row : rows) {
            long id = kind == Kind.RESOURCE ? row.resourceId() : row.scopeId();
            // consecutive rows mostly share one id: seen already, no key boxed
            if (id >= 0 && id != previous) firstRow.putIfAbsent(id, row);
            previous = id;
        }
        return firstRow;
    }
}
