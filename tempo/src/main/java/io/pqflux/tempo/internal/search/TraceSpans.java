package io.pqflux.tempo.internal.search;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.tempo.Trace;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.pqflux.tempo.internal.traceql.AttributeField;
import io.pqflux.tempo.internal.traceql.Intrinsic;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Arrays;
import java.util.List;

/**
 * One trace's spans flattened in stored order (resource by resource, scope by scope), each with its resource, its
 * scope and the nested-set numbers Tempo's vParquet4 writer gives it ({@code nested_set_model.go}, as docs/traceql.md
 * describes): structural operators and the {@code nestedSet*} intrinsics read these, not the parent IDs, so a span
 * the writer leaves unnumbered (0) takes part in no relation, as in Tempo.
 */
final class TraceSpans implements SpanFields {

    private static final HexFormat HEX = HexFormat.of();

    /** The Zipkin shared-span case: a span ID used by a client and a server span. */
    private static final int SERVER = Span.SpanKind.SPAN_KIND_SERVER_VALUE;
    private static final int CLIENT = Span.SpanKind.SPAN_KIND_CLIENT_VALUE;

    final Trace trace;
    final Span[] spans;
    final Resource[] resources;
    final InstrumentationScope[] scopes;
    /** The nested-set numbers, assigned at the first question about them (most queries relate no spans). */
    private int[] nestedSetLeft;
    private int[] nestedSetRight;
    /** The parent's left bound; -1 for a root; 0 for a span the numbering did not reach. */
    private int[] nestedSetParent;
    /** Children found by parent ID (vParquet5's column); 0 throughout when the trace is not numbered. */
    private int[] childCount;

