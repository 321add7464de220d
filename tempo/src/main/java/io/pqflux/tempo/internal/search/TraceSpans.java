package io.pqflux.tempo.internal.search;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.tempo.Trace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One trace's spans flattened in stored order (resource by resource, scope by scope), each with its resource, its
 * scope and its place in the span tree: the parent's index from {@code parentSpanId}, and nested-set bounds numbered
 * depth first from 1 (a root's {@code nestedSetParent} is -1), which is how Tempo numbers them when it writes a block.
 */
final class TraceSpans {

    final Trace trace;
    final Span[] spans;
    final Resource[] resources;
    final InstrumentationScope[] scopes;
    /** -1 for a span whose parent is not in the trace. */
    final int[] parent;
    final int[] childCount;
    final int[] nestedSetLeft;
    final int[] nestedSetRight;

    TraceSpans(Trace trace) {
        this.trace = trace;
        List<Span> spanList = new ArrayList<>();
        List<Resource> resourceList = new ArrayList<>();
        List<InstrumentationScope> scopeList = new ArrayList<>();
        for (ResourceSpans rs : trace.resourceSpans()) {
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span span : ss.getSpansList()) {
                    spanList.add(span);
                    resourceList.add(rs.getResource());
                    scopeList.add(ss.getScope());
                }
            }
        }
        int n = spanList.size();
        spans = spanList.toArray(Span[]::new);
        resources = resourceList.toArray(Resource[]::new);
        scopes = scopeList.toArray(InstrumentationScope[]::new);
        parent = new int[n];
        childCount = new int[n];
        Map<ByteString, Integer> byId = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) byId.putIfAbsent(spans[i].getSpanId(), i);
        for (int i = 0; i < n; i++) {
            ByteString parentId = spans[i].getParentSpanId();
            Integer p = parentId.isEmpty() ? null : byId.get(parentId);
            parent[i] = p == null || p == i ? -1 : p;
            if (parent[i] >= 0) childCount[parent[i]]++;
        }
        nestedSetLeft = new int[n];
        nestedSetRight = new int[n];
        number();
    }

    /** Depth-first numbering of every tree of the trace, children in stored order; a cycle's spans stay at 0. */
    private void number() {
        int n = spans.length;
        int[] firstChild = new int[n];
        int[] nextSibling = new int[n];
        Arrays.fill(firstChild, -1);
        Arrays.fill(nextSibling, -1);
        int[] lastChild = new int[n];
        Arrays.fill(lastChild, -1);
        for (int i = 0; i < n; i++) {
            int p = parent[i];
            if (p < 0) continue;
            if (lastChild[p] < 0) firstChild[p] = i;
            else nextSibling[lastChild[p]] = i;
            lastChild[p] = i;
        }
        int counter = 1;
        int[] stack = new int[n];
        int[] cursor = new int[n];
        for (int root = 0; root < n; root++) {
            if (parent[root] >= 0) continue;
            int depth = 0;
            stack[0] = root;
            cursor[0] = firstChild[root];
            nestedSetLeft[root] = counter++;
            while (depth >= 0) {
                int child = cursor[depth];
                if (child < 0) {
                    nestedSetRight[stack[depth]] = counter++;
                    depth--;
                    continue;
                }
                cursor[depth] = nextSibling[child];
                stack[++depth] = child;
                cursor[depth] = firstChild[child];
                nestedSetLeft[child] = counter++;
            }
        }
    }

    int size() {
        return spans.length;
    }

    int nestedSetParent(int span) {
        return parent[span] < 0 ? -1 : nestedSetLeft[parent[span]];
    }

    /** Whether {@code ancestor} is a proper ancestor of {@code span}. */
    boolean isAncestor(int ancestor, int span) {
        for (int p = parent[span], steps = 0; p >= 0 && steps < spans.length; p = parent[p], steps++) {
            if (p == ancestor) return true;
        }
        return false;
    }
}
