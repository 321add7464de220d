package io.pqflux.tempo.query.internal.tags;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.tempo.query.TagsRequest.Scope;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.query.internal.search.SpanMatcher;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The attribute names of one block, per scope, gathered trace by trace from the assembled OTLP (the exact path).
 * Without a filter: every key of every resource, scope, span, event and link, as Tempo's {@code SearchTags} reports
 * the generic key columns' dictionaries and every special column holding a value. With a filter: the generic keys on
 * the spans it matches (their resource, scope, events and links included), plus the special columns' names with a
 * value anywhere in the block.
 */
final class BlockTagNames {

    private final Set<Scope> scopes;
    private final TagFilter filter;
    private final SpecialColumns special;
    private final SpanMatcher matcher = new SpanMatcher();
    private final Map<Scope, Set<String>> names = new EnumMap<>(Scope.class);

    /** @param scope null for every scope but the intrinsic one (which no block answers) */
    BlockTagNames(Scope scope, TagFilter filter, SpecialColumns special) {
        this.scopes = scope == null ? Set.of(Scope.RESOURCE, Scope.SPAN, Scope.EVENT, Scope.LINK, Scope.INSTRUMENTATION)
                : Set.of(scope);
        this.filter = filter;
        this.special = special;
        for (Scope s : scopes) names.put(s, new TreeSet<>());
    }

    void add(Trace trace) {
        if (filter.isNone()) {
            for (ResourceSpans rs : trace.resourceSpans()) {
                keys(Scope.RESOURCE, rs.getResource().getAttributesList());
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    keys(Scope.INSTRUMENTATION, ss.getScope().getAttributesList());
                    for (Span span : ss.getSpansList()) spanKeys(span);
                }
            }
            return;
        }
        for (ResourceSpans rs : trace.resourceSpans()) {
            specialKeys(Scope.RESOURCE, rs.getResource().getAttributesList(), true);
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span span : ss.getSpansList()) specialKeys(Scope.SPAN, span.getAttributesList(), false);
            }
        }
        matcher.forEachMatching(trace, filter.groups(), this::matched);
    }

    private void matched(Span span, Resource resource, InstrumentationScope scope) {
        genericKeys(Scope.RESOURCE, resource.getAttributesList(), true);
        keys(Scope.INSTRUMENTATION, scope.getAttributesList());
        genericKeys(Scope.SPAN, span.getAttributesList(), false);
        for (Span.Event event : span.getEventsList()) keys(Scope.EVENT, event.getAttributesList());
        for (Span.Link link : span.getLinksList()) keys(Scope.LINK, link.getAttributesList());
    }

    private void spanKeys(Span span) {
        keys(Scope.SPAN, span.getAttributesList());
        for (Span.Event event : span.getEventsList()) keys(Scope.EVENT, event.getAttributesList());
        for (Span.Link link : span.getLinksList()) keys(Scope.LINK, link.getAttributesList());
    }

    private void keys(Scope scope, List<KeyValue> attributes) {
        Set<String> into = names.get(scope);
        if (into == null) return;
        for (KeyValue kv : attributes) into.add(kv.getKey());
    }

    private void specialKeys(Scope scope, List<KeyValue> attributes, boolean resource) {
        Set<String> into = names.get(scope);
        if (into == null) return;
        for (KeyValue kv : attributes) {
            if (isSpecial(kv, resource)) into.add(kv.getKey());
        }
    }

    private void genericKeys(Scope scope, List<KeyValue> attributes, boolean resource) {
        Set<String> into = names.get(scope);
        if (into == null) return;
        for (KeyValue kv : attributes) {
            if (!isSpecial(kv, resource)) into.add(kv.getKey());
        }
    }

    private boolean isSpecial(KeyValue kv, boolean resource) {
        return resource ? special.resource(kv) : special.span(kv);
    }

    /** The names found so far, per scope (sorted sets). */
    Map<Scope, Set<String>> names() {
        return names;
    }
}
