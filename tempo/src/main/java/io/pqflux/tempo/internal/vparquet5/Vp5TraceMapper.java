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
import io.pqflux.tempo.internal.assembly.EventColumns;
import io.pqflux.tempo.internal.assembly.Leaf;
import io.pqflux.tempo.internal.assembly.LinkColumns;
import io.pqflux.tempo.internal.assembly.TraceMapper;
import io.pqflux.tempo.internal.assembly.SpanColumns;
import io.pqflux.tempo.internal.assembly.TraceColumns;
import io.pqflux.tempo.internal.assembly.TraceRows;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Assembles vParquet5 rows (the {@code vParquet5-preview*} blocks and current vParquet5) into {@link Trace}s straight
 * from the batch's nested column views, as {@code Vp4TraceMapper} does for vParquet4. Differences from vParquet4
 * (docs/tempo-format.md §17 and §0 errata 4–5): no well-known resource or span columns besides {@code ServiceName};
 * dedicated columns hold repeated string or int values (several come back as an {@code arrayValue}, see
 * {@link Vp5DedicatedSlots}), also for events in current Tempo; a non-array attribute with no value is dropped; scope
 * attributes are always read. Column paths come from the file's schema ({@link Vp5Paths}), so both list shapes read the
 * same.
 * <p>
 * Attribute order as Tempo returns it: resource = generic, dedicated (meta order), {@code service.name}; span and
 * event = generic, dedicated; scope and link = generic.
 */
public final class Vp5TraceMapper implements TraceMapper {

    private static final AttributeLayout LAYOUT = AttributeLayout.RELEASED;
    private static final List<String> ATTRIBUTE_LEAVES = List.of("Key", "IsArray", "Value", "ValueInt", "ValueDouble",
            "ValueBool", "ValueUnsupported");

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
        List<String> required = new ArrayList<>(TraceColumns.LEAVES);
        required.addAll(List.of(paths.statsKey, paths.statsSpans,
                paths.statsErrors, paths.resource + "ServiceName", paths.resource + "DroppedAttributesCount",
                paths.scope + "Name", paths.scope + "Version", paths.scope + "DroppedAttributesCount"));
        for (String leaf : SpanColumns.LEAVES) required.add(paths.span + leaf);
        for (String leaf : EventColumns.LEAVES) required.add(paths.event + leaf);
        for (String leaf : LinkColumns.LEAVES) required.add(paths.link + leaf);
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
        List<String> summary = new ArrayList<>(TraceColumns.LEAVES);
        summary.add(Vp5Paths.SERVICE_STATS);
        return switch (preset) {
            case SUMMARY -> summary;
            case FULL -> null;
            case SPANS -> {
                List<String> columns = new ArrayList<>(summary);
                columns.addAll(List.of(paths.resource + "ServiceName", paths.resource + "DroppedAttributesCount",
                        paths.scope + "Name", paths.scope + "Version", paths.scope + "DroppedAttributesCount"));
                for (String leaf : SpanColumns.LEAVES) columns.add(paths.span + leaf);
                for (String leaf : EventColumns.LEAVES) columns.add(paths.event + leaf);
                for (String leaf : LinkColumns.LEAVES) columns.add(paths.link + leaf);
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
        private final TraceColumns trace;
        private final Leaf serviceName, resourceDropped, scopeName, scopeVersion, scopeDropped;
        private final SpanColumns spanColumns;
        private final EventColumns events;
        private final LinkColumns links;
        private final List<DedicatedLeaf> resourceDedicated, spanDedicated, eventDedicated;
        private final AttributeGroup resourceAttrs, scopeAttrs, spanAttrs, eventAttrs, linkAttrs;
        private final int rsLevel = ColumnPaths.level(paths.shape.repeated(paths.rs)),
                ssLevel = ColumnPaths.level(paths.shape.repeated(paths.ss)),
                spansLevel = ColumnPaths.level(paths.shape.repeated(paths.spans));

        Rows(NestedBatch batch) {
            leaves = TraceRows.leaves(batch);
            trace = TraceColumns.of(leaves, source, paths.statsList, paths.statsKey, paths.statsSpans, paths.statsErrors);
            serviceName = leaves.get(paths.resource + "ServiceName");
            resourceDropped = leaves.get(paths.resource + "DroppedAttributesCount");
            scopeName = leaves.get(paths.scope + "Name");
            scopeVersion = leaves.get(paths.scope + "Version");
            scopeDropped = leaves.get(paths.scope + "DroppedAttributesCount");
            spanColumns = SpanColumns.of(leaves, paths.span);
            events = EventColumns.of(leaves, paths.event, paths.shape.repeated(paths.events));
            links = LinkColumns.of(leaves, paths.link, paths.shape.repeated(paths.links));
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
            ByteString idBytes = trace.traceIdBytes(row);
            byte[] id = idBytes.toByteArray();
            List<ResourceSpans> resourceSpans = serviceName == null ? List.of() : TraceRows.resourceSpans(serviceName,
                    rsLevel, row, rs -> resourceSpans(rs, idBytes), maxTraceBytes, source, id);
            return trace.trace(row, id, resourceSpans);
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
            for (int e = events.first(s), last = events.end(s); e < last; e++) {
                Span.Event.Builder event = events.builder(e, startNanos);
                List<KeyValue> eventAttributes = new ArrayList<>();
                if (eventAttrs != null) eventAttrs.append(e, eventAttributes);
                appendDedicated(eventDedicated, e, eventAttributes);
                span.addEvents(event.addAllAttributes(eventAttributes));
            }
            for (int l = links.first(s), last = links.end(s); l < last; l++) {
                Span.Link.Builder link = links.builder(l);
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
