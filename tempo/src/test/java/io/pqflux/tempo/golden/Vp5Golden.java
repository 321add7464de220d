package io.pqflux.tempo.golden;

import io.pqflux.tempo.DedicatedColumn;

import static io.pqflux.tempo.golden.GoldenGroups.arrayFlagValue;
import static io.pqflux.tempo.golden.GoldenGroups.attribute;
import static io.pqflux.tempo.golden.GoldenGroups.elements;
import static io.pqflux.tempo.golden.GoldenGroups.stringAttribute;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * The parquet-java oracle of {@code vParquet5-preview5} blocks: each row of a {@code data.parquet} mapped to OTLP as
 * Tempo's {@code vparquet5/schema.go} and {@code dedicated_columns.go} at commit {@code 7b00d6cf47} (the commit that
 * wrote the bundled fixture, docs/tempo-format.md §0 errata 8) read it, sharing no code with pqflux's production
 * mappers.
 *
 * <ul>
 *   <li>Attributes of every owner: §8.1's {@code IsArray} layout, except that a non-array attribute with no value at
 *       all is dropped (errata 4).</li>
 *   <li>Resource: generic attributes, then the dedicated columns in meta order, then {@code service.name} unless
 *       empty; there are no other well-known columns. Span: generic attributes, then the dedicated columns.</li>
 *   <li>Scope: name, version, attributes and dropped count. Events: {@code TimeSinceStartNano} + span start. Links:
 *       trace and span ID, trace state, attributes, dropped count (no flags).</li>
 *   <li>Dedicated columns (errata 5): per scope 10 string slots {@code String01…} and 5 int slots {@code Int01…},
 *       assigned per type in meta order; every slot is a repeated leaf. No values: the attribute is absent; one value
 *       of a non-{@code array} column: a scalar; otherwise an {@code arrayValue} of all values.</li>
 * </ul>
 */
public final class Vp5Golden {

    /** The value type of a dedicated column: {@code meta.dedicatedColumns[].t}. */
    public enum DedicatedType { STRING, INT }

