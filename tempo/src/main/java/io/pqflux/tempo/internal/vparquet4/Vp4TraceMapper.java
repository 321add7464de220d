package io.pqflux.tempo.internal.vparquet4;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
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
import io.pqflux.tempo.internal.assembly.Leaf;
import io.pqflux.tempo.internal.assembly.TraceMapper;
import io.pqflux.tempo.internal.assembly.SpanColumns;
import io.pqflux.tempo.internal.assembly.TraceRows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Assembles vParquet4 rows into {@link Trace}s straight from the batch's nested column views (spec §7–§9): every list
 * is walked through its offsets, every value read by slot into the OTLP builders, with no row objects in between. One
 * mapper per file: it knows the file's attribute layout and the block's dedicated-column names.
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
        if (resourceDedicated.size() > Vp4Paths.DEDICATED_SLOTS || spanDedicated.size() > Vp4Paths.DEDICATED_SLOTS) {
            throw new IllegalArgumentException("vParquet4 has " + Vp4Paths.DEDICATED_SLOTS + " dedicated slots per scope");
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
        List<String> summary = List.of(Vp4Paths.TRACE_ID, Vp4Paths.START, Vp4Paths.END, Vp4Paths.DURATION,
                Vp4Paths.ROOT_SERVICE, Vp4Paths.ROOT_SPAN, Vp4Paths.SERVICE_STATS);
        return switch (preset) {
            case SUMMARY -> summary;
            case FULL -> null;
            case SPANS -> {
                List<String> columns = new ArrayList<>(summary);
                columns.addAll(List.of(Vp4Paths.RESOURCE + "ServiceName", Vp4Paths.RESOURCE + "DroppedAttributesCount",
                        Vp4Paths.SCOPE + "Name", Vp4Paths.SCOPE + "Version", Vp4Paths.SCOPE + "DroppedAttributesCount"));
                for (String leaf : List.of("SpanID", "ParentSpanID", "Name", "Kind", "TraceState", "StartTimeUnixNano",
                        "DurationNano", "StatusCode", "StatusMessage", "DroppedAttributesCount", "DroppedEventsCount",
                        "DroppedLinksCount")) {
                    columns.add(Vp4Paths.SPAN + leaf);
                }
                for (String leaf : List.of("TimeSinceStartNano", "Name", "DroppedAttributesCount")) columns.add(Vp4Paths.EVENT + leaf);
                for (String leaf : List.of("TraceID", "SpanID", "TraceState", "DroppedAttributesCount")) columns.add(Vp4Paths.LINK + leaf);
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
        return TraceRows.resourceSpansOf(batch, rows.traceId, rows.serviceName, rows.rsLevel, rows::resourceSpans);
    }

    /** The leaves of one batch, resolved by path. */
    private final class Rows {
        private final Map<String, Leaf> leaves;
        private final Leaf traceId, start, end, duration, rootService, rootSpan, statsKey, statsSpans, statsErrors;
        private final Leaf serviceName, resourceDropped, scopeName, scopeVersion, scopeDropped;
        private final SpanColumns spanColumns;
        private final Leaf httpMethod, httpUrl, httpStatusCode;
        private final Leaf eventTime, eventName, eventDropped, linkTraceId, linkSpanId, linkTraceState, linkDropped;
        private final Leaf[] resourceWellKnown = new Leaf[Vp4Paths.RESOURCE_WELL_KNOWN.length];
        private final Leaf[] resourceSlots, spanSlots;
        private final AttributeGroup resourceAttrs, scopeAttrs, spanAttrs, eventAttrs, linkAttrs;
        private final int rsLevel = ColumnPaths.level(Vp4Paths.RS_LIST), ssLevel = ColumnPaths.level(Vp4Paths.SS_LIST),
                spansLevel = ColumnPaths.level(Vp4Paths.SPANS_LIST), eventsLevel = ColumnPaths.level(Vp4Paths.EVENTS_LIST),
                linksLevel = ColumnPaths.level(Vp4Paths.LINKS_LIST), statsLevel = ColumnPaths.level("ServiceStats.key_value");

        Rows(NestedBatch batch) {
            leaves = TraceRows.leaves(batch);
            traceId = leaf(Vp4Paths.TRACE_ID);
            start = leaf(Vp4Paths.START);
            end = leaf(Vp4Paths.END);
            duration = leaf(Vp4Paths.DURATION);
            rootService = leaf(Vp4Paths.ROOT_SERVICE);
            rootSpan = leaf(Vp4Paths.ROOT_SPAN);
            statsKey = leaf(Vp4Paths.STATS_KEY);
            statsSpans = leaf(Vp4Paths.STATS_SPANS);
            statsErrors = leaf(Vp4Paths.STATS_ERRORS);
            serviceName = leaves.get(Vp4Paths.RESOURCE + "ServiceName");
            resourceDropped = leaves.get(Vp4Paths.RESOURCE + "DroppedAttributesCount");
            for (int i = 0; i < resourceWellKnown.length; i++) {
                resourceWellKnown[i] = leaves.get(Vp4Paths.RESOURCE + Vp4Paths.RESOURCE_WELL_KNOWN[i][0]);
            }
            resourceSlots = slots(Vp4Paths.RESOURCE, resourceDedicated);
            scopeName = leaves.get(Vp4Paths.SCOPE + "Name");
            scopeVersion = leaves.get(Vp4Paths.SCOPE + "Version");
            scopeDropped = leaves.get(Vp4Paths.SCOPE + "DroppedAttributesCount");
            spanColumns = SpanColumns.of(leaves, Vp4Paths.SPAN);
            httpMethod = leaves.get(Vp4Paths.SPAN + "HttpMethod");
            httpUrl = leaves.get(Vp4Paths.SPAN + "HttpUrl");
            httpStatusCode = leaves.get(Vp4Paths.SPAN + "HttpStatusCode");
            spanSlots = slots(Vp4Paths.SPAN, spanDedicated);
            eventTime = leaves.get(Vp4Paths.EVENT + "TimeSinceStartNano");
            eventName = leaves.get(Vp4Paths.EVENT + "Name");
            eventDropped = leaves.get(Vp4Paths.EVENT + "DroppedAttributesCount");
            linkTraceId = leaves.get(Vp4Paths.LINK + "TraceID");
            linkSpanId = leaves.get(Vp4Paths.LINK + "SpanID");
            linkTraceState = leaves.get(Vp4Paths.LINK + "TraceState");
            linkDropped = leaves.get(Vp4Paths.LINK + "DroppedAttributesCount");
            resourceAttrs = AttributeGroup.of(source, layout, false, Vp4Paths.RESOURCE, leaves);
            // the pre-release layout's scope attributes and dropped count were never read back (errata 3)
            scopeAttrs = layout == AttributeLayout.RELEASED ? AttributeGroup.of(source, layout, false, Vp4Paths.SCOPE, leaves) : null;
            spanAttrs = AttributeGroup.of(source, layout, false, Vp4Paths.SPAN, leaves);
            eventAttrs = AttributeGroup.of(source, layout, true, Vp4Paths.EVENT, leaves);
            linkAttrs = AttributeGroup.of(source, layout, true, Vp4Paths.LINK, leaves);
        }

        private Leaf leaf(String path) {
            Leaf leaf = leaves.get(path);
            if (leaf == null) throw new IllegalStateException(source + ": column " + path + " not read");
            return leaf;
        }

        /** The dedicated slot leaves in slot order; null entries for slots not read. */
        private Leaf[] slots(String owner, List<String> names) {
            Leaf[] slots = new Leaf[names.size()];
            for (int i = 0; i < slots.length; i++) slots[i] = leaves.get(owner + Vp4Paths.dedicatedSlot(i));
            return slots;
        }

        Trace trace(int row) {
            Map<String, Trace.ServiceStats> stats = new LinkedHashMap<>();
            for (int e = statsKey.first(statsLevel, row), last = statsKey.end(statsLevel, row); e < last; e++) {
                stats.put(statsKey.string(e), new Trace.ServiceStats(Integer.toUnsignedLong(statsSpans.int32(e)),
                        Integer.toUnsignedLong(statsErrors.int32(e))));
            }
            ByteString idBytes = traceId.bytes(row);
            byte[] id = idBytes.toByteArray();
            List<ResourceSpans> resourceSpans = serviceName == null ? List.of() : TraceRows.resourceSpans(serviceName,
                    rsLevel, row, rs -> resourceSpans(rs, idBytes), maxTraceBytes, source, id);
            return new Trace(id, start.int64(row), end.int64(row), duration.int64(row), rootService.string(row),
                    rootSpan.string(row), stats, resourceSpans);
        }

        private ResourceSpans resourceSpans(int rs, ByteString traceIdBytes) {
            List<KeyValue> attributes = new ArrayList<>();
            int restored = 0;
            if (resourceAttrs != null) {
                restored = resourceAttrs.append(rs, attributes);
                dedicated(resourceSlots, resourceDedicated, rs, attributes);
            }
            String service = serviceName.string(rs);
            if (!service.isEmpty()) attributes.add(string("service.name", service));
            if (resourceAttrs != null) {
                for (int i = 0; i < resourceWellKnown.length; i++) {
                    Leaf leaf = resourceWellKnown[i];
                    if (leaf != null && !leaf.isNull(rs)) attributes.add(string(Vp4Paths.RESOURCE_WELL_KNOWN[i][1], leaf.string(rs)));
                }
            }
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
            int restored = 0;
            if (spanAttrs != null) {
                List<KeyValue> attributes = new ArrayList<>();
                restored = spanAttrs.append(s, attributes);
                dedicated(spanSlots, spanDedicated, s, attributes);
                if (httpMethod != null && !httpMethod.isNull(s)) attributes.add(string("http.method", httpMethod.string(s)));
                if (httpUrl != null && !httpUrl.isNull(s)) attributes.add(string("http.url", httpUrl.string(s)));
                if (httpStatusCode != null && !httpStatusCode.isNull(s)) {
                    attributes.add(KeyValue.newBuilder().setKey("http.status_code")
                            .setValue(AnyValue.newBuilder().setIntValue(httpStatusCode.int64(s))).build());
                }
                span.addAllAttributes(attributes);
            }
            span.setDroppedAttributesCount(spanColumns.droppedAttributes(s) - restored);
            for (int e = eventTime.first(eventsLevel, s), last = eventTime.end(eventsLevel, s); e < last; e++) {
                Span.Event.Builder event = Span.Event.newBuilder()
                        .setTimeUnixNano(startNanos + eventTime.int64(e))
                        .setName(eventName.string(e));
                int restoredOnEvent = 0;
                if (eventAttrs != null) {
                    List<KeyValue> attributes = new ArrayList<>();
                    restoredOnEvent = eventAttrs.append(e, attributes);
                    event.addAllAttributes(attributes);
                }
                span.addEvents(event.setDroppedAttributesCount(eventDropped.int32(e) - restoredOnEvent));
            }
            for (int l = linkSpanId.first(linksLevel, s), last = linkSpanId.end(linksLevel, s); l < last; l++) {
                Span.Link.Builder link = Span.Link.newBuilder()
                        .setTraceId(linkTraceId.bytes(l))
                        .setSpanId(linkSpanId.bytes(l))
                        .setTraceState(linkTraceState.string(l));
                int restoredOnLink = 0;
                if (linkAttrs != null) {
                    List<KeyValue> attributes = new ArrayList<>();
                    restoredOnLink = linkAttrs.append(l, attributes);
                    link.addAllAttributes(attributes);
                }
                span.addLinks(link.setDroppedAttributesCount(linkDropped.int32(l) - restoredOnLink));
            }
            return span.build();
        }

        /** Non-null dedicated slots, in slot order, as string attributes. */
        private void dedicated(Leaf[] slots, List<String> names, int slot, List<KeyValue> out) {
            for (int i = 0; i < slots.length; i++) {
                if (slots[i] != null && !slots[i].isNull(slot)) out.add(string(names.get(i), slots[i].string(slot)));
            }
        }
    }

    private static KeyValue string(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }
}
