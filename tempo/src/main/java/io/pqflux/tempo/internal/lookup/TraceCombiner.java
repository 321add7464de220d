package io.pqflux.tempo.internal.lookup;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.tempo.Trace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Combines the parts of one trace found in several blocks the way Tempo's querier does: the first part whole, then from
 * each further part the spans not seen yet (a span is its ID and kind), under their own resource and scope; when
 * anything was combined, the trace is sorted deeply — spans by start time then ID, scopes and resources by their first
 * span, events by time then name, links by trace ID then span ID (resources and scopes without spans last, where
 * Go's comparison leaves them unordered). Trace-level columns: earliest start, latest end, the
 * first part's root if it has one, service stats summed over the parts.
 */
public final class TraceCombiner {

    private static final Comparator<ByteString> BYTES = ByteString.unsignedLexicographicalComparator();
    private static final Comparator<Span> SPANS = Comparator.comparing(Span::getStartTimeUnixNano, Long::compareUnsigned)
            .thenComparing(Span::getSpanId, BYTES);
    private static final Comparator<Span.Event> EVENTS = Comparator.comparing(Span.Event::getTimeUnixNano, Long::compareUnsigned)
            .thenComparing(Span.Event::getName);
    private static final Comparator<Span.Link> LINKS = Comparator.comparing(Span.Link::getTraceId, BYTES)
            .thenComparing(Span.Link::getSpanId, BYTES);

    private TraceCombiner() {
    }

    /** @param parts the parts in the order the blocks were searched; at least one */
    public static Trace combine(List<Trace> parts) {
        Trace first = parts.getFirst();
        if (parts.size() == 1) return first;
        Set<SpanKey> seen = new HashSet<>();
        List<ResourceSpans> resourceSpans = new ArrayList<>();
        long start = first.startTimeUnixNano(), end = first.endTimeUnixNano();
        String rootService = first.rootServiceName(), rootSpan = first.rootSpanName();
        Map<String, Trace.ServiceStats> stats = new LinkedHashMap<>(first.serviceStats());
        for (ResourceSpans rs : first.resourceSpans()) {
            for (ScopeSpans ss : rs.getScopeSpansList()) for (Span span : ss.getSpansList()) seen.add(SpanKey.of(span));
            resourceSpans.add(rs);
        }
        boolean combined = false;
        for (Trace part : parts.subList(1, parts.size())) {
            if (Long.compareUnsigned(part.startTimeUnixNano(), start) < 0) start = part.startTimeUnixNano();
            if (Long.compareUnsigned(part.endTimeUnixNano(), end) > 0) end = part.endTimeUnixNano();
            if (rootSpan.isEmpty() && !part.rootSpanName().isEmpty()) {
                rootService = part.rootServiceName();
                rootSpan = part.rootSpanName();
            }
            part.serviceStats().forEach((service, s) -> stats.merge(service, s,
                    (a, b) -> new Trace.ServiceStats(a.spanCount() + b.spanCount(), a.errorCount() + b.errorCount())));
            for (ResourceSpans rs : part.resourceSpans()) {
                ResourceSpans.Builder kept = rs.toBuilder().clearScopeSpans();
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    ScopeSpans.Builder keptScope = ss.toBuilder().clearSpans();
                    for (Span span : ss.getSpansList()) if (seen.add(SpanKey.of(span))) keptScope.addSpans(span);
                    if (keptScope.getSpansCount() > 0) kept.addScopeSpans(keptScope);
                }
                if (kept.getScopeSpansCount() > 0) resourceSpans.add(kept.build());
            }
            combined = true;
        }
        return new Trace(first.traceId(), start, end, end - start, rootService, rootSpan, stats,
                combined ? sorted(resourceSpans) : resourceSpans);
    }

    private static List<ResourceSpans> sorted(List<ResourceSpans> resourceSpans) {
        List<ResourceSpans> out = new ArrayList<>(resourceSpans.size());
        for (ResourceSpans rs : resourceSpans) {
            List<ScopeSpans> scopes = new ArrayList<>();
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                List<Span> spans = new ArrayList<>();
                for (Span span : ss.getSpansList()) {
                    List<Span.Event> events = new ArrayList<>(span.getEventsList());
                    events.sort(EVENTS);
                    List<Span.Link> links = new ArrayList<>(span.getLinksList());
                    links.sort(LINKS);
                    spans.add(span.toBuilder().clearEvents().addAllEvents(events).clearLinks().addAllLinks(links).build());
                }
                spans.sort(SPANS);
                scopes.add(ss.toBuilder().clearSpans().addAllSpans(spans).build());
            }
            scopes.sort(Comparator.comparing(ss -> ss.getSpansCount() == 0 ? null : ss.getSpans(0), Comparator.nullsLast(SPANS)));
            out.add(rs.toBuilder().clearScopeSpans().addAllScopeSpans(scopes).build());
        }
        out.sort(Comparator.comparing(TraceCombiner::firstSpan, Comparator.nullsLast(SPANS)));
        return out;
    }

    /** The span a resource sorts by; null (sorted last, where Go's comparison leaves it unordered) without spans. */
    private static Span firstSpan(ResourceSpans rs) {
        return rs.getScopeSpansCount() == 0 || rs.getScopeSpans(0).getSpansCount() == 0 ? null : rs.getScopeSpans(0).getSpans(0);
    }

    /** Tempo tells spans apart by ID and kind (Zipkin-style client and server spans share an ID). */
    private record SpanKey(ByteString spanId, int kind) {
        static SpanKey of(Span span) {
            return new SpanKey(span.getSpanId(), span.getKindValue());
        }
    }
}
