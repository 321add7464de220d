package io.pqflux.tempo.internal.vparquet5;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.format.meta.FieldRepetitionType;
import io.pqflux.nested.NestedBatch;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.schema.MessageSchema;
import io.pqflux.tempo.DedicatedColumn;
import io.pqflux.tempo.TempoException;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Assembles vParquet5 rows (the {@code vParquet5-preview*} blocks and current vParquet5) into {@link Trace}s straight
 * from the batch's nested column views, as {@code Vp4TraceMapper} does for vParquet4. Differences from vParquet4
 * (spec §17, errata 4–5): no well-known resource or span columns besides {@code ServiceName}; dedicated columns hold
 * repeated string or int values (several come back as an {@code arrayValue}, see {@link Vp5DedicatedSlots}), also for
 * events in current Tempo; a non-array attribute with no value is dropped; scope attributes are always read. Column
 * paths come from the file's schema ({@link Vp5Paths}), so both list shapes read the same.
 * <p>
 * Attribute order as Tempo returns it: resource = generic, dedicated (meta order), {@code service.name}; span and
 * event = generic, dedicated; scope and link = generic.
 */
public final class Vp5TraceMapper implements TraceMapper {

    private static final AttributeLayout LAYOUT = AttributeLayout.RELEASED;
    private static final List<String> ATTRIBUTE_LEAVES = List.of("Key", "IsArray", "Value", "ValueInt", "ValueDouble",
            "ValueBool", "ValueUnsupported");
    private static final List<String> SPAN_LEAVES = List.of("SpanID", "ParentSpanID", "Name", "Kind", "TraceState",
            "StartTimeUnixNano", "DurationNano", "StatusCode", "StatusMessage", "DroppedAttributesCount",
            "DroppedEventsCount", "DroppedLinksCount");
    private static final List<String> EVENT_LEAVES = List.of("TimeSinceStartNano", "Name", "DroppedAttributesCount");
    private static final List<String> LINK_LEAVES = List.of("TraceID", "SpanID", "TraceState", "DroppedAttributesCount");

    private final String source;
    private final Vp5Paths paths;
    private final TracePreset preset;
    private final Vp5DedicatedSlots dedicated;
    /** Dedicated column path to whether it is a repeated leaf (current and preview Tempo) or an optional one. */
    private final Map<String, Boolean> dedicatedRepeated = new HashMap<>();
    private final long maxTraceBytes;

    /**
     * @param maxTraceBytes largest OTLP size of a trace; a larger one fails with {@code TRACE_TOO_LARGE}
     * @throws TempoException {@link TempoException.Reason#UNKNOWN_LAYOUT} naming the first column the mapping needs
     *                        that the file lacks
     */
    public Vp5TraceMapper(String source, MessageSchema schema, TracePreset preset, Vp5DedicatedSlots dedicated,
                          long maxTraceBytes) {
        this.source = source;
        this.paths = Vp5Paths.of(schema, source);
        this.preset = preset;
        this.dedicated = dedicated;
        this.maxTraceBytes = maxTraceBytes;
        List<String> required = new ArrayList<>(List.of(Vp5Paths.TRACE_ID, Vp5Paths.START, Vp5Paths.END,
                Vp5Paths.DURATION, Vp5Paths.ROOT_SERVICE, Vp5Paths.ROOT_SPAN, paths.statsKey, paths.statsSpans,
                paths.statsErrors, paths.resource + "ServiceName", paths.resource + "DroppedAttributesCount",
                paths.scope + "Name", paths.scope + "Version", paths.scope + "DroppedAttributesCount"));
        for (String leaf : SPAN_LEAVES) required.add(paths.span + leaf);
        for (String leaf : EVENT_LEAVES) required.add(paths.event + leaf);
        for (String leaf : LINK_LEAVES) required.add(paths.link + leaf);
        for (String owner : List.of(paths.resource, paths.scope, paths.span, paths.event, paths.link)) {
            String attrs = paths.shape.element(owner + "Attrs") + ".";
            for (String leaf : ATTRIBUTE_LEAVES) {
                boolean list = leaf.startsWith("Value") && !leaf.equals("ValueUnsupported");
                required.add(list ? paths.shape.element(attrs + leaf) : attrs + leaf);
            }
        }
        for (String path : required) requireColumn(schema, path);
        for (DedicatedColumn.Scope scope : DedicatedColumn.Scope.values()) {
            for (Vp5DedicatedSlots.Slot slot : dedicated.of(scope)) {
                String path = Vp5Paths.dedicated(owner(scope), slot.column());
                FieldRepetitionType repetition = requireColumn(schema, path);
                dedicatedRepeated.put(path, repetition == FieldRepetitionType.REPEATED);
            }
        }
    }

    private FieldRepetitionType requireColumn(MessageSchema schema, String path) {
        return schema.column(path).orElseThrow(() -> new TempoException(TempoException.Reason.UNKNOWN_LAYOUT, source,
                "not a vParquet5 file of a known layout: column " + path + " is missing")).repetition();
    }

