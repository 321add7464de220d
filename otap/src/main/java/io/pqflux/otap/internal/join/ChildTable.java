package io.pqflux.otap.internal.join;

import io.pqflux.otap.OtapTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
    private final TreeMap<Long, List<R>> pending = new TreeMap<>();
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
                    else if (parent >= stream.keyFloor()) pending.computeIfAbsent(parent, p -> new ArrayList<>()).add(decoded);
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
        pending.headMap(floor).clear();
    }

    /** The rows of {@code parent} read so far, in file order, removed from the table. */
    List<R> take(long parent) {
        List<R> rows = pending.remove(parent);
        return rows == null ? List.of() : rows;
    }

    /** The rows of {@code parent} read so far, left in the table (literal joins share them between batches). */
    List<R> peek(long parent) {
        return pending.getOrDefault(parent, List.of());
    }

    /** Removes and returns the rows whose {@code parent_id} is at most {@code maxParent}, and those without one. */
    List<R> evictThrough(long maxParent) {
        List<R> evicted = new ArrayList<>(withoutParent);
        withoutParent.clear();
        while (!pending.isEmpty() && pending.firstKey() <= maxParent) evicted.addAll(pending.pollFirstEntry().getValue());
        return evicted;
    }

    /** The keys held in {@code [from, to]}, for ambiguity checks. */
    Map<Long, List<R>> held(long from, long to) {
        return from > to ? Map.of() : pending.subMap(from, true, to, true);
    }

    @Override
    public void close() {
        stream.close();
        pending.clear();
    }
}
