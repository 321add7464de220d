package io.pqflux.traceql.internal;

/**
 * Where a node came from in the query text: {@code [start, end)} in UTF-16 units. Positions are metadata, not part of
 * a node's value: every range equals every other, so that AST records compare by structure alone (a query and its
 * canonical print parse to equal trees) while errors can still point at the text.
 */
public final class SourceRange {

    /** The range of nodes built by code rather than parsed (generated queries, rewrites). */
    public static final SourceRange NONE = new SourceRange(0, 0);

    private final int start;
    private final int end;

    public SourceRange(int start, int end) {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
        }
        this.start = start;
        this.end = end;
    }

    /** The range from the start of {@code first} to the end of {@code last}. */
    public static SourceRange covering(SourceRange first, SourceRange last) {
        return new SourceRange(first.start, Math.max(first.start, last.end));
    }

    public int start() {
        return start;
    }

    public int end() {
        return end;
    }

    /** Always true for another range: see the class comment. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SourceRange;
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
