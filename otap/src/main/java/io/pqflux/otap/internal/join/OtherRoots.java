package io.pqflux.otap.internal.join;

import io.pqflux.otap.JoinMode;
import io.pqflux.otap.OtapTable;
import io.pqflux.otap.PartFile;
import io.pqflux.otap.internal.rows.Columns;
import io.pqflux.otap.internal.rows.RowDecoders;
import io.pqflux.otap.internal.rows.Rows;
import io.pqflux.reactive.ScanMetrics;
import io.pqflux.storage.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The root table of another signal in the same partition, read for its ids only ({@link RowDecoders#ROOT_ID_COLUMNS}):
 * its batches share {@code resource_attrs} and {@code scope_attrs} and their id space with the replayed signal's, so a
 * shared row is proven to belong to a replayed batch only when none of these batches may claim it too. Read as far as
 * the keys in question need (until a batch's offset lies beyond them); batches whose keys all lie below what the
 * replay still asks about are dropped.
 */
final class OtherRoots implements AutoCloseable {

    private final JoinMode mode;
    private final RootWindows<Rows.RootIds> windows;
    private final OtapTable table;
    private final List<BatchClaims> view = new ArrayList<>();
    /** Windows without any root id, waiting for the next window with ids to bound their offset. */
    private final List<RootWindows.Window<Rows.RootIds>> withoutIds = new ArrayList<>();
    private BatchClaims last;
    /** How the exporter numbers resource and scope ids, once one of this table's batches told. */
    private BatchClaims.Numbering told;
    private long serial;
    private boolean exhausted;

    OtherRoots(ObjectStore store, OtapTable table, List<PartFile> files, JoinMode mode, int maxWindowRows,
               Consumer<ScanMetrics> metrics) {
        this.mode = mode;
        this.table = table;
        this.windows = new RootWindows<>(new TableStream(store, table, files, Columns.ID, file -> TableStream.Projection.of(RowDecoders.ROOT_ID_COLUMNS), metrics),
                new ChunkRows<>(RowDecoders::rootIds, 1), maxWindowRows);
    }

    /** Reads on until no unread batch can claim a key up to {@code key}. */
    void readPast(long key) {
        while (!exhausted && (last == null || last.nextOffsetFloor <= key || !withoutIds.isEmpty())) {
            RootWindows.Window<Rows.RootIds> window = windows.next();
            if (window == null) {
                exhausted = true;
                settle(BatchClaims.UNBOUNDED);
            } else if (window.continuation() && !withoutIds.isEmpty()) {
                withoutIds.add(window); // the same batch, still without ids
            } else if (window.continuation()) {
                add(BatchClaims.of(mode, serial, last.origin, window.rows(), 0, 0, -1, window.unplacedBoundary(), last));
            } else if (window.rows().stream().noneMatch(r -> r.id() >= 0)) {
                withoutIds.add(window);
            } else {
                long minId = window.rows().stream().mapToLong(Rows.Keyed::id).filter(id -> id >= 0).min().orElseThrow();
                settle(minId);
                add(claims(window, last == null ? 0 : last.nextOffsetFloor, BatchClaims.UNBOUNDED));
            }
        }
    }

    /** Claims the windows without ids, now that the next batch's offset (or the table's end) bounds theirs. */
    private void settle(long nextOffset) {
        int batches = 0;
        for (RootWindows.Window<Rows.RootIds> w : withoutIds) if (!w.continuation()) batches++;
        int index = 0;
        for (RootWindows.Window<Rows.RootIds> w : withoutIds) {
            if (w.continuation()) {
                add(BatchClaims.of(mode, serial, last.origin, w.rows(), 0, 0, -1, w.unplacedBoundary(), last));
                continue;
            }
            index++;
            // every batch takes at least one id: the j-th of m batches before the next offset ends before it by m - j
            long high = nextOffset == BatchClaims.UNBOUNDED ? BatchClaims.UNBOUNDED : nextOffset - (batches - index + 1);
            add(claims(w, last == null ? 0 : last.nextOffsetFloor, high));
        }
        withoutIds.clear();
    }

    private BatchClaims claims(RootWindows.Window<Rows.RootIds> window, long low, long high) {
        Rows.RootIds first = window.rows().getFirst();
        return BatchClaims.of(mode, ++serial, new BatchClaims.Origin(table, first.file(), first.fileRow()),
                window.rows(), low, high, -1, window.unplacedBoundary(), null);
    }

    private void add(BatchClaims claims) {
        if (told == null && claims.tellsNumbering()) told = claims.numbering;
        view.add(claims);
        last = claims;
    }

    /** How the exporter numbers resource and scope ids, as the batches read so far tell, or null. */
    BatchClaims.Numbering toldNumbering() {
        return told;
    }

    /**
     * A batch of this table that may claim {@code key}, or null; {@code numbering}: how the partition's exporter numbers
     * resource and scope ids where known (for the batches that cannot tell themselves), else null.
     */
    BatchClaims claimant(BatchClaims.Kind kind, long key, BatchClaims.Numbering numbering) {
        for (BatchClaims c : view) if (c.numberedAs(numbering).mayClaim(kind, key)) return c;
        return null;
    }

    /**
     * A batch read so far whose resource or scope keys reach the proven offset of this signal's next batch, numbered
     * as told; null if none.
     */
    BatchClaims spilling(BatchClaims.Numbering numbering) {
        for (int i = 0; i + 1 < view.size(); i++) {
            BatchClaims batch = view.get(i).numberedAs(numbering);
            BatchClaims next = view.get(i + 1);
            if (next.owner != batch.owner && next.offsetKnown() && batch.keysReach(next.offsetLow)) return batch;
        }
        return null;
    }

    /**
     * The first id from {@code id} on that this signal's batches read so far are not seen to take: a batch of proven
     * offset takes its roots' ids, from its offset up to its {@link BatchClaims#nextOffsetFloor}.
     */
    long takenFrom(long id) {
        for (BatchClaims c : view) {
            if (c.offsetKnown() && c.offsetLow <= id && id < c.nextOffsetFloor) id = c.nextOffsetFloor;
        }
        return id;
    }

    /** The smallest proven offset above {@code offset} among this signal's batches read so far, or UNBOUNDED. */
    long nextOffsetAbove(long offset) {
        long next = BatchClaims.UNBOUNDED;
        for (BatchClaims c : view) {
            if (c.offsetKnown() && c.offsetLow > offset) next = Math.min(next, c.offsetLow);
        }
        return next;
    }

    /** Forgets the batches whose keys all lie below {@code key}. */
    void forgetBelow(long key) {
        view.removeIf(c -> c != last && c.maxKey() < key);
    }

    @Override
    public void close() {
        windows.close();
        view.clear();
        withoutIds.clear();
    }
}
