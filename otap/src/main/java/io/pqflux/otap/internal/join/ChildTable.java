package io.pqflux.otap.internal.join;

import io.pqflux.otap.OtapTable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A child table of one partition as a join reads it: rows decoded slice by slice into a map by {@code parent_id},
 * read only as far as the parents at hand need. Child rows are in no order within an exporter batch (attribute tables
 * are sorted by type and key after transport optimisation), so a parent's rows are complete only when no unread row
 * can refer to it: when the table's unread minimum {@code parent_id} exceeds the parent's id. Batches follow each other
 * in increasing id intervals, so the rows held are about one batch's worth plus the slice that crosses into the next.
 *
 * @param <R> the decoded row
 */
final class ChildTable<R> implements AutoCloseable {

    private final OtapTable table;
    private final TableStream stream;
    private final ChunkRows<R> rows;
    private final ToLongFunction<R> parentOf;
    private final RowsByParent<R> pending = new RowsByParent<>();
    private final List<R> withoutParent = new ArrayList<>();

    ChildTable(OtapTable table, TableStream stream, ChunkRows<R> rows,
               ToLongFunction<R> parentOf) {
        this.table = table;
        this.stream = stream;
        this.rows = rows;
        this.parentOf = parentOf;
    }

    OtapTable table() {
        return table;
    }

    /** Reads until no unread row can have a {@code parent_id} of {@code maxParent} or less. */
    void readThrough(long maxParent) {
        readThrough(maxParent, TableStream.UNKNOWN);
    }

    /**
     * Reads until no unread row can have a {@code parent_id} of {@code maxParent} or less, the slices whose parents
     * all lie at or below {@code narrowThrough} with the stream's narrow columns only.
     */
    void readThrough(long maxParent, long narrowThrough) {
        while (stream.unreadMinimum() <= maxParent) {
            boolean more = stream.readNext(slice -> {
                for (R decoded : rows.decode(slice.chunk())) {
                    long parent = parentOf.applyAsLong(decoded);
                    if (parent < 0) withoutParent.add(decoded);
                    else if (parent >= stream.keyFloor()) pending.add(parent, decoded);
                }
            }, narrowThrough);
            if (!more) break;
        }
    }

    /**
     * Drops the rows with a {@code parent_id} below {@code floor} and leaves unread the slices that hold only such rows:
     * their parents are not replayed.
     */
    void skipBelow(long floor) {
        stream.skipBelow(floor);
        if (floor > 0) pending.removeIn(0, floor - 1);
    }

    /**
     * The rows of {@code parent} read so far, in file order, removed from the table; the list is valid until the next
     * {@code take}.
     */
    List<R> take(long parent) {
        return pending.take(parent);
    }

    /** The rows of {@code parent} read so far, left in the table (literal joins share them between batches). */
    List<R> peek(long parent) {
        return pending.peek(parent);
    }

    /** Removes and returns the rows whose {@code parent_id} is at most {@code maxParent}, and those without one. */
    List<R> evictThrough(long maxParent) {
        List<R> evicted = new ArrayList<>(withoutParent);
        withoutParent.clear();
        if (maxParent >= 0) evicted.addAll(pending.removeIn(0, maxParent));
        return evicted;
    }

    /** The parent ids in {@code [from, to]} that have rows, in increasing order, for ambiguity checks. */
    long[] held(long from, long to) {
        return pending.idsIn(from, to);
    }

    @Override
    public void close() {
        stream.close();
        pending.clear();
    }
}
