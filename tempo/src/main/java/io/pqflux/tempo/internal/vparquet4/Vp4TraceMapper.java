package io.pqflux.tempo.internal.vparquet4;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.nested.NestedBatch;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.schema.MessageSchema;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.internal.assembly.AttributeGroup;
import io.pqflux.tempo.internal.assembly.AttributeLayout;
import io.pqflux.tempo.internal.assembly.ColumnPaths;
import io.pqflux.tempo.internal.assembly.EventColumns;
import io.pqflux.tempo.internal.assembly.HttpColumns;
import io.pqflux.tempo.internal.assembly.Leaf;
import io.pqflux.tempo.internal.assembly.LinkColumns;
import io.pqflux.tempo.internal.assembly.TraceMapper;
import io.pqflux.tempo.internal.assembly.SpanColumns;
import io.pqflux.tempo.internal.assembly.StaticColumns;
import io.pqflux.tempo.internal.assembly.TraceColumns;
import io.pqflux.tempo.internal.assembly.TraceRows;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Assembles vParquet4 rows into {@link Trace}s straight from the batch's nested column views
 * (docs/tempo-format.md §7–§9): every list is walked through its offsets, every value read by slot into the OTLP
 * builders, with no row objects in between. One mapper per file: it knows the file's attribute layout and the block's
 * dedicated-column names.
 */
public final class Vp4TraceMapper implements TraceMapper {

    private final String source;
    private final AttributeLayout layout;
    private final TracePreset preset;
    private final List<String> resourceDedicated;
    private final List<String> spanDedicated;
    private final long maxTraceBytes;

    /**
     * @param resourceDedicated attribute names of the resource's dedicated slots, slot order ({@code String01} first)
     * @param spanDedicated     the same for spans
     * @param maxTraceBytes     largest OTLP size of a trace; a larger one fails with {@code TRACE_TOO_LARGE}
     */
    public Vp4TraceMapper(String source, MessageSchema schema, TracePreset preset, List<String> resourceDedicated,
                          List<String> spanDedicated, long maxTraceBytes) {
        if (resourceDedicated.size() > StaticColumns.DEDICATED_SLOTS || spanDedicated.size() > StaticColumns.DEDICATED_SLOTS) {
            throw new IllegalArgumentException("vParquet4 has " + StaticColumns.DEDICATED_SLOTS + " dedicated slots per scope");
        }
        this.source = source;
        this.layout = AttributeLayout.of(schema, Vp4Paths.RESOURCE_ATTRS, source);
        this.preset = preset;
        this.resourceDedicated = List.copyOf(resourceDedicated);
        this.spanDedicated = List.copyOf(spanDedicated);
        this.maxTraceBytes = maxTraceBytes;
    }

    @Override
    public List<String> columns() {
        List<String> summary = new ArrayList<>(TraceColumns.LEAVES);
        summary.add(Vp4Paths.SERVICE_STATS);
        return switch (preset) {
            case SUMMARY -> summary;
            case FULL -> null;
            case SPANS -> {
                List<String> columns = new ArrayList<>(summary);
                columns.addAll(List.of(Vp4Paths.RESOURCE + "ServiceName", Vp4Paths.RESOURCE + "DroppedAttributesCount",
                        Vp4Paths.SCOPE + "Name", Vp4Paths.SCOPE + "Version", Vp4Paths.SCOPE + "DroppedAttributesCount"));
                for (String leaf : SpanColumns.LEAVES) columns.add(Vp4Paths.SPAN + leaf);
                for (String leaf : EventColumns.LEAVES) columns.add(Vp4Paths.EVENT + leaf);
                for (String leaf : LinkColumns.LEAVES) columns.add(Vp4Paths.LINK + leaf);
                yield columns;
            }
        };
    }

    @Override
    public List<Trace> map(RowGroupBatch batch) {
        return TraceRows.map(batch, new Rows(batch.nested())::trace);
    }

    @Override
    public Iterator<TraceRows.RowResourceSpans> resourceSpans(RowGroupBatch batch) {
        Rows rows = new Rows(batch.nested());
        if (rows.serviceName == null) throw new IllegalStateException(source + ": the " + preset + " preset reads no spans");
        return TraceRows.resourceSpansOf(batch, rows.trace.traceId(), rows.serviceName, rows.rsLevel, rows::resourceSpans);
    }

    /** The leaves of one batch, resolved by path. */
    private final class Rows {
        private final TraceColumns trace;
        private final Leaf serviceName, resourceDropped, scopeName, scopeVersion, scopeDropped;
        private final SpanColumns spanColumns;
        private final EventColumns events;
        private final LinkColumns links;
        private final HttpColumns http;
        private final StaticColumns resourceWellKnown, resourceSlots, spanSlots;
        private final AttributeGroup resourceAttrs, scopeAttrs, spanAttrs, eventAttrs, linkAttrs;
        private final int rsLevel = ColumnPaths.level(Vp4Paths.RS_LIST), ssLevel = ColumnPaths.level(Vp4Paths.SS_LIST),
                spansLevel = ColumnPaths.level(Vp4Paths.SPANS_LIST);

