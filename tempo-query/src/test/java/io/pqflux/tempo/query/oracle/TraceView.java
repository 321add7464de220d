package io.pqflux.tempo.query.oracle;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.tempo.Trace;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trace as the naive evaluator walks it: every span in trace order (resource spans, scope spans, spans) with its
 * resource, scope, tree parent and the nested-set numbers Tempo's vParquet4 writer assigns
 * ({@code tempodb/encoding/vparquet4/nested_set_model.go}), derived here from the spans' parent IDs.
 */
final class TraceView {

    /** One span and what the evaluator needs around it. Identity matters: structural operators compare spans by it. */
    static final class SpanView {
        final TraceView trace;
        final int index;
        final Span span;
        final Resource resource;
        final InstrumentationScope scope;
        SpanView parent;
        final List<SpanView> children = new ArrayList<>();
        int nestedSetLeft;
        int nestedSetRight;
        int nestedSetParent;
        /** vParquet5's ChildCount: the children found by parent ID, 0 throughout when nested sets are not assigned. */
        int childCount;

        SpanView(TraceView trace, int index, Span span, Resource resource, InstrumentationScope scope) {
            this.trace = trace;
            this.index = index;
            this.span = span;
            this.resource = resource;
            this.scope = scope;
        }

        boolean isRoot() {
            return span.getParentSpanId().isEmpty();
        }

        /** Tempo's {@code span:id}: hex without leading zeros, left-padded with zeros to 16 digits. */
        String spanIdHex() {
            return spanIdHex(span.getSpanId());
        }

        static String spanIdHex(ByteString id) {
            String hex = HexFormat.of().formatHex(id.toByteArray()).replaceFirst("^0+", "");
            return hex.length() >= 16 ? hex : "0".repeat(16 - hex.length()) + hex;
        }

        @Override
        public String toString() {
            return spanIdHex() + " " + span.getName() + " [" + nestedSetLeft + "," + nestedSetRight + "]^" + nestedSetParent;
        }
    }

    final Trace trace;
    final List<SpanView> spans = new ArrayList<>();

    TraceView(Trace trace) {
        this.trace = trace;
        for (ResourceSpans rs : trace.resourceSpans()) {
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span span : ss.getSpansList()) {
                    spans.add(new SpanView(this, spans.size(), span, rs.getResource(), ss.getScope()));
                }
            }
        }
        assignNestedSets();
    }

    /** Tempo's {@code span:id} key for parent lookups: the first 8 bytes of the ID, zero-padded on the right. */
    private static String idKey(ByteString id) {
        byte[] b = new byte[8];
        id.substring(0, Math.min(8, id.size())).copyTo(b, 0);
        return HexFormat.of().formatHex(b);
    }

    /**
     * As Tempo's writer: roots are spans with an empty parent ID; parents are found by the first 8 bytes of the ID
     * (of two spans sharing an ID, a server span's parent is the client one and any other span's parent the server
     * one); a depth-first walk from each root in trace order numbers spans on the way down (left) and up (right),
     * starting at 1; a child's nestedSetParent is its parent's left, a root's is -1; spans not reached keep 0; with no
     * root, or an ID used by more than two spans, everything stays 0. Tree parents (which the parent scope reads) are
     * linked even then; childCount (vParquet5's column) is the number of children, 0 throughout when no numbering
     * happens.
     */
    private void assignNestedSets() {
        Map<String, List<SpanView>> byId = new LinkedHashMap<>();
        List<SpanView> roots = new ArrayList<>();
        boolean undo = false;
        for (SpanView s : spans) {
            if (s.isRoot()) {
                roots.add(s);
            }
            List<SpanView> same = byId.computeIfAbsent(idKey(s.span.getSpanId()), k -> new ArrayList<>());
            same.add(s);
            if (same.size() > 2) {
                undo = true;
            }
        }
        for (SpanView s : spans) {
            if (s.isRoot()) {
                continue;
            }
            List<SpanView> candidates = byId.getOrDefault(idKey(s.span.getParentSpanId()), List.of());
            SpanView parent = null;
            if (candidates.size() == 1) {
                parent = candidates.getFirst();
            } else if (candidates.size() == 2) {
                int want = s.span.getKindValue() == Span.SpanKind.SPAN_KIND_SERVER_VALUE
                    ? Span.SpanKind.SPAN_KIND_CLIENT_VALUE : Span.SpanKind.SPAN_KIND_SERVER_VALUE;
                if (candidates.get(0).span.getKindValue() == want) {
                    parent = candidates.get(0);
                } else if (candidates.get(1).span.getKindValue() == want) {
                    parent = candidates.get(1);
                }
            }
            if (parent != null) {
                s.parent = parent;
                parent.children.add(s);
            }
        }
        if (roots.isEmpty() || undo) {
            return;
        }
        for (SpanView s : spans) {
            s.childCount = s.children.size();
        }
        int bound = 1;
        for (SpanView root : roots) {
            root.nestedSetLeft = bound++;
            root.nestedSetParent = -1;
            // iterative walk with a per-node child cursor, as Tempo's (a cycle through a root cannot occur: roots have
            // no parent)
            Map<SpanView, Integer> next = new java.util.IdentityHashMap<>();
            SpanView node = root;
            while (node != null) {
                int i = next.getOrDefault(node, 0);
                if (i < node.children.size()) {
                    next.put(node, i + 1);
                    SpanView child = node.children.get(i);
                    child.nestedSetLeft = bound++;
                    child.nestedSetParent = node.nestedSetLeft;
                    node = child;
                } else {
                    node.nestedSetRight = bound++;
                    node = node == root ? null : node.parent;
                }
            }
        }
    }

    /** The trace ID as Tempo prints it: hex of the 16 stored bytes without leading zeros. */
    String traceIdHex() {
        return trimmedHex(trace.traceId());
    }

    static String trimmedHex(byte[] id) {
        return HexFormat.of().formatHex(id).replaceFirst("^0+", "");
    }
}