    private String owner(DedicatedColumn.Scope scope) {
        return switch (scope) {
            case RESOURCE -> paths.resource;
            case SPAN -> paths.span;
            case EVENT -> paths.event;
        };
    }

    @Override
    public List<String> columns() {
        List<String> summary = List.of(Vp5Paths.TRACE_ID, Vp5Paths.START, Vp5Paths.END, Vp5Paths.DURATION,
                Vp5Paths.ROOT_SERVICE, Vp5Paths.ROOT_SPAN, Vp5Paths.SERVICE_STATS);
        return switch (preset) {
            case SUMMARY -> summary;
            case FULL -> null;
            case SPANS -> {
                List<String> columns = new ArrayList<>(summary);
                columns.addAll(List.of(paths.resource + "ServiceName", paths.resource + "DroppedAttributesCount",
                        paths.scope + "Name", paths.scope + "Version", paths.scope + "DroppedAttributesCount"));
                for (String leaf : SPAN_LEAVES) columns.add(paths.span + leaf);
                for (String leaf : EVENT_LEAVES) columns.add(paths.event + leaf);
                for (String leaf : LINK_LEAVES) columns.add(paths.link + leaf);
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

    /** One dedicated attribute's leaf in a batch. */
    private record DedicatedLeaf(Vp5DedicatedSlots.Slot slot, Leaf leaf, int level) {

        /** The value at the owner's slot, or null when the owner has none. */
        AnyValue value(int owner) {
            int first, end;
            if (level > 0) {
                first = leaf.first(level, owner);
                end = leaf.end(level, owner);
            } else {
                first = owner;
                end = leaf.isNull(owner) ? owner : owner + 1;
            }
            if (first == end) return null;
            if (end - first == 1 && !slot.singleAsArray()) return scalar(first);
            ArrayValue.Builder array = ArrayValue.newBuilder();
            for (int v = first; v < end; v++) array.addValues(scalar(v));
            return AnyValue.newBuilder().setArrayValue(array).build();
        }

        private AnyValue scalar(int v) {
            return slot.type() == DedicatedColumn.Type.STRING
                    ? AnyValue.newBuilder().setStringValue(leaf.string(v)).build()
                    : AnyValue.newBuilder().setIntValue(leaf.int64(v)).build();
        }
    }

    /** The leaves of one batch, resolved by path. */
    private final class Rows {
        private final Map<String, Leaf> leaves;
        private final Leaf traceId, start, end, duration, rootService, rootSpan, statsKey, statsSpans, statsErrors;
        private final Leaf serviceName, resourceDropped, scopeName, scopeVersion, scopeDropped;
        private final SpanColumns spanColumns;
        private final Leaf eventTime, eventName, eventDropped, linkTraceId, linkSpanId, linkTraceState, linkDropped;
        private final List<DedicatedLeaf> resourceDedicated, spanDedicated, eventDedicated;
        private final AttributeGroup resourceAttrs, scopeAttrs, spanAttrs, eventAttrs, linkAttrs;
        private final int rsLevel = ColumnPaths.level(paths.shape.repeated(paths.rs)),
                ssLevel = ColumnPaths.level(paths.shape.repeated(paths.ss)),
                spansLevel = ColumnPaths.level(paths.shape.repeated(paths.spans)),
                eventsLevel = ColumnPaths.level(paths.shape.repeated(paths.events)),
                linksLevel = ColumnPaths.level(paths.shape.repeated(paths.links)),
                statsLevel = ColumnPaths.level(paths.statsList);

        Rows(NestedBatch batch) {
            leaves = TraceRows.leaves(batch);
            traceId = leaf(Vp5Paths.TRACE_ID);
            start = leaf(Vp5Paths.START);
            end = leaf(Vp5Paths.END);
            duration = leaf(Vp5Paths.DURATION);
            rootService = leaf(Vp5Paths.ROOT_SERVICE);
            rootSpan = leaf(Vp5Paths.ROOT_SPAN);
            statsKey = leaf(paths.statsKey);
            statsSpans = leaf(paths.statsSpans);
            statsErrors = leaf(paths.statsErrors);
            serviceName = leaves.get(paths.resource + "ServiceName");
            resourceDropped = leaves.get(paths.resource + "DroppedAttributesCount");
            scopeName = leaves.get(paths.scope + "Name");
            scopeVersion = leaves.get(paths.scope + "Version");
            scopeDropped = leaves.get(paths.scope + "DroppedAttributesCount");
            spanColumns = SpanColumns.of(leaves, paths.span);
            eventTime = leaves.get(paths.event + "TimeSinceStartNano");
            eventName = leaves.get(paths.event + "Name");
            eventDropped = leaves.get(paths.event + "DroppedAttributesCount");
            linkTraceId = leaves.get(paths.link + "TraceID");
            linkSpanId = leaves.get(paths.link + "SpanID");
            linkTraceState = leaves.get(paths.link + "TraceState");
            linkDropped = leaves.get(paths.link + "DroppedAttributesCount");
            resourceDedicated = dedicatedLeaves(DedicatedColumn.Scope.RESOURCE);
            spanDedicated = dedicatedLeaves(DedicatedColumn.Scope.SPAN);
            eventDedicated = dedicatedLeaves(DedicatedColumn.Scope.EVENT);
            resourceAttrs = attributes(paths.resource);
            scopeAttrs = attributes(paths.scope);
            spanAttrs = attributes(paths.span);
            eventAttrs = attributes(paths.event);
            linkAttrs = attributes(paths.link);
        }

        private AttributeGroup attributes(String owner) {
            return AttributeGroup.of(source, LAYOUT, paths.shape, false, false, owner, leaves);
        }

        private Leaf leaf(String path) {
            Leaf leaf = leaves.get(path);
            if (leaf == null) throw new IllegalStateException(source + ": column " + path + " not read");
            return leaf;
        }

        /** The scope's dedicated leaves in meta order; empty when they are not projected. */
        private List<DedicatedLeaf> dedicatedLeaves(DedicatedColumn.Scope scope) {
            List<DedicatedLeaf> out = new ArrayList<>();
            for (Vp5DedicatedSlots.Slot slot : dedicated.of(scope)) {
                String path = Vp5Paths.dedicated(owner(scope), slot.column());
                Leaf leaf = leaves.get(path);
                if (leaf != null) out.add(new DedicatedLeaf(slot, leaf, dedicatedRepeated.get(path) ? ColumnPaths.level(path) : 0));
            }
            return out;
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
            if (resourceAttrs != null) resourceAttrs.append(rs, attributes);
            appendDedicated(resourceDedicated, rs, attributes);
            String service = serviceName.string(rs);
            if (!service.isEmpty()) {
                attributes.add(KeyValue.newBuilder().setKey("service.name")
                        .setValue(AnyValue.newBuilder().setStringValue(service)).build());
            }
            Resource resource = Resource.newBuilder().addAllAttributes(attributes)
                    .setDroppedAttributesCount(resourceDropped.int32(rs)).build();
            ResourceSpans.Builder out = ResourceSpans.newBuilder().setResource(resource);
            for (int ss = scopeName.first(ssLevel, rs), last = scopeName.end(ssLevel, rs); ss < last; ss++) {
                out.addScopeSpans(scopeSpans(ss, traceIdBytes));
            }
            return out.build();
        }

        private ScopeSpans scopeSpans(int ss, ByteString traceIdBytes) {
            InstrumentationScope.Builder scope = InstrumentationScope.newBuilder()
                    .setName(scopeName.string(ss)).setVersion(scopeVersion.string(ss))
                    .setDroppedAttributesCount(scopeDropped.int32(ss));
            if (scopeAttrs != null) {
                List<KeyValue> attributes = new ArrayList<>();
                scopeAttrs.append(ss, attributes);
                scope.addAllAttributes(attributes);
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
            List<KeyValue> attributes = new ArrayList<>();
            if (spanAttrs != null) spanAttrs.append(s, attributes);
            appendDedicated(spanDedicated, s, attributes);
            span.addAllAttributes(attributes);
            for (int e = eventTime.first(eventsLevel, s), last = eventTime.end(eventsLevel, s); e < last; e++) {
                Span.Event.Builder event = Span.Event.newBuilder()
                        .setTimeUnixNano(startNanos + eventTime.int64(e))
                        .setName(eventName.string(e))
                        .setDroppedAttributesCount(eventDropped.int32(e));
                List<KeyValue> eventAttributes = new ArrayList<>();
                if (eventAttrs != null) eventAttrs.append(e, eventAttributes);
                appendDedicated(eventDedicated, e, eventAttributes);
                span.addEvents(event.addAllAttributes(eventAttributes));
            }
            for (int l = linkSpanId.first(linksLevel, s), last = linkSpanId.end(linksLevel, s); l < last; l++) {
                Span.Link.Builder link = Span.Link.newBuilder()
                        .setTraceId(linkTraceId.bytes(l))
                        .setSpanId(linkSpanId.bytes(l))
                        .setTraceState(linkTraceState.string(l))
                        .setDroppedAttributesCount(linkDropped.int32(l));
                if (linkAttrs != null) {
                    List<KeyValue> linkAttributes = new ArrayList<>();
                    linkAttrs.append(l, linkAttributes);
                    link.addAllAttributes(linkAttributes);
                }
                span.addLinks(link);
            }
            return span.build();
        }

        private void appendDedicated(List<DedicatedLeaf> columns, int owner, List<KeyValue> out) {
            for (DedicatedLeaf column : columns) {
                AnyValue value = column.value(owner);
                if (value != null) out.add(KeyValue.newBuilder().setKey(column.slot().name()).setValue(value).build());
            }
        }
    }
}
