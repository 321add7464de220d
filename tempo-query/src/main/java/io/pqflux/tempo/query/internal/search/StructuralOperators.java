package io.pqflux.tempo.query.internal.search;

import io.pqflux.traceql.internal.SpansetOp;
import java.util.Arrays;
import java.util.List;

/**
 * The structural spanset operators over the writer's nested-set numbers L, R, P (docs/traceql.md): {@code a > b}
 * keeps right spans b with P(b) = L(a) for some left span a; {@code <} right spans that are such a parent;
 * {@code >>} right spans strictly inside a left span; {@code <<} right spans a left span is inside; {@code ~} right
 * spans with the P of another left span (roots, at -1, are siblings); no relation through a 0. The negated forms keep
 * the right spans with no such left span, the union forms both the right spans that have one and those left spans.
 */
final class StructuralOperators {

    private StructuralOperators() {
    }

    /**
     * The operator on the spansets of both sides; null when the right side has none.
     *
     * @throws EvaluationFailure when a side holds more than one spanset, as Tempo's does
     */
    static int[] apply(SpansetOp op, List<Spanset> lhs, List<Spanset> rhs, TraceFields trace) {
        if (rhs.isEmpty()) return null;
        if (lhs.size() > 1 || rhs.size() > 1) {
            throw new EvaluationFailure("spanset operators are not supported for multiple spansets per trace. "
                    + "consider using coalesce()");
        }
        int[] left = lhs.isEmpty() ? new int[0] : lhs.getFirst().spans();
        int[] right = rhs.getFirst().spans();
        // numbered only when a pair is to be related: most traces of a selective query have no left span
        NestedSets sets = left.length == 0 ? null : trace.nestedSets();
        boolean negated = switch (op) {
            case NOT_CHILD, NOT_PARENT, NOT_DESCENDANT, NOT_ANCESTOR, NOT_SIBLING -> true;
            default -> false;
        };
        boolean union = switch (op) {
            case UNION_CHILD, UNION_PARENT, UNION_DESCENDANT, UNION_ANCESTOR, UNION_SIBLING -> true;
            default -> false;
        };
        boolean[] taken = new boolean[trace.size()];
        int[] out = new int[left.length + right.length];
        int count = 0;
        for (int r : right) {
            boolean any = false;
            for (int l : left) {
                if (related(op, l, r, sets)) {
                    any = true;
                    if (!union) break;
                    if (!taken[l]) {
                        taken[l] = true;
                        out[count++] = l;
                    }
                }
            }
            if (any != negated && !taken[r]) {
                taken[r] = true;
                out[count++] = r;
            }
        }
        return Arrays.copyOf(out, count);
    }

    /** Whether right span {@code r} stands in the operator's relation to left span {@code l}. */
    private static boolean related(SpansetOp op, int l, int r, NestedSets trace) {
        return switch (op) {
            case CHILD, NOT_CHILD, UNION_CHILD -> childOf(l, r, trace);
            case PARENT, NOT_PARENT, UNION_PARENT -> childOf(r, l, trace);
            case DESCENDANT, NOT_DESCENDANT, UNION_DESCENDANT -> inside(l, r, trace);
            case ANCESTOR, NOT_ANCESTOR, UNION_ANCESTOR -> inside(r, l, trace);
            case SIBLING, NOT_SIBLING, UNION_SIBLING -> l != r && trace.parent(l) != 0
                    && trace.parent(l) == trace.parent(r);
            case AND, OR -> throw new IllegalArgumentException(op + " is not structural");
        };
    }

    private static boolean childOf(int parent, int child, NestedSets trace) {
        return trace.left(parent) != 0 && trace.parent(child) != 0
                && trace.left(parent) == trace.parent(child);
    }

    /** {@code inner} strictly inside {@code outer}'s bounds, no bound 0. */
    private static boolean inside(int outer, int inner, NestedSets trace) {
        int ol = trace.left(outer);
        int or = trace.right(outer);
        int il = trace.left(inner);
        int ir = trace.right(inner);
        return ol != 0 && or != 0 && il != 0 && ir != 0 && il > ol && ir < or;
    }
}
