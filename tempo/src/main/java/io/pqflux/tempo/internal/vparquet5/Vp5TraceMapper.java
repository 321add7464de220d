package io.pqflux.tempo.internal.vparquet5;

import io.pqflux.format.meta.FieldRepetitionType;
import io.pqflux.nested.SlotReader;
import io.pqflux.schema.MessageSchema;
import io.pqflux.tempo.DedicatedColumn;
import io.pqflux.tempo.TempoException;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.internal.assembly.AbstractTraceMapper;
import io.pqflux.tempo.internal.assembly.AttributeOwner;
import io.pqflux.tempo.internal.assembly.AttributeGroup;
import io.pqflux.tempo.internal.assembly.AttributeKeys;
import io.pqflux.tempo.internal.assembly.AttributeLayout;
import io.pqflux.tempo.internal.assembly.AttributeSink;
import io.pqflux.tempo.internal.assembly.ColumnPaths;
import io.pqflux.tempo.internal.assembly.EventColumns;
import io.pqflux.tempo.internal.assembly.LinkColumns;
import io.pqflux.tempo.internal.assembly.ScalarKind;
import io.pqflux.tempo.internal.assembly.SpanColumns;
import io.pqflux.tempo.internal.assembly.SpansSink;
import io.pqflux.tempo.internal.assembly.TraceColumns;
import io.pqflux.tempo.internal.assembly.TracePaths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles vParquet5 rows (the {@code vParquet5-preview*} blocks and current vParquet5) into {@link Trace}s straight
 * from the batch's nested column views, as {@code Vp4TraceMapper} does for vParquet4. Differences from vParquet4
 * (docs/tempo-format.md §17 and §0 errata 4–5): no well-known resource or span columns besides {@code ServiceName};
 * dedicated columns hold repeated string or int values (several come back as an {@code arrayValue}, see
 * {@link Vp5DedicatedSlots}), also for events in current Tempo; a non-array attribute with no value is dropped; scope
 * attributes are always read. Column paths come from the file's schema ({@link TracePaths#of(MessageSchema, String)}), so both list shapes read the
 * same.
 * <p>
 * Attribute order as Tempo returns it: resource = generic, dedicated (meta order), {@code service.name}; span and
 * event = generic, dedicated; scope and link = generic.
 */
public final class Vp5TraceMapper extends AbstractTraceMapper {

    private static final AttributeLayout LAYOUT = AttributeLayout.RELEASED;
    private static final List<String> ATTRIBUTE_LEAVES = List.of("Key", "IsArray", "Value", "ValueInt", "ValueDouble",
            "ValueBool", "ValueUnsupported");

    private final Vp5DedicatedSlots dedicated;
    /** Dedicated column path to whether it is a repeated leaf (current and preview Tempo) or an optional one. */
    private final Map<String, Boolean> dedicatedRepeated = new HashMap<>();

    /**
     * @param maxTraceBytes largest OTLP size of a trace; a larger one fails with {@code TRACE_TOO_LARGE}
     * @throws TempoException {@link TempoException.Reason#UNKNOWN_LAYOUT} naming the first column the mapping needs
     *                        that the file lacks
     */
    public Vp5TraceMapper(String source, MessageSchema schema, TracePreset preset, Vp5DedicatedSlots dedicated,
                          long maxTraceBytes) {
        super(source, TracePaths.of(schema, source), preset, maxTraceBytes);
        this.dedicated = dedicated;
        List<String> required = new ArrayList<>(TraceColumns.LEAVES);
        required.addAll(List.of(paths.statsKey, paths.statsSpans,
                paths.statsErrors, paths.resource + "ServiceName", paths.resource + "DroppedAttributesCount",
                paths.scope + "Name", paths.scope + "Version", paths.scope + "DroppedAttributesCount"));
        for (String leaf : SpanColumns.LEAVES) required.add(paths.span + leaf);
        for (String leaf : EventColumns.LEAVES) required.add(paths.event + leaf);
        for (String leaf : LinkColumns.LEAVES) required.add(paths.link + leaf);
        for (String owner : List.of(paths.resource, paths.scope, paths.span, paths.event, paths.link)) {
            String attrs = paths.attributes(owner);
            for (String leaf : ATTRIBUTE_LEAVES) {
                boolean list = leaf.startsWith("Value") && !leaf.equals("ValueUnsupported");
                required.add(list ? paths.shape.element(attrs + leaf) : attrs + leaf);
            }
        }
        for (String path : required) requireColumn(schema, path, "vParquet5");
        for (DedicatedColumn.Scope scope : DedicatedColumn.Scope.values()) {
            for (Vp5DedicatedSlots.Slot slot : dedicated.of(scope)) {
                String path = TracePaths.dedicated(owner(scope), slot.column());
                FieldRepetitionType repetition = requireColumn(schema, path, "vParquet5");
                dedicatedRepeated.put(path, repetition == FieldRepetitionType.REPEATED);
            }
        }
    }

