package io.pqflux.tempo.query.internal.search;

import com.google.protobuf.ByteString;
import java.util.Arrays;

/**
 * One trace's spans numbered as Tempo's vParquet4 writer numbers them ({@code nested_set_model.go}, as
 * docs/traceql.md describes): structural operators and the {@code nestedSet*} intrinsics read these, not the parent
 * IDs, so a span the writer leaves unnumbered (0) takes part in no relation, as in Tempo. Numbered from each span's
 * ID, parent ID and kind ({@link #number}), whichever form the trace is in.
 */
final class NestedSets {

    /** The Zipkin shared-span case: a span ID used by a client and a server span (OTLP's kind numbers). */
    private static final int SERVER = 2;
    private static final int CLIENT = 3;

    private final int[] left;
    private final int[] right;
    /** The parent's left bound; -1 for a root; 0 for a span the numbering did not reach. */
    private final int[] parent;
    /** Children found by parent ID (vParquet5's column); 0 throughout when the trace is not numbered. */
    private final int[] childCount;

    private NestedSets(int spans) {
        left = new int[spans];
        right = new int[spans];
        parent = new int[spans];
        childCount = new int[spans];
    }

    int left(int span) {
        return left[span];
    }

    int right(int span) {
        return right[span];
    }

    int parent(int span) {
        return parent[span];
    }

    int childCount(int span) {
        return childCount[span];
    }

    /**
     * The writer's numbering: roots are the spans with an empty parent ID; a parent is found by the first 8 bytes of
     * the parent ID (of two spans sharing an ID, a server span's parent is the client one, any other span's the server
     * one); each root in turn starts a depth-first walk, children in stored order, numbering on the way down (left)
     * and up (right) from 1. With no root, or an ID used by more than two spans, nothing is numbered.
     *
     * @param spanKeys   each span's ID key ({@link #idKey})
     * @param parentKeys each span's parent ID key; unread for a root
     * @param roots      whether each span's parent ID is empty
     * @param kinds      each span's OTLP kind
     */
    static NestedSets number(long[] spanKeys, long[] parentKeys, boolean[] roots, int[] kinds) {
        int n = spanKeys.length;
        NestedSets sets = new NestedSets(n);
        SpanIds ids = new SpanIds(n);
        int rootCount = 0;
        for (int i = 0; i < n; i++) {
            if (roots[i]) rootCount++;
            // an ID used by more than two spans: nothing is numbered
            if (ids.add(i, spanKeys[i]) > 2) return sets;
        }
        if (rootCount == 0) return sets;
        int[] parentOf = new int[n];
        Arrays.fill(parentOf, -1);
        int[][] children = new int[n][];
        int[] childrenCount = sets.childCount;
        for (int i = 0; i < n; i++) {
            if (roots[i]) continue;
            int p = parentOf(ids, parentKeys[i], kinds[i] == SERVER ? CLIENT : SERVER, kinds);
            if (p < 0) continue;
            parentOf[i] = p;
            if (children[p] == null) children[p] = new int[2];
            if (childrenCount[p] == children[p].length) children[p] = Arrays.copyOf(children[p], childrenCount[p] * 2);
            children[p][childrenCount[p]++] = i;
        }
        int bound = 1;
        int[] cursor = new int[n];
        for (int root = 0; root < n; root++) {
            if (!roots[root]) continue;
            sets.left[root] = bound++;
            sets.parent[root] = -1;
            int node = root;
            while (node >= 0) {
                if (cursor[node] < childrenCount[node]) {
                    int child = children[node][cursor[node]++];
                    sets.left[child] = bound++;
                    sets.parent[child] = sets.left[node];
                    node = child;
                } else {
                    sets.right[node] = bound++;
                    node = node == root ? -1 : parentOf[node];
                }
            }
        }
        return sets;
    }

    /**
     * The span with the ID key {@code key}: the only span with that ID, or of two, the first of kind {@code wanted};
     * -1 when none fits.
     */
    private static int parentOf(SpanIds ids, long key, int wanted, int[] kinds) {
        int count = 0, first = -1, fitting = -1;
        // in probe order, which is the order the spans were added in
        for (int slot = ids.home(key), candidate; (candidate = ids.span(slot)) >= 0; slot = ids.next(slot)) {
            if (ids.key(candidate) != key) continue;
            if (count++ == 0) first = candidate;
            if (fitting < 0 && kinds[candidate] == wanted) fitting = candidate;
        }
        return count == 1 ? first : fitting;
    }

    /**
     * The first 8 bytes of an ID, big-endian, zero-padded on the right, as the writer keys spans (an ID in a column:
     * {@code SlotReader.bytePrefix}).
     */
    static long idKey(ByteString id) {
        long key = 0;
        for (int i = 0; i < 8; i++) key = key << 8 | (i < id.size() ? id.byteAt(i) & 0xff : 0);
        return key;
    }

    /**
     * The spans of a trace by ID key, an open-addressing table of span indexes (linear probing, so every span with a
     * key lies on that key's probe path): no boxed key or array per span, as a trace is numbered on every structural
     * question's first use.
     */
    private static final class SpanIds {
        private final long[] keys;
        /** Span index + 1 per slot, 0 for an empty slot. */
        private final int[] table;
        private final int mask;

        SpanIds(int spans) {
            keys = new long[spans];
            table = new int[Integer.highestOneBit(Math.max(1, spans) * 2) * 2];
            mask = table.length - 1;
        }

        /** Adds the span under its key; returns how many spans the key has now. */
        int add(int span, long key) {
            keys[span] = key;
            int same = 1;
            int slot = home(key);
            while (table[slot] != 0) {
                if (keys[table[slot] - 1] == key) same++;
                slot = next(slot);
            }
            table[slot] = span + 1;
            return same;
        }

        int home(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ h >>> 32) & mask;
        }

        int next(int slot) {
            return (slot + 1) & mask;
        }

        /** The span in the slot, -1 when it is empty. */
        int span(int slot) {
            return table[slot] - 1;
        }

        long key(int span) {
            return keys[span];
        }
    }
}
