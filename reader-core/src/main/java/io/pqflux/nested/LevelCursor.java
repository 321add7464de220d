package io.pqflux.nested;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A column's repetition and definition levels read forwards through small heap windows, for
 * {@link NestedColumn#sameRecords}: a loop over heap bytes needs no memory-session checks, and windows reused across a
 * batch's leaves, unlike the whole copies of both leaves' levels once made per leaf (a tenant search's second-largest
 * allocation), cost the same whatever the batch's size. Not thread-safe.
 */
final class LevelCursor {
    private static final int WINDOW = 2048;
    private static final byte[] NONE = new byte[0];

    private MemorySegment reps;
    private MemorySegment defs;
    private int entries;
    private int capacity;
    private byte[] repWindow = NONE;
    private byte[] defWindow = NONE;
    private int base;
    private int length;

    /** This cursor, moved to the start of these levels (either may be null: a column without such levels). */
    LevelCursor over(MemorySegment reps, MemorySegment defs, int entries) {
        this.reps = reps;
        this.defs = defs;
        this.entries = entries;
        this.capacity = Math.min(WINDOW, entries);
        if (reps != null && repWindow.length < capacity) repWindow = new byte[capacity];
        if (defs != null && defWindow.length < capacity) defWindow = new byte[capacity];
        base = 0;
        length = 0;
        return this;
    }

    /** The repetition level at {@code entry}, 0 where the column has none; entries are asked for in order. */
    int rep(int entry) {
        if (entry - base >= length) slide(entry);
        return reps == null ? 0 : repWindow[entry - base] & 0xFF;
    }

    /** The definition level at {@code entry}, 0 where the column has none; entries are asked for in order. */
    int def(int entry) {
        if (entry - base >= length) slide(entry);
        return defs == null ? 0 : defWindow[entry - base] & 0xFF;
    }

    private void slide(int entry) {
        base = entry;
        length = Math.min(capacity, entries - entry);
        if (reps != null) MemorySegment.copy(reps, ValueLayout.JAVA_BYTE, entry, repWindow, 0, length);
        if (defs != null) MemorySegment.copy(defs, ValueLayout.JAVA_BYTE, entry, defWindow, 0, length);
    }
}
