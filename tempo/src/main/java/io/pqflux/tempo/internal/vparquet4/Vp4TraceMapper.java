package io.pqflux.tempo.internal.vparquet4;

import io.pqflux.nested.SlotReader;
import io.pqflux.schema.MessageSchema;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.internal.assembly.AbstractTraceMapper;
import io.pqflux.tempo.internal.assembly.AttributeOwner;
import io.pqflux.tempo.internal.assembly.AttributeGroup;
import io.pqflux.tempo.internal.assembly.AttributeKeys;
import io.pqflux.tempo.internal.assembly.AttributeLayout;
import io.pqflux.tempo.internal.assembly.AttributeSink;
import io.pqflux.tempo.internal.assembly.EventColumns;
import io.pqflux.tempo.internal.assembly.HttpColumns;
import io.pqflux.tempo.internal.assembly.LinkColumns;
import io.pqflux.tempo.internal.assembly.ListShape;
import io.pqflux.tempo.internal.assembly.SpansSink;
import io.pqflux.tempo.internal.assembly.StaticColumns;
import io.pqflux.tempo.internal.assembly.TracePaths;
import java.util.List;
import java.util.Map;

/**
 * Assembles vParquet4 rows into {@link Trace}s straight from the batch's nested column views
 * (docs/tempo-format.md §7–§9): every list is walked through its offsets, every value read by slot into the OTLP
 * builders, with no row objects in between. One mapper per file: it knows the file's attribute layout and the block's
 * dedicated-column names.
 */
public final class Vp4TraceMapper extends AbstractTraceMapper {

    /** vParquet4 annotates every list as a Parquet LIST and stores service stats as a MAP. */
    static final TracePaths PATHS = TracePaths.of(ListShape.ANNOTATED, TracePaths.Stats.MAP);

    private final AttributeLayout layout;
    private final List<String> resourceDedicated;
    private final List<String> spanDedicated;

    /**
     * @param resourceDedicated attribute names of the resource's dedicated slots, slot order ({@code String01} first)
     * @param spanDedicated     the same for spans
     * @param maxTraceBytes     largest OTLP size of a trace; a larger one fails with {@code TRACE_TOO_LARGE}
     */
    public Vp4TraceMapper(String source, MessageSchema schema, TracePreset preset, List<String> resourceDedicated,
                          List<String> spanDedicated, long maxTraceBytes) {
        super(source, PATHS, preset, maxTraceBytes);
        if (resourceDedicated.size() > StaticColumns.DEDICATED_SLOTS || spanDedicated.size() > StaticColumns.DEDICATED_SLOTS) {
            throw new IllegalArgumentException("vParquet4 has " + StaticColumns.DEDICATED_SLOTS + " dedicated slots per scope");
        }
        this.layout = AttributeLayout.of(schema, PATHS.attributes(PATHS.resource), source);
        this.resourceDedicated = List.copyOf(resourceDedicated);
        this.spanDedicated = List.copyOf(spanDedicated);
    }

    @Override
    protected List<String> stringColumns(AttributeOwner owner, String name) {
        return StaticColumns.stringColumns(PATHS, owner, name, resourceDedicated, spanDedicated);
    }

    @Override
    protected List<String> intColumns(AttributeOwner owner, String name) {
        return HttpColumns.intColumns(PATHS, owner, name);
    }

    @Override
    protected Rows rows(Map<String, SlotReader> leaves, AttributeKeys keys) {
        return new Vp4Rows(leaves, keys);
    }

    private final class Vp4Rows extends Rows {
        private final SlotReader resourceDropped, scopeVersion, scopeDropped;
        private final EventColumns events;
        private final LinkColumns links;
        private final HttpColumns http;
        private final StaticColumns resourceWellKnown, resourceSlots, spanSlots;
        private final AttributeGroup resourceAttrs, scopeAttrs, spanAttrs, eventAttrs, linkAttrs;