    private String owner(DedicatedColumn.Scope scope) {
        return switch (scope) {
            case RESOURCE -> paths.resource;
            case SPAN -> paths.span;
            case EVENT -> paths.event;
        };
    }

    @Override
    protected List<String> stringColumns(AttributeOwner owner, String name) {
        return dedicatedColumns(owner, name, DedicatedColumn.Type.STRING);
    }

    @Override
    protected List<String> intColumns(AttributeOwner owner, String name) {
        return dedicatedColumns(owner, name, DedicatedColumn.Type.INT);
    }

    /** vParquet5 has no well-known columns: the dedicated column of that name and type, if any. */
    private List<String> dedicatedColumns(AttributeOwner owner, String name, DedicatedColumn.Type type) {
        DedicatedColumn.Scope scope = switch (owner) {
            case RESOURCE -> DedicatedColumn.Scope.RESOURCE;
            case SPAN -> DedicatedColumn.Scope.SPAN;
            case EVENT -> DedicatedColumn.Scope.EVENT;
            case SCOPE, LINK -> null;
        };
        if (scope == null) return List.of();
        List<String> out = new ArrayList<>();
        for (Vp5DedicatedSlots.Slot slot : dedicated.of(scope)) {
            if (slot.name().equals(name) && slot.type() == type) out.add(TracePaths.dedicated(owner(scope), slot.column()));
        }
        return out;
    }

    @Override
    protected Rows rows(Map<String, SlotReader> leaves, AttributeKeys keys) {
        return new Vp5Rows(leaves, keys);
    }

    /** One dedicated attribute's leaf in a batch. */
    private record DedicatedLeaf(Vp5DedicatedSlots.Slot slot, SlotReader leaf, int level) {

        /** Puts the attribute of the owner at {@code owner} into {@code out}, when the owner has a value. */
        void put(int owner, AttributeSink out) {
            int first, end;
            if (level > 0) {
                first = leaf.first(level, owner);
                end = leaf.end(level, owner);
            } else {
                first = owner;
                end = leaf.isNull(owner) ? owner : owner + 1;
            }
            if (first == end) return;
            if (end - first == 1 && !slot.singleAsArray()) {
                if (slot.type() == DedicatedColumn.Type.STRING) out.string(slot.name(), leaf.string(first));
                else out.int64(slot.name(), leaf.int64(first));
                return;
            }
            out.array(slot.name(), slot.type() == DedicatedColumn.Type.STRING ? ScalarKind.STRING : ScalarKind.INT, leaf,
                    first, end);
        }
    }

    /** The leaves of one batch, resolved by path. */
    private final class Vp5Rows extends Rows {
        private final Map<String, SlotReader> leaves;
        private final SlotReader resourceDropped, scopeVersion, scopeDropped;
        private final EventColumns events;
        private final LinkColumns links;
        private final List<DedicatedLeaf> resourceDedicated, spanDedicated, eventDedicated;
        private final AttributeGroup resourceAttrs, scopeAttrs, spanAttrs, eventAttrs, linkAttrs;

