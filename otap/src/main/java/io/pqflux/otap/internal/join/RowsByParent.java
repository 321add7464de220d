package io.pqflux.otap.internal.join;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A child table's decoded rows grouped by {@code parent_id}, each group in the order its rows were added: an
 * open-addressing table of primitive ids (linear probing, deletion by backward shift) over chains of rows kept in
 * arrays. A group costs nothing per row or per id beyond the arrays, which a join reuses batch after batch: a map of
 * boxed ids to lists cost some 150 bytes per replayed record.
 *
 * @param <R> the decoded row
 */
final class RowsByParent<R> {

    private static final long EMPTY = -1; // ids are not negative
    private static final int NONE = -1;

    /** The table: per slot, an id and its group's first and last row ({@link #EMPTY} where no id is). */
    private long[] ids = new long[16];
    private int[] heads = new int[16];
    private int[] tails = new int[16];
    private int groups;
    /** The rows, chained per group through {@link #nextRow}; free places are chained from {@link #free}. */
    private Object[] rows = new Object[64];
    private int[] nextRow = new int[64];
    private int used;
    private int free = NONE;
    /** What {@link #take} returns, reused. */
    private final List<R> taken = new ArrayList<>();

    RowsByParent() {
        Arrays.fill(ids, EMPTY);
    }

    /** Adds {@code row} as the last of {@code parent}'s group ({@code parent} at least 0). */
    void add(long parent, R row) {
        int r = place(row);
        int slot = slot(parent);
        if (ids[slot] == EMPTY) {
            ids[slot] = parent;
            heads[slot] = r;
            tails[slot] = r;
            if (++groups > ids.length / 2) grow();
        } else {
            nextRow[tails[slot]] = r;
            tails[slot] = r;
        }
    }

    /**
     * Removes {@code parent}'s rows and returns them, in the order they were added, in a list that is valid until the
     * next call (reused: one list for every parent of a batch).
     */
    List<R> take(long parent) {
        taken.clear();
        int slot = slot(parent);
        if (ids[slot] == EMPTY) return taken;
        collect(heads[slot], taken, true);
        remove(slot);
        return taken;
    }

    /** {@code parent}'s rows, in the order they were added, left in place (a list of their own). */
    List<R> peek(long parent) {
        int slot = slot(parent);
        if (ids[slot] == EMPTY) return List.of();
        List<R> found = new ArrayList<>();
        collect(heads[slot], found, false);
        return found;
    }

    /** Removes the groups of the ids in {@code [from, to]} and returns their rows, by id, each group in order. */
    List<R> removeIn(long from, long to) {
        List<R> removed = new ArrayList<>();
        for (long id : idsIn(from, to)) {
            int slot = slot(id);
            collect(heads[slot], removed, true);
            remove(slot);
        }
        return removed;
    }

    /** The ids in {@code [from, to]} that have rows, in increasing order. */
    long[] idsIn(long from, long to) {
        long[] found = new long[8];
        int count = 0;
        if (from <= to) {
            for (long id : ids) {
                if (id != EMPTY && id >= from && id <= to) {
                    if (count == found.length) found = Arrays.copyOf(found, 2 * count);
                    found[count++] = id;
                }
            }
        }
        found = Arrays.copyOf(found, count);
        Arrays.sort(found);
        return found;
    }

    void clear() {
        Arrays.fill(ids, EMPTY);
        Arrays.fill(rows, 0, used, null);
        groups = 0;
        used = 0;
        free = NONE;
        taken.clear();
    }

    /** Adds the rows of the chain from {@code head} to {@code into}, and frees their places when {@code release}. */
    @SuppressWarnings("unchecked")
    private void collect(int head, List<R> into, boolean release) {
        for (int r = head; r != NONE; ) {
            into.add((R) rows[r]);
            int next = nextRow[r];
            if (release) {
                rows[r] = null;
                nextRow[r] = free;
                free = r;
            }
            r = next;
        }
    }

    /** A place for {@code row}, the end of a chain. */
    private int place(R row) {
        int r;
        if (free != NONE) {
            r = free;
            free = nextRow[r];
        } else {
            if (used == rows.length) {
                rows = Arrays.copyOf(rows, 2 * used);
                nextRow = Arrays.copyOf(nextRow, 2 * used);
            }
            r = used++;
        }
        rows[r] = row;
        nextRow[r] = NONE;
        return r;
    }

    /** The slot of {@code id}, or the empty slot where it would go. */
    private int slot(long id) {
        int mask = ids.length - 1;
        int slot = home(id, mask);
        while (ids[slot] != EMPTY && ids[slot] != id) slot = (slot + 1) & mask;
        return slot;
    }

    private static int home(long id, int mask) {
        // Fibonacci hashing: consecutive ids, the common case, spread over the table
        return (int) ((id * 0x9E37_79B9_7F4A_7C15L) >>> 32) & mask;
    }

    /** Empties {@code slot}, moving back the ids after it that probed past it. */
    private void remove(int slot) {
        int mask = ids.length - 1;
        int hole = slot;
        for (int i = (slot + 1) & mask; ids[i] != EMPTY; i = (i + 1) & mask) {
            if (((i - home(ids[i], mask)) & mask) >= ((i - hole) & mask)) {
                ids[hole] = ids[i];
                heads[hole] = heads[i];
                tails[hole] = tails[i];
                hole = i;
            }
        }
        ids[hole] = EMPTY;
        groups--;
    }

    private void grow() {
        long[] oldIds = ids;
        int[] oldHeads = heads, oldTails = tails;
        ids = new long[2 * oldIds.length];
        heads = new int[ids.length];
        tails = new int[ids.length];
        Arrays.fill(ids, EMPTY);
        for (int i = 0; i < oldIds.length; i++) {
            if (oldIds[i] == EMPTY) continue;
            int slot = slot(oldIds[i]);
            ids[slot] = oldIds[i];
            heads[slot] = oldHeads[i];
            tails[slot] = oldTails[i];
        }
    }
}
