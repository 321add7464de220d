package io.pqflux.tempo.query.internal.tags;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.tempo.query.TagValues.TagValue;
import io.pqflux.tempo.Trace;
import io.pqflux.traceql.TraceQlException;
import io.pqflux.tempo.query.internal.search.SpanMatcher;
import io.pqflux.traceql.internal.AttributeField;
import io.pqflux.traceql.internal.AttributeScope;
import io.pqflux.traceql.internal.FieldExpr;
import io.pqflux.traceql.internal.Intrinsic;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The values of one tag in one block, gathered trace by trace from the assembled OTLP (the exact path), with Tempo's
 * rules (block_search_tags.go without a filter, block_autocomplete.go with one):
 * <ul>
 *   <li>an attribute's values as its columns store them searchable ({@link SpanMatcher#attributeValues}: arrays by
 *       element, kvlists and bytes not at all), empty strings included;</li>
 *   <li>without a filter, an unscoped {@code .x} reads resource, span and instrumentation attributes; with one,
 *       resource and span attributes of the matching spans (Tempo asks for {@code resource.x} and {@code span.x});
 *       event and link attributes only when so scoped;</li>
 *   <li>intrinsics from their columns: span names and status messages, root service and span names per trace,
 *       event names, instrumentation names and versions.</li>
 * </ul>
 */
final class BlockTagValues {

    private final TagName tag;
    private final List<List<FieldExpr>> groups;
    private final SpanMatcher matcher = new SpanMatcher();
    private final Set<TagValue> values = new TreeSet<>();

    /**
     * @param groups the filter's condition groups still to evaluate; empty for no filter
     * @throws TraceQlException {@code UNSUPPORTED} for an intrinsic whose values Tempo does not serve as text
     */
    BlockTagValues(TagName tag, List<List<FieldExpr>> groups) {
        this.tag = tag;
        this.groups = groups;
        checkSupported(tag);
    }

    static void checkSupported(TagName tag) {
        Intrinsic intrinsic = tag.intrinsic();
        if (intrinsic == null) return;
        switch (intrinsic) {
            case NAME, STATUS_MESSAGE, ROOT_SERVICE, ROOT_NAME, EVENT_NAME, INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION -> {
            }
            default -> throw new TraceQlException(TraceQlException.Reason.UNSUPPORTED, tag.text(), 0, "tag values of "
                    + tag.text() + ": Tempo reads them from a column of raw IDs or numbers; not served here");
        }
    }

    void add(Trace trace) {
        if (groups.isEmpty()) {
            all(trace);
        } else {
            matcher.forEachMatching(trace, groups, (span, resource, scope) -> matched(trace, span, resource, scope));
        }
    }

    private void all(Trace trace) {
        Intrinsic intrinsic = tag.intrinsic();
        if (intrinsic == Intrinsic.ROOT_SERVICE || intrinsic == Intrinsic.ROOT_NAME) {
            traceLevel(trace, intrinsic);
            return;
        }
        AttributeField attribute = tag.attribute();
        for (ResourceSpans rs : trace.resourceSpans()) {
            if (attribute != null && (attribute.scope() == AttributeScope.RESOURCE || attribute.scope() == AttributeScope.NONE)) {
                attributes(rs.getResource().getAttributesList());
            }
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                if (attribute != null && (attribute.scope() == AttributeScope.INSTRUMENTATION || attribute.scope() == AttributeScope.NONE)) {
                    attributes(ss.getScope().getAttributesList());
                }
                if (intrinsic == Intrinsic.INSTRUMENTATION_NAME) string(ss.getScope().getName());
                if (intrinsic == Intrinsic.INSTRUMENTATION_VERSION) string(ss.getScope().getVersion());
                for (Span span : ss.getSpansList()) spanValues(span, attribute == null || attribute.scope() != AttributeScope.RESOURCE);
            }
        }
    }

    private void matched(Trace trace, Span span, Resource resource, InstrumentationScope scope) {
        Intrinsic intrinsic = tag.intrinsic();
        if (intrinsic == Intrinsic.ROOT_SERVICE || intrinsic == Intrinsic.ROOT_NAME) {
            traceLevel(trace, intrinsic);
            return;
        }
        if (intrinsic == Intrinsic.INSTRUMENTATION_NAME) string(scope.getName());
        if (intrinsic == Intrinsic.INSTRUMENTATION_VERSION) string(scope.getVersion());
        AttributeField attribute = tag.attribute();
        if (attribute != null && (attribute.scope() == AttributeScope.RESOURCE || attribute.scope() == AttributeScope.NONE)) {
            attributes(resource.getAttributesList());
        }
        if (attribute != null && attribute.scope() == AttributeScope.INSTRUMENTATION) attributes(scope.getAttributesList());
        spanValues(span, true);
    }

    /** The tag's values held by the span itself (its attributes, intrinsics, events, links). */
    private void spanValues(Span span, boolean spanLevel) {
        if (!spanLevel) return;
        AttributeField attribute = tag.attribute();
        if (attribute != null) {
            switch (attribute.scope()) {
                case SPAN, NONE -> attributes(span.getAttributesList());
                case EVENT -> span.getEventsList().forEach(e -> attributes(e.getAttributesList()));
                case LINK -> span.getLinksList().forEach(l -> attributes(l.getAttributesList()));
                default -> {
                }
            }
            return;
        }
        switch (tag.intrinsic()) {
            case NAME -> string(span.getName());
            case STATUS_MESSAGE -> string(span.getStatus().getMessage());
            case EVENT_NAME -> span.getEventsList().forEach(e -> string(e.getName()));
            default -> {
            }
        }
    }

    private void traceLevel(Trace trace, Intrinsic intrinsic) {
        string(intrinsic == Intrinsic.ROOT_SERVICE ? trace.rootServiceName() : trace.rootSpanName());
    }

    private void attributes(List<KeyValue> attributes) {
        String name = tag.attribute().name();
        for (KeyValue kv : attributes) {
            if (!kv.getKey().equals(name)) continue;
            for (SpanMatcher.Typed v : SpanMatcher.attributeValues(kv.getValue())) values.add(new TagValue(v.type(), v.text()));
        }
    }

    private void string(String value) {
        values.add(new TagValue("string", value));
    }

    Set<TagValue> values() {
        return values;
    }
}