        Vp4Rows(Map<String, SlotReader> leaves, AttributeKeys keys) {
            super(leaves, keys);
            resourceDropped = leaves.get(PATHS.resource + "DroppedAttributesCount");
            resourceWellKnown = StaticColumns.wellKnownResource(leaves, PATHS.resource);
            resourceSlots = StaticColumns.dedicated(leaves, PATHS.resource, resourceDedicated);
            scopeVersion = leaves.get(PATHS.scope + "Version");
            scopeDropped = leaves.get(PATHS.scope + "DroppedAttributesCount");
            http = HttpColumns.of(leaves, PATHS.span);
            spanSlots = StaticColumns.dedicated(leaves, PATHS.span, spanDedicated);
            events = EventColumns.of(leaves, PATHS.event, PATHS.eventsList());
            links = LinkColumns.of(leaves, PATHS.link, PATHS.linksList());
            resourceAttrs = AttributeGroup.of(source, layout, false, PATHS.resource, leaves, keys.of(AttributeOwner.RESOURCE));
            // the pre-release layout's scope attributes and dropped count were never read back (errata 3)
            scopeAttrs = layout == AttributeLayout.RELEASED ? AttributeGroup.of(source, layout, false, PATHS.scope, leaves, keys.of(AttributeOwner.SCOPE)) : null;
            spanAttrs = AttributeGroup.of(source, layout, false, PATHS.span, leaves, keys.of(AttributeOwner.SPAN));
            eventAttrs = AttributeGroup.of(source, layout, true, PATHS.event, leaves, keys.of(AttributeOwner.EVENT));
            linkAttrs = AttributeGroup.of(source, layout, true, PATHS.link, leaves, keys.of(AttributeOwner.LINK));
        }

        @Override
        protected int resourceAttributes(int rs, AttributeSink attributes) {
            int restored = 0;
            if (resourceAttrs != null) {
                restored = resourceAttrs.append(rs, attributes);
                resourceSlots.append(rs, attributes);
            }
            String service = serviceName.string(rs);
            if (!service.isEmpty()) attributes.string("service.name", service);
            if (resourceAttrs != null) resourceWellKnown.append(rs, attributes);
            return restored;
        }

        @Override
        protected int spanAttributes(int s, AttributeSink attributes) {
            if (spanAttrs == null) return 0;
            int restored = spanAttrs.append(s, attributes);
            spanSlots.append(s, attributes);
            http.append(s, attributes);
            return restored;
        }

        @Override
        protected void putResource(int rs, SpansSink out) {
            int restored = resourceAttributes(rs, out.resource());
            out.resourceDone(resourceDropped == null ? 0 : resourceDropped.int32(rs) - restored);
        }

        @Override
        protected void putScope(int ss, SpansSink out) {
            AttributeSink attributes = out.scope(scopeName.string(ss), scopeVersion == null ? "" : scopeVersion.string(ss));
            if (layout == AttributeLayout.RELEASED) {
                if (scopeAttrs != null) scopeAttrs.append(ss, attributes);
                out.scopeDone(scopeDropped == null ? 0 : scopeDropped.int32(ss));
            } else {
                out.scopeDone(0);
            }
        }

        @Override
        protected void putSpan(int s, SpansSink out) {
            long startNanos = spanColumns.start(s);
            int restored = spanAttributes(s, out.span(spanColumns, s));
            out.spanAttributesDone(spanColumns.droppedAttributes(s) - restored);
            for (int e = events == null ? 0 : events.first(s), last = events == null ? 0 : events.end(s); e < last; e++) {
                AttributeSink attributes = out.event(events.time(e, startNanos), events.name(e));
                out.eventDone(events.dropped(e) - (eventAttrs == null ? 0 : eventAttrs.append(e, attributes)));
            }
            for (int l = links == null ? 0 : links.first(s), last = links == null ? 0 : links.end(s); l < last; l++) {
                AttributeSink attributes = out.link(links, l);
                out.linkDone(links.dropped(l) - (linkAttrs == null ? 0 : linkAttrs.append(l, attributes)));
            }
            out.spanDone();
        }
    }
}