        Rows(NestedBatch batch) {
            Map<String, Leaf> leaves = TraceRows.leaves(batch);
            trace = TraceColumns.of(leaves, source, Vp4Paths.STATS_LIST, Vp4Paths.STATS_KEY, Vp4Paths.STATS_SPANS,
                    Vp4Paths.STATS_ERRORS);
            serviceName = leaves.get(Vp4Paths.RESOURCE + "ServiceName");
            resourceDropped = leaves.get(Vp4Paths.RESOURCE + "DroppedAttributesCount");
            resourceWellKnown = StaticColumns.wellKnownResource(leaves, Vp4Paths.RESOURCE);
            resourceSlots = StaticColumns.dedicated(leaves, Vp4Paths.RESOURCE, resourceDedicated);
            scopeName = leaves.get(Vp4Paths.SCOPE + "Name");
            scopeVersion = leaves.get(Vp4Paths.SCOPE + "Version");
            scopeDropped = leaves.get(Vp4Paths.SCOPE + "DroppedAttributesCount");
            spanColumns = SpanColumns.of(leaves, Vp4Paths.SPAN);
            http = HttpColumns.of(leaves, Vp4Paths.SPAN);
            spanSlots = StaticColumns.dedicated(leaves, Vp4Paths.SPAN, spanDedicated);
            events = EventColumns.of(leaves, Vp4Paths.EVENT, Vp4Paths.EVENTS_LIST);
            links = LinkColumns.of(leaves, Vp4Paths.LINK, Vp4Paths.LINKS_LIST);
            resourceAttrs = AttributeGroup.of(source, layout, false, Vp4Paths.RESOURCE, leaves);
            // the pre-release layout's scope attributes and dropped count were never read back (errata 3)
            scopeAttrs = layout == AttributeLayout.RELEASED ? AttributeGroup.of(source, layout, false, Vp4Paths.SCOPE, leaves) : null;
            spanAttrs = AttributeGroup.of(source, layout, false, Vp4Paths.SPAN, leaves);
            eventAttrs = AttributeGroup.of(source, layout, true, Vp4Paths.EVENT, leaves);
            linkAttrs = AttributeGroup.of(source, layout, true, Vp4Paths.LINK, leaves);
        }

        Trace trace(int row) {
            ByteString idBytes = trace.traceIdBytes(row);
            byte[] id = idBytes.toByteArray();
            List<ResourceSpans> resourceSpans = serviceName == null ? List.of() : TraceRows.resourceSpans(serviceName,
                    rsLevel, row, rs -> resourceSpans(rs, idBytes), maxTraceBytes, source, id);
            return trace.trace(row, id, resourceSpans);
        }

        private ResourceSpans resourceSpans(int rs, ByteString traceIdBytes) {
            List<KeyValue> attributes = new ArrayList<>();
            int restored = 0;
            if (resourceAttrs != null) {
                restored = resourceAttrs.append(rs, attributes);
                resourceSlots.append(rs, attributes);
            }
            String service = serviceName.string(rs);
            if (!service.isEmpty()) attributes.add(StaticColumns.string("service.name", service));
            if (resourceAttrs != null) resourceWellKnown.append(rs, attributes);
            Resource.Builder resource = Resource.newBuilder().addAllAttributes(attributes);
            if (resourceDropped != null) resource.setDroppedAttributesCount(resourceDropped.int32(rs) - restored);
            ResourceSpans.Builder out = ResourceSpans.newBuilder().setResource(resource);
            for (int ss = scopeName.first(ssLevel, rs), last = scopeName.end(ssLevel, rs); ss < last; ss++) {
                out.addScopeSpans(scopeSpans(ss, traceIdBytes));
            }
            return out.build();
        }

        private ScopeSpans scopeSpans(int ss, ByteString traceIdBytes) {
            InstrumentationScope.Builder scope = InstrumentationScope.newBuilder()
                    .setName(scopeName.string(ss)).setVersion(scopeVersion.string(ss));
            if (layout == AttributeLayout.RELEASED) {
                List<KeyValue> attributes = new ArrayList<>();
                if (scopeAttrs != null) scopeAttrs.append(ss, attributes);
                scope.addAllAttributes(attributes);
                if (scopeDropped != null) scope.setDroppedAttributesCount(scopeDropped.int32(ss));
            }
            ScopeSpans.Builder out = ScopeSpans.newBuilder().setScope(scope);
            Leaf spans = spanColumns.spans();
            for (int s = spans.first(spansLevel, ss), last = spans.end(spansLevel, ss); s < last; s++) {
                out.addSpans(span(s, traceIdBytes));
            }
            return out.build();
        }

        private Span span(int s, ByteString traceIdBytes) {
            long startNanos = spanColumns.start(s);
            Span.Builder span = spanColumns.builder(s, traceIdBytes);
            if (spanAttrs != null) {
                List<KeyValue> attributes = new ArrayList<>();
                int restored = spanAttrs.append(s, attributes);
                spanSlots.append(s, attributes);
                http.append(s, attributes);
                span.addAllAttributes(attributes).setDroppedAttributesCount(spanColumns.droppedAttributes(s) - restored);
            }
            for (int e = events.first(s), last = events.end(s); e < last; e++) {
                Span.Event.Builder event = events.builder(e, startNanos);
                if (eventAttrs != null) {
                    List<KeyValue> attributes = new ArrayList<>();
                    int restored = eventAttrs.append(e, attributes);
                    event.addAllAttributes(attributes).setDroppedAttributesCount(events.dropped(e) - restored);
                }
                span.addEvents(event);
            }
            for (int l = links.first(s), last = links.end(s); l < last; l++) {
                Span.Link.Builder link = links.builder(l);
                if (linkAttrs != null) {
                    List<KeyValue> attributes = new ArrayList<>();
                    int restored = linkAttrs.append(l, attributes);
                    link.addAllAttributes(attributes).setDroppedAttributesCount(links.dropped(l) - restored);
                }
                span.addLinks(link);
            }
            return span.build();
        }
    }
}
