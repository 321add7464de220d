package io.pqflux.tempo.internal.assembly;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.tempo.Trace;
import java.util.ArrayList;
import java.util.List;

/**
 * One trace from two reads of its row over disjoint leaves: a search's first pass (what evaluating the query needs, with
 * the columns that place resources, scopes and spans) and its second (only the span fields the results still need,
 * {@link TraceMapper#spanFields}): the second read's spans are the first's in stored order, resources and scopes
 * flattened, and each first-read span takes the fields the second set (proto3 merging: a field at its default is not
 * set, and the second read holds no attribute, event or link). Reading the placing columns once is what keeps the two
 * passes within the bytes of reading every column whole.
 */
public final class TraceCompletion {

    private TraceCompletion() {
    }

    /**
     * @param spanFields the row's spans from the second read, in stored order
     * @throws IllegalStateException when the two reads do not hold the same number of spans (not the same row)
     */
    public static Trace complete(Trace evaluated, List<Span> spanFields) {
        List<ResourceSpans> merged = new ArrayList<>(evaluated.resourceSpans().size());
        int next = 0;
        for (ResourceSpans resource : evaluated.resourceSpans()) {
            ResourceSpans.Builder rs = resource.toBuilder();
            for (ScopeSpans.Builder ss : rs.getScopeSpansBuilderList()) {
                for (Span.Builder span : ss.getSpansBuilderList()) {
                    if (next == spanFields.size()) throw mismatch(evaluated, spanFields.size());
                    span.mergeFrom(spanFields.get(next++));
                }
            }
            merged.add(rs.build());
        }
        if (next != spanFields.size()) throw mismatch(evaluated, spanFields.size());
        return new Trace(evaluated.traceId(), evaluated.startTimeUnixNano(), evaluated.endTimeUnixNano(),
                evaluated.durationNano(), evaluated.rootServiceName(), evaluated.rootSpanName(), evaluated.serviceStats(),
                merged);
    }

    private static IllegalStateException mismatch(Trace trace, int second) {
        return new IllegalStateException("trace " + trace.traceIdHex() + ": the second read has " + second
                + " spans, the first " + trace.spanCount());
    }
}
