package io.pqflux.tempo.query.internal.search;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.tempo.Trace;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.pqflux.traceql.internal.AttributeField;
import io.pqflux.traceql.internal.Intrinsic;
import java.util.HexFormat;
import java.util.List;

/**
 * One trace's spans flattened in stored order (resource by resource, scope by scope), each with its resource, its
 * scope and, at the first question about them, the {@link NestedSets nested-set numbers} the writer gives it.
 */
final class TraceSpans implements TraceFields {

    private static final HexFormat HEX = HexFormat.of();

    final Trace trace;
    final Span[] spans;
    final Resource[] resources;
    final InstrumentationScope[] scopes;
    /** Numbered at the first question about them (most queries relate no spans). */
    private NestedSets nestedSets;

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
        // by index: protobuf's lists are random-access, and an iterator per lookup was a search's fifth-largest allocation
        for (int i = 0, n = attributes.size(); i < n; i++) {
            KeyValue kv = attributes.get(i);
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
            case CHILD_COUNT -> new FieldValue.IntValue(nestedSets().childCount(span));
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
            case NESTED_SET_LEFT -> new FieldValue.IntValue(nestedSets().left(span));
            case NESTED_SET_RIGHT -> new FieldValue.IntValue(nestedSets().right(span));
            case NESTED_SET_PARENT -> new FieldValue.IntValue(nestedSets().parent(span));
            // the validator reports the parent intrinsic unsupported before a query runs
            case PARENT -> throw new EvaluationFailure("the parent intrinsic is not supported");
        };
    }

    @Override
    public int size() {
        return spans.length;
    }

    @Override
    public int eventCount(int span) {
        return spans[span].getEventsCount();
    }

    @Override
    public int linkCount(int span) {
        return spans[span].getLinksCount();
    }

    @Override
    public NestedSets nestedSets() {
        if (nestedSets == null) {
            int n = spans.length;
            long[] spanKeys = new long[n];
            long[] parentKeys = new long[n];
            boolean[] roots = new boolean[n];
            int[] kinds = new int[n];
            for (int i = 0; i < n; i++) {
                spanKeys[i] = NestedSets.idKey(spans[i].getSpanId());
                roots[i] = spans[i].getParentSpanId().isEmpty();
                if (!roots[i]) parentKeys[i] = NestedSets.idKey(spans[i].getParentSpanId());
                kinds[i] = spans[i].getKindValue();
            }
            nestedSets = NestedSets.number(spanKeys, parentKeys, roots, kinds);
        }
        return nestedSets;
    }
}