    TraceSpans(Trace trace) {
        this.trace = trace;
        int n = trace.spanCount();
        spans = new Span[n];
        resources = new Resource[n];
        scopes = new InstrumentationScope[n];
        int i = 0;
        for (ResourceSpans rs : trace.resourceSpans()) {
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span span : ss.getSpansList()) {
                    spans[i] = span;
                    resources[i] = rs.getResource();
                    scopes[i++] = ss.getScope();
                }
            }
        }
    }

    @Override
    public FieldValue attribute(AttributeField field, int span, int event, int link) {
        Span s = spans[span];
        String name = field.name();
        return switch (field.scope()) {
            case NONE -> {
                FieldValue own = find(s.getAttributesList(), name);
                yield own.isNil() ? resourceAttribute(span, name) : own;
            }
            case SPAN -> find(s.getAttributesList(), name);
            case RESOURCE -> resourceAttribute(span, name);
            case INSTRUMENTATION -> find(scopes[span].getAttributesList(), name);
            case EVENT -> {
                if (event != FieldEvaluator.UNBOUND) yield find(s.getEvents(event).getAttributesList(), name);
                for (Span.Event e : s.getEventsList()) {
                    FieldValue value = find(e.getAttributesList(), name);
                    if (!value.isNil()) yield value;
                }
                yield FieldValue.NIL;
            }
            case LINK -> {
                if (link != FieldEvaluator.UNBOUND) yield find(s.getLinks(link).getAttributesList(), name);
                for (Span.Link l : s.getLinksList()) {
                    FieldValue value = find(l.getAttributesList(), name);
                    if (!value.isNil()) yield value;
                }
                yield FieldValue.NIL;
            }
        };
    }

    FieldValue resourceAttribute(int span, String name) {
        return resourceValue(resources[span].getAttributesList(), name);
    }

    /**
     * A resource attribute: the first of that name; vParquet4's {@code ServiceName} column is required, so a resource
     * without {@code service.name} reads "".
     */
    static FieldValue resourceValue(List<KeyValue> attributes, String name) {
        FieldValue value = find(attributes, name);
        return value.isNil() && name.equals("service.name") ? new FieldValue.StringValue("") : value;
    }

    /** The first attribute of that name (duplicates: the first counts). */
    static FieldValue find(List<KeyValue> attributes, String name) {
        for (KeyValue kv : attributes) {
            if (kv.getKey().equals(name)) return FieldValue.of(kv.getValue());
        }
        return FieldValue.NIL;
    }

    @Override
    public FieldValue intrinsic(Intrinsic intrinsic, int span, int event, int link) {
        Span s = spans[span];
        return switch (intrinsic) {
            case DURATION -> new FieldValue.DurationValue(s.getEndTimeUnixNano() - s.getStartTimeUnixNano());
            case NAME -> new FieldValue.StringValue(s.getName());
            case STATUS -> FieldValue.status(s.getStatus().getCodeValue());
            case STATUS_MESSAGE -> new FieldValue.StringValue(s.getStatus().getMessage());
            case KIND -> FieldValue.kind(s.getKindValue());
            case SPAN_ID -> new FieldValue.StringValue(FieldEvaluator.spanIdHex(s.getSpanId()));
            case PARENT_ID -> new FieldValue.StringValue(FieldEvaluator.spanIdHex(s.getParentSpanId()));
            case CHILD_COUNT -> new FieldValue.IntValue(childCount(span));
            case TRACE_DURATION -> new FieldValue.DurationValue(trace.durationNano());
            case ROOT_NAME -> new FieldValue.StringValue(trace.rootSpanName());
            case ROOT_SERVICE -> new FieldValue.StringValue(trace.rootServiceName());
            case TRACE_ID -> new FieldValue.StringValue(FieldEvaluator.withoutLeadingZeros(HEX.formatHex(trace.traceId())));
            case EVENT_NAME, EVENT_TIME_SINCE_START -> {
                int e = event != FieldEvaluator.UNBOUND ? event : s.getEventsCount() > 0 ? 0 : FieldEvaluator.UNBOUND;
                if (e == FieldEvaluator.UNBOUND) yield FieldValue.NIL;
                Span.Event ev = s.getEvents(e);
                yield intrinsic == Intrinsic.EVENT_NAME ? new FieldValue.StringValue(ev.getName())
                        : new FieldValue.DurationValue(ev.getTimeUnixNano() - s.getStartTimeUnixNano());
            }
            case LINK_TRACE_ID, LINK_SPAN_ID -> {
                int l = link != FieldEvaluator.UNBOUND ? link : s.getLinksCount() > 0 ? 0 : FieldEvaluator.UNBOUND;
                if (l == FieldEvaluator.UNBOUND) yield FieldValue.NIL;
                Span.Link li = s.getLinks(l);
                yield intrinsic == Intrinsic.LINK_TRACE_ID
                        ? new FieldValue.StringValue(FieldEvaluator.withoutLeadingZeros(HEX.formatHex(li.getTraceId().toByteArray())))
                        : new FieldValue.StringValue(FieldEvaluator.spanIdHex(li.getSpanId()));
            }
            case INSTRUMENTATION_NAME -> new FieldValue.StringValue(scopes[span].getName());
            case INSTRUMENTATION_VERSION -> new FieldValue.StringValue(scopes[span].getVersion());
            case NESTED_SET_LEFT -> new FieldValue.IntValue(nestedSetLeft(span));
            case NESTED_SET_RIGHT -> new FieldValue.IntValue(nestedSetRight(span));
            case NESTED_SET_PARENT -> new FieldValue.IntValue(nestedSetParent(span));
            // the validator reports the parent intrinsic unsupported before a query runs
            case PARENT -> throw new EvaluationFailure("the parent intrinsic is not supported");
        };
    }

    int size() {
        return spans.length;
    }

    int nestedSetLeft(int span) {
        return numbered().nestedSetLeft[span];
    }

    int nestedSetRight(int span) {
        return numbered().nestedSetRight[span];
    }

    int nestedSetParent(int span) {
        return numbered().nestedSetParent[span];
    }

    int childCount(int span) {
        return numbered().childCount[span];
    }

    private TraceSpans numbered() {
        if (nestedSetLeft == null) {
            int n = spans.length;
            nestedSetLeft = new int[n];
            nestedSetRight = new int[n];
            nestedSetParent = new int[n];
            childCount = new int[n];
            number();
        }
        return this;
    }

    /**
     * The writer's numbering: roots are the spans with an empty parent ID; a parent is found by the first 8 bytes of
     * the parent ID (of two spans sharing an ID, a server span's parent is the client one, any other span's the server
     * one); each root in turn starts a depth-first walk, children in stored order, numbering on the way down (left)
     * and up (right) from 1. With no root, or an ID used by more than two spans, nothing is numbered.
     */
    private void number() {
        int n = spans.length;
        SpanIds ids = new SpanIds(n);
        List<Integer> roots = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (spans[i].getParentSpanId().isEmpty()) roots.add(i);
            // an ID used by more than two spans: nothing is numbered
            if (ids.add(i, idKey(spans[i].getSpanId())) > 2) return;
        }
        if (roots.isEmpty()) return;
        int[] parent = new int[n];
        Arrays.fill(parent, -1);
        int[][] children = new int[n][];
        int[] childrenCount = new int[n];
        for (int i = 0; i < n; i++) {
            if (spans[i].getParentSpanId().isEmpty()) continue;
            int p = parentOf(i, ids, idKey(spans[i].getParentSpanId()));
            if (p < 0) continue;
            parent[i] = p;
            if (children[p] == null) children[p] = new int[2];
            if (childrenCount[p] == children[p].length) children[p] = Arrays.copyOf(children[p], childrenCount[p] * 2);
            children[p][childrenCount[p]++] = i;
        }
        System.arraycopy(childrenCount, 0, childCount, 0, n);
        int bound = 1;
        int[] cursor = new int[n];
        for (int root : roots) {
            nestedSetLeft[root] = bound++;
            nestedSetParent[root] = -1;
            int node = root;
            while (node >= 0) {
                if (cursor[node] < childrenCount[node]) {
                    int child = children[node][cursor[node]++];
                    nestedSetLeft[child] = bound++;
                    nestedSetParent[child] = nestedSetLeft[node];
                    node = child;
                } else {
                    nestedSetRight[node] = bound++;
                    node = node == root ? -1 : parent[node];
                }
            }
        }
    }

    /**
     * The span with the parent ID {@code key}: the only span with that ID, or of two, the first that is the client one
     * for a server span and the server one for any other; -1 when none fits.
     */
    private int parentOf(int span, SpanIds ids, long key) {
        int wanted = spans[span].getKindValue() == SERVER ? CLIENT : SERVER;
        int count = 0, first = -1, fitting = -1;
        // in probe order, which is the order the spans were added in
        for (int slot = ids.home(key), candidate; (candidate = ids.span(slot)) >= 0; slot = ids.next(slot)) {
            if (ids.key(candidate) != key) continue;
            if (count++ == 0) first = candidate;
            if (fitting < 0 && spans[candidate].getKindValue() == wanted) fitting = candidate;
        }
        return count == 1 ? first : fitting;
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

    /** The first 8 bytes of an ID, zero-padded on the right, as the writer keys spans. */
    private static long idKey(ByteString id) {
        long key = 0;
        for (int i = 0; i < 8; i++) key = key << 8 | (i < id.size() ? id.byteAt(i) & 0xff : 0);
        return key;
    }
}
