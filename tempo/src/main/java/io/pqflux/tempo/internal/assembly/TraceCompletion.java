package io.pqflux.tempo.internal.assembly;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.tempo.Trace;
import java.util.ArrayList;
import java.util.List;

/**
 * One trace from two reads of its row over disjoint leaves: a search's first pass (what evaluating the query needs)
 * and its second (the rest of what its results hold). Both reads hold the leaves that place resources, scopes and spans,
 * so the two traces have the same resources, scopes and spans in the same order; each span takes the fields the second
 * read set (proto3 merging: a field at its default is not set, a repeated field is appended to, and the second read
 * holds no attribute, event or link). The trace-level fields are the first read's (both read them).
 */
public final class TraceCompletion {

    private TraceCompletion() {
    }

    /**
     * @throws IllegalStateException when the two reads do not have the same shape (not the same row)
     */
    public static Trace complete(Trace evaluated, Trace completion) {
        List<ResourceSpans> first = evaluated.resourceSpans();
        List<ResourceSpans> second = completion.resourceSpans();
        requireSameSize(first.size(), second.size(), evaluated, "resources");
        List<ResourceSpans> merged = new ArrayList<>(first.size());
        for (int r = 0; r < first.size(); r++) {
            ResourceSpans.Builder rs = first.get(r).toBuilder();
            List<ScopeSpans> scopes = second.get(r).getScopeSpansList();
            requireSameSize(rs.getScopeSpansCount(), scopes.size(), evaluated, "scopes");
            for (int s = 0; s < scopes.size(); s++) {
                ScopeSpans.Builder ss = rs.getScopeSpansBuilder(s);
                List<Span> spans = scopes.get(s).getSpansList();
                requireSameSize(ss.getSpansCount(), spans.size(), evaluated, "spans");
                for (int i = 0; i < spans.size(); i++) ss.getSpansBuilder(i).mergeFrom(spans.get(i));
            }
            merged.add(rs.build());
        }
        return new Trace(evaluated.traceId(), evaluated.startTimeUnixNano(), evaluated.endTimeUnixNano(),
                evaluated.durationNano(), evaluated.rootServiceName(), evaluated.rootSpanName(), evaluated.serviceStats(),
                merged);
    }

    private static void requireSameSize(int first, int second, Trace trace, String what) {
        if (first != second) {
            throw new IllegalStateException("trace " + trace.traceIdHex() + ": the two reads have " + first + " and "
                    + second + " " + what);
        }
    }
}
