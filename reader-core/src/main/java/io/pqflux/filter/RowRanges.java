package io.pqflux.filter;

import java.util.Arrays;

/**
 * A set of row indexes within a row group, as sorted, disjoint, non-adjacent intervals {@code [start, end)}.
 * Immutable.
 */
public final class RowRanges {

    private static final RowRanges EMPTY = new RowRanges(new long[0]);

    /** start0, end0, start1, end1, ... */
    private final long[] bounds;

    private RowRanges(long[] bounds) {
        this.bounds = bounds;
    }

    public static RowRanges empty() {
        return EMPTY;
    }

    /** Rows {@code [0, rowCount)}. */
    public static RowRanges all(long rowCount) {
        return range(0, rowCount);
    }

    /** Rows {@code [start, end)}; empty when {@code end <= start}. */
    public static RowRanges range(long start, long end) {
        if (start < 0) throw new IllegalArgumentException("negative row " + start);
        return end <= start ? EMPTY : new RowRanges(new long[] {start, end});
    }

    public boolean isEmpty() {
        return bounds.length == 0;
    }

    public int intervalCount() {
        return bounds.length / 2;
    }

    public long start(int interval) {
        return bounds[2 * interval];
    }

    public long end(int interval) {
        return bounds[2 * interval + 1];
    }

    /** Number of rows in the set. */
    public long rowCount() {
        long n = 0;
        for (int k = 0; k < bounds.length; k += 2) n += bounds[k + 1] - bounds[k];
        return n;
    }

    /** The intervals as {@code start0, end0, start1, end1, ...}, a copy. */
    public long[] toIntervals() {
        return bounds.clone();
    }

    /** True when some row of {@code [start, end)} is in the set. */
    public boolean overlaps(long start, long end) {
        int k = firstIntervalEndingAfter(start);
        return k < intervalCount() && start(k) < end && start < end;
    }

    public boolean contains(long row) {
        return overlaps(row, row + 1);
    }

    /** Position (counted over the set's rows, from 0) of {@code row}, which must be in the set. */
    public long positionOf(long row) {
        long before = 0;
        for (int k = 0; k < intervalCount(); k++) {
            if (row < start(k)) break;
            if (row < end(k)) return before + row - start(k);
            before += end(k) - start(k);
        }
        throw new IllegalArgumentException("row " + row + " is not in " + this);
    }

    /** The row at {@code position} (counted over the set's rows, from 0): the inverse of {@link #positionOf}. */
    public long rowAt(long position) {
        long remaining = position;
        for (int k = 0; k < intervalCount() && remaining >= 0; k++) {
            long length = end(k) - start(k);
            if (remaining < length) return start(k) + remaining;
            remaining -= length;
        }
        throw new IndexOutOfBoundsException("position " + position + " in " + rowCount() + " rows");
    }

    public RowRanges union(RowRanges other) {
        Builder out = new Builder(bounds.length + other.bounds.length);
        int i = 0, j = 0;
        while (i < bounds.length || j < other.bounds.length) {
            boolean takeThis = j >= other.bounds.length || (i < bounds.length && bounds[i] <= other.bounds[j]);
            if (takeThis) {
                out.add(bounds[i], bounds[i + 1]);
                i += 2;
            } else {
                out.add(other.bounds[j], other.bounds[j + 1]);
                j += 2;
            }
        }
        return out.build();
    }

    public RowRanges intersect(RowRanges other) {
        Builder out = new Builder(Math.max(bounds.length, other.bounds.length));
        int i = 0, j = 0;
        while (i < bounds.length && j < other.bounds.length) {
            long start = Math.max(bounds[i], other.bounds[j]);
            long end = Math.min(bounds[i + 1], other.bounds[j + 1]);
            if (start < end) out.add(start, end);
            if (bounds[i + 1] < other.bounds[j + 1]) i += 2;
            else j += 2;
        }
        return out.build();
    }

    /** The rows of {@code [0, rowCount)} not in this set. */
    public RowRanges complement(long rowCount) {
        Builder out = new Builder(bounds.length + 2);
        long next = 0;
        for (int k = 0; k < bounds.length && next < rowCount; k += 2) {
            if (bounds[k] > next) out.add(next, Math.min(bounds[k], rowCount));
            next = Math.max(next, bounds[k + 1]);
        }
        if (next < rowCount) out.add(next, rowCount);
        return out.build();
    }

    private int firstIntervalEndingAfter(long row) {
        int low = 0, high = intervalCount();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (end(mid) <= row) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowRanges other && Arrays.equals(bounds, other.bounds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bounds);
    }

    @Override
    public String toString() {
        if (bounds.length == 0) return "[]";
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < bounds.length; k += 2) {
            if (k > 0) sb.append(' ');
            sb.append('[').append(bounds[k]).append(", ").append(bounds[k + 1]).append(')');
        }
        return sb.toString();
    }

    /** Collects intervals in increasing order of start, merging overlapping and adjacent ones. */
    public static final class Builder {

        private long[] bounds;
        private int length;

        public Builder() {
            this(8);
        }

        private Builder(int capacity) {
            bounds = new long[Math.max(capacity, 2)];
        }

        /** Adds {@code [start, end)}; starts must not decrease from one call to the next. */
        public Builder add(long start, long end) {
            if (end <= start) return this;
            if (start < 0) throw new IllegalArgumentException("negative row " + start);
            if (length > 0 && start < bounds[length - 2]) {
                throw new IllegalArgumentException("interval [" + start + ", " + end + ") added out of order");
            }
            if (length > 0 && start <= bounds[length - 1]) {
                bounds[length - 1] = Math.max(bounds[length - 1], end);
                return this;
            }
            if (length == bounds.length) bounds = Arrays.copyOf(bounds, length * 2);
            bounds[length++] = start;
            bounds[length++] = end;
            return this;
        }

        public RowRanges build() {
            return length == 0 ? EMPTY : new RowRanges(Arrays.copyOf(bounds, length));
        }
    }
}
