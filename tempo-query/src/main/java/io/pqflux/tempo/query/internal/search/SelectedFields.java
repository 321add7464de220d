package io.pqflux.tempo.query.internal.search;

import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.traceql.internal.AttributeField;
import io.pqflux.traceql.internal.FieldRef;
import io.pqflux.traceql.internal.Intrinsic;
import io.pqflux.traceql.internal.IntrinsicField;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The {@code select()}ed fields of a result span, as docs/traceql.md ("Results") describes Tempo's: attributes named
 * without their scope, intrinsics by Tempo's name; nil values left out, and so are the fields Tempo reports elsewhere
 * ({@code name}, {@code duration}, the trace-level intrinsics, the IDs). An unscoped attribute gives the span's and the
 * resource's value, both under the bare name; an event or link field the last event's (link's) that has it.
 */
final class SelectedFields {

    private SelectedFields() {
    }

    static void report(List<FieldRef> selected, TraceSpans trace, int span, FieldEvaluator fields,
                       BiConsumer<String, FieldValue> out) {
        Span s = trace.spans[span];
        for (FieldRef field : selected) {
            switch (field) {
                case AttributeField a when a.parent() -> {
                }
                case AttributeField a -> {
                    switch (a.scope()) {
                        case NONE -> {
                            add(out, a.name(), TraceSpans.find(s.getAttributesList(), a.name()));
                            add(out, a.name(), trace.resourceAttribute(span, a.name()));
                        }
                        case EVENT -> {
                            FieldValue last = FieldValue.NIL;
                            for (Span.Event e : s.getEventsList()) {
                                FieldValue v = TraceSpans.find(e.getAttributesList(), a.name());
                                if (!v.isNil()) last = v;
                            }
                            add(out, a.name(), last);
                        }
                        case LINK -> {
                            FieldValue last = FieldValue.NIL;
                            for (Span.Link l : s.getLinksList()) {
                                FieldValue v = TraceSpans.find(l.getAttributesList(), a.name());
                                if (!v.isNil()) last = v;
                            }
                            add(out, a.name(), last);
                        }
                        default -> add(out, a.name(), fields.evaluate(a, trace, span, FieldEvaluator.UNBOUND,
                                FieldEvaluator.UNBOUND));
                    }
                }
                case IntrinsicField i -> intrinsic(i.intrinsic(), trace, span, fields, out);
            }
        }
    }

    private static void intrinsic(Intrinsic intrinsic, TraceSpans trace, int span, FieldEvaluator fields,
                                  BiConsumer<String, FieldValue> out) {
        String name = intrinsic.tempoName();
        switch (intrinsic) {
            case NAME, DURATION, TRACE_DURATION, ROOT_SERVICE, ROOT_NAME, TRACE_ID, SPAN_ID, PARENT -> {
            }
            case EVENT_NAME, EVENT_TIME_SINCE_START -> {
                FieldValue last = FieldValue.NIL;
                for (int e = 0; e < trace.spans[span].getEventsCount(); e++) {
                    FieldValue v = fields.intrinsic(intrinsic, trace, span, e, FieldEvaluator.UNBOUND);
                    if (!v.isNil()) last = v;
                }
                add(out, name, last);
            }
            case LINK_TRACE_ID, LINK_SPAN_ID -> {
                FieldValue last = FieldValue.NIL;
                for (int l = 0; l < trace.spans[span].getLinksCount(); l++) {
                    FieldValue v = fields.intrinsic(intrinsic, trace, span, FieldEvaluator.UNBOUND, l);
                    if (!v.isNil()) last = v;
                }
                add(out, name, last);
            }
            default -> add(out, name, fields.intrinsic(intrinsic, trace, span, FieldEvaluator.UNBOUND, FieldEvaluator.UNBOUND));
        }
    }

    private static void add(BiConsumer<String, FieldValue> out, String name, FieldValue value) {
        if (!value.isNil()) out.accept(name, value);
    }
}