        Vp5Rows(Map<String, SlotReader> leaves, AttributeKeys keys) {
            super(leaves, keys);
            this.leaves = leaves;
            resourceDropped = leaves.get(paths.resource + "DroppedAttributesCount");
            scopeVersion = leaves.get(paths.scope + "Version");
            scopeDropped = leaves.get(paths.scope + "DroppedAttributesCount");
            events = EventColumns.of(leaves, paths.event, paths.eventsList());
            links = LinkColumns.of(leaves, paths.link, paths.linksList());
            resourceDedicated = dedicatedLeaves(DedicatedColumn.Scope.RESOURCE);
            spanDedicated = dedicatedLeaves(DedicatedColumn.Scope.SPAN);
            eventDedicated = dedicatedLeaves(DedicatedColumn.Scope.EVENT);
            resourceAttrs = attributes(paths.resource, AttributeOwner.RESOURCE);
            scopeAttrs = attributes(paths.scope, AttributeOwner.SCOPE);
            spanAttrs = attributes(paths.span, AttributeOwner.SPAN);
            eventAttrs = attributes(paths.event, AttributeOwner.EVENT);
            linkAttrs = attributes(paths.link, AttributeOwner.LINK);
        }

        private AttributeGroup attributes(String path, AttributeOwner owner) {
            return AttributeGroup.of(source, LAYOUT, paths.shape, false, false, path, leaves, keys.of(owner));
        }

        /** The scope's dedicated leaves in meta order; empty when they are not projected. */
        private List<DedicatedLeaf> dedicatedLeaves(DedicatedColumn.Scope scope) {
            List<DedicatedLeaf> out = new ArrayList<>();
            for (Vp5DedicatedSlots.Slot slot : dedicated.of(scope)) {
                String path = TracePaths.dedicated(owner(scope), slot.column());
                SlotReader leaf = leaves.get(path);
                if (leaf != null) out.add(new DedicatedLeaf(slot, leaf, dedicatedRepeated.get(path) ? ColumnPaths.level(path) : 0));
            }
            return out;
        }

        @Override
        protected int resourceAttributes(int rs, AttributeSink attributes) {
            if (resourceAttrs != null) resourceAttrs.append(rs, attributes);
            putDedicated(resourceDedicated, rs, attributes);
            String service = serviceName.string(rs);
            if (!service.isEmpty()) attributes.string("service.name", service);
            return 0;
        }

        @Override
        protected int spanAttributes(int s, AttributeSink attributes) {
            if (spanAttrs != null) spanAttrs.append(s, attributes);
            putDedicated(spanDedicated, s, attributes);
            return 0;
        }

        @Override
        protected void putResource(int rs, SpansSink out) {
            resourceAttributes(rs, out.resource());
            out.resourceDone(resourceDropped == null ? 0 : resourceDropped.int32(rs));
        }

        @Override
        protected void putScope(int ss, SpansSink out) {
            AttributeSink attributes = out.scope(scopeName.string(ss), scopeVersion == null ? "" : scopeVersion.string(ss));
            if (scopeAttrs != null) scopeAttrs.append(ss, attributes);
            out.scopeDone(scopeDropped == null ? 0 : scopeDropped.int32(ss));
        }

        @Override
        protected void putSpan(int s, SpansSink out) {
            long startNanos = spanColumns.start(s);
            spanAttributes(s, out.span(spanColumns, s));
            out.spanAttributesDone(spanColumns.droppedAttributes(s));
            for (int e = events == null ? 0 : events.first(s), last = events == null ? 0 : events.end(s); e < last; e++) {
                AttributeSink attributes = out.event(events.time(e, startNanos), events.name(e));
                if (eventAttrs != null) eventAttrs.append(e, attributes);
                putDedicated(eventDedicated, e, attributes);
                out.eventDone(events.dropped(e));
            }
            for (int l = links == null ? 0 : links.first(s), last = links == null ? 0 : links.end(s); l < last; l++) {
                AttributeSink attributes = out.link(links, l);
                if (linkAttrs != null) linkAttrs.append(l, attributes);
                out.linkDone(links.dropped(l));
            }
            out.spanDone();
        }

        private void putDedicated(List<DedicatedLeaf> columns, int owner, AttributeSink out) {
            for (DedicatedLeaf column : columns) column.put(owner, out);
        }
    }
}