    /**
     * One dedicated column of a scope as {@code meta.dedicatedColumns} describes it.
     *
     * @param name  the attribute name ({@code n})
     * @param type  the value type ({@code t}; Tempo's default is string)
     * @param array whether the options ({@code o}) contain {@code array}; preview5 ignores every other option
     */
    public record DedicatedColumn(String name, DedicatedType type, boolean array) {
        public DedicatedColumn {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    /** Slots per scope and type in preview5 (errata 5). */
    private static final Map<DedicatedType, Integer> SLOTS = new EnumMap<>(Map.of(DedicatedType.STRING, 10,
            DedicatedType.INT, 5));

    /** A dedicated column with the leaf it is stored in. */
    private record Slot(DedicatedColumn column, String leaf) { }

    private final List<Slot> resourceSlots;
    private final List<Slot> spanSlots;

    private Vp5Golden(List<Slot> resourceSlots, List<Slot> spanSlots) {
        this.resourceSlots = resourceSlots;
        this.spanSlots = spanSlots;
    }

    /**
     * Every row of {@code dataParquet}, in file order.
     *
     * @param resourceColumns the block's resource-scope dedicated columns in {@code meta.dedicatedColumns} order
     * @param spanColumns     the same for the span scope (preview5 has no event-scope slots)
     */
    public static List<GoldenTrace> read(Path dataParquet, List<DedicatedColumn> resourceColumns,
                                         List<DedicatedColumn> spanColumns) {
        Vp5Golden golden = new Vp5Golden(slots(resourceColumns), slots(spanColumns));
        return GoldenGroups.readRows(dataParquet, schema -> {
            requirePreview5(schema, dataParquet);
            return row -> GoldenGroups.trace(row, golden::resourceSpans);
        });
    }

    /** {@code String01}… and {@code Int01}… numbered per type in the given order; too many of a type are refused. */
    private static List<Slot> slots(List<DedicatedColumn> columns) {
        GoldenGroups.requireDistinctNames(columns.stream().map(DedicatedColumn::name).toList());
        Map<DedicatedType, Integer> used = new EnumMap<>(DedicatedType.class);
        List<Slot> slots = new ArrayList<>();
        for (DedicatedColumn column : columns) {
            int index = used.merge(column.type(), 1, Integer::sum);
            if (index > SLOTS.get(column.type()))
                throw new IllegalArgumentException("vParquet5-preview5 has " + SLOTS.get(column.type()) + " "
                        + column.type() + " dedicated slots per scope: " + columns);
            String prefix = column.type() == DedicatedType.STRING ? "String" : "Int";
            slots.add(new Slot(column, prefix + "%02d".formatted(index)));
        }
        return List.copyOf(slots);
    }

    /** The preview5 shape: repeated dedicated leaves, int slots, and no well-known span columns. */
    private static void requirePreview5(MessageType schema, Path file) {
        String[] intSlot = {"rs", "list", "element", "Resource", "DedicatedAttributes", "Int05"};
        String[] httpMethod = {"rs", "list", "element", "ss", "list", "element", "Spans", "list", "element", "HttpMethod"};
        boolean repeatedSlots = schema.containsPath(intSlot)
                && schema.getType(intSlot).isRepetition(Type.Repetition.REPEATED);
        if (!repeatedSlots || schema.containsPath(httpMethod))
            throw new IllegalArgumentException(file + ": not a vParquet5-preview5 file (repeated Int05 slot: "
                    + repeatedSlots + ", span HttpMethod column: " + schema.containsPath(httpMethod) + ")");
    }

    private ResourceSpans resourceSpans(Group rs, byte[] traceId) {
        Group resource = rs.getGroup("Resource", 0);
        Resource.Builder out = Resource.newBuilder()
                .addAllAttributes(attributes(resource))
                .setDroppedAttributesCount(resource.getInteger("DroppedAttributesCount", 0));
        addDedicated(out::addAttributes, resource.getGroup("DedicatedAttributes", 0), resourceSlots);
        String serviceName = resource.getString("ServiceName", 0);
        if (!serviceName.isEmpty()) out.addAttributes(stringAttribute("service.name", serviceName));
        ResourceSpans.Builder resourceSpans = ResourceSpans.newBuilder().setResource(out);
        for (Group ss : elements(rs, "ss")) {
            Group scope = ss.getGroup("Scope", 0);
            ScopeSpans.Builder scopeSpans = ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder()
                    .setName(scope.getString("Name", 0))
                    .setVersion(scope.getString("Version", 0))
                    .addAllAttributes(attributes(scope))
                    .setDroppedAttributesCount(scope.getInteger("DroppedAttributesCount", 0)));
            for (Group span : elements(ss, "Spans")) scopeSpans.addSpans(span(span, traceId));
            resourceSpans.addScopeSpans(scopeSpans);
        }
        return resourceSpans.build();
    }

    private Span span(Group span, byte[] traceId) {
        Span.Builder out = GoldenGroups.span(span, traceId).addAllAttributes(attributes(span));
        GoldenGroups.addEventsAndLinks(out, span, Vp5Golden::attributes, Vp5Golden::attributes);
        addDedicated(out::addAttributes, span.getGroup("DedicatedAttributes", 0), spanSlots);
        return out.build();
    }

    /** Errata 4: a non-array attribute without any value is dropped. */
    private static List<KeyValue> attributes(Group owner) {
        List<KeyValue> out = new ArrayList<>();
        for (Group attribute : elements(owner, "Attrs")) {
            String key = attribute.getString("Key", 0);
            arrayFlagValue(attribute, key).ifPresent(value -> out.add(attribute(key, value)));
        }
        return out;
    }

    private static void addDedicated(Consumer<KeyValue> sink, Group dedicated, List<Slot> slots) {
        for (Slot slot : slots) {
            int count = dedicated.getFieldRepetitionCount(slot.leaf());
            if (count == 0) continue;
            List<AnyValue> values = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                AnyValue.Builder value = AnyValue.newBuilder();
                values.add(switch (slot.column().type()) {
                    case STRING -> value.setStringValue(dedicated.getString(slot.leaf(), i)).build();
                    case INT -> value.setIntValue(dedicated.getLong(slot.leaf(), i)).build();
                });
            }
            boolean scalar = !slot.column().array() && count == 1;
            sink.accept(attribute(slot.column().name(), scalar ? values.getFirst() : GoldenGroups.array(values)));
        }
    }
}
