package io.pqflux.tempo.golden;

import static io.pqflux.tempo.golden.GoldenGroups.addDedicatedStrings;
import static io.pqflux.tempo.golden.GoldenGroups.addWellKnownResource;
import static io.pqflux.tempo.golden.GoldenGroups.addWellKnownSpan;
import static io.pqflux.tempo.golden.GoldenGroups.array;
import static io.pqflux.tempo.golden.GoldenGroups.arrayFlagValue;
import static io.pqflux.tempo.golden.GoldenGroups.attribute;
import static io.pqflux.tempo.golden.GoldenGroups.boolValues;
import static io.pqflux.tempo.golden.GoldenGroups.doubleValues;
import static io.pqflux.tempo.golden.GoldenGroups.elements;
import static io.pqflux.tempo.golden.GoldenGroups.intValues;
import static io.pqflux.tempo.golden.GoldenGroups.optionalString;
import static io.pqflux.tempo.golden.GoldenGroups.parseJson;
import static io.pqflux.tempo.golden.GoldenGroups.stringValues;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * The independent oracle of the Tempo path: reads a vParquet4 {@code data.parquet} with parquet-java as example
 * {@link Group} records and maps each row to OTLP with plain, separate code written from
 * {@code docs/tempo-format.md} (§7, §8, §9 and §0 errata 1–3) and Tempo's Go code for the facts that page leaves
 * open. It shares nothing with pqflux's production assembler, so the two can be compared value for value.
 *
 * <p>Both attribute layouts are mapped, told apart by the second leaf of the {@code Attribute} group:
 * {@code IsArray} (released, §8.1) or {@code ValueType} (pre-release, §9, as Tempo commit 1f46601a read it).
 * For the pre-release layout a type-0 resource or span attribute comes back only when {@code ValueDropped} is
 * non-empty, and then lowers its owner's dropped-attributes count by one (the block-iterator reading of errata 1;
 * Tempo's FindTraceByID path at that commit drops it instead); type-0 event and link attributes are always dropped;
 * scope attributes and the scope dropped count are not read (errata 3).
 */
public final class ParquetJavaGolden {

    private static final String ARRAY_FLAG = "IsArray";
    private static final String VALUE_TYPE = "ValueType";

    private enum Layout { RELEASED, PRE_RELEASE }

    /** Whose attributes are mapped: the pre-release layout treats type 0 and scope attributes per owner. */
    private enum Owner { RESOURCE, SCOPE, SPAN, EVENT, LINK }

    /** Mapped generic attributes plus how many type-0 values were restored from {@code ValueDropped}. */
    private record Attributes(List<KeyValue> keyValues, int restoredDropped) { }

    private final Layout layout;
    private final List<String> resourceSlots;
    private final List<String> spanSlots;

    private ParquetJavaGolden(Layout layout, List<String> resourceSlots, List<String> spanSlots) {
        this.layout = layout;
        this.resourceSlots = resourceSlots;
        this.spanSlots = spanSlots;
    }

    /**
     * Every row of {@code dataParquet}, in file order.
     *
     * @param resourceDedicatedSlots attribute names of the resource slots {@code String01}, {@code String02}, … (index 0
     *                               is {@code String01}), as the block's {@code meta.dedicatedColumns} assigns them
     * @param spanDedicatedSlots     the same for the span slots
     */
    public static List<GoldenTrace> read(Path dataParquet, List<String> resourceDedicatedSlots,
                                         List<String> spanDedicatedSlots) {
        List<GoldenTrace> traces = new ArrayList<>();
        forEach(dataParquet, resourceDedicatedSlots, spanDedicatedSlots, traces::add);
        return traces;
    }

    /** {@link #read}, streaming: each row handed to {@code sink} as it is mapped (benchmark blocks of any size). */
    public static void forEach(Path dataParquet, List<String> resourceDedicatedSlots, List<String> spanDedicatedSlots,
                               Consumer<GoldenTrace> sink) {
        List<String> resourceSlots = GoldenGroups.stringSlots("vParquet4", resourceDedicatedSlots);
        List<String> spanSlots = GoldenGroups.stringSlots("vParquet4", spanDedicatedSlots);
        GoldenGroups.forEachRow(dataParquet, schema -> {
            ParquetJavaGolden golden = new ParquetJavaGolden(layoutOf(schema, dataParquet), resourceSlots, spanSlots);
            return row -> GoldenGroups.trace(row, golden::resourceSpans);
        }, sink);
    }

    /** The layout every {@code Attrs} element group of the file shares; anything else is refused. */
    private static Layout layoutOf(MessageType schema, Path file) {
        Set<String> secondLeaves = new TreeSet<>();
        collectAttributeLayouts(schema, secondLeaves);
        if (secondLeaves.equals(Set.of(ARRAY_FLAG))) return Layout.RELEASED;
        if (secondLeaves.equals(Set.of(VALUE_TYPE))) return Layout.PRE_RELEASE;
        throw new IllegalArgumentException(file + ": the Attribute groups' second leaves are " + secondLeaves
                + ", expected all " + ARRAY_FLAG + " (released vParquet4) or all " + VALUE_TYPE + " (pre-release)");
    }

    private static void collectAttributeLayouts(GroupType group, Set<String> secondLeaves) {
        for (Type field : group.getFields()) {
            if (field.isPrimitive()) continue;
            GroupType child = field.asGroupType();
            if (child.getName().equals("Attrs")) {
                GroupType element = child.getType("list").asGroupType().getType("element").asGroupType();
                secondLeaves.add(element.getFieldCount() > 1 ? element.getFieldName(1) : "<none>");
            }
            collectAttributeLayouts(child, secondLeaves);
        }
    }

    private ResourceSpans resourceSpans(Group rs, byte[] traceId) {
        Group resource = rs.getGroup("Resource", 0);
        Attributes generic = attributes(resource, Owner.RESOURCE);
        Resource.Builder out = Resource.newBuilder()
                .addAllAttributes(generic.keyValues())
                .setDroppedAttributesCount(resource.getInteger("DroppedAttributesCount", 0) - generic.restoredDropped());
        addDedicatedStrings(out::addAttributes, resource.getGroup("DedicatedAttributes", 0), resourceSlots);
        addWellKnownResource(out::addAttributes, resource);
        ResourceSpans.Builder resourceSpans = ResourceSpans.newBuilder().setResource(out);
        for (Group ss : elements(rs, "ss")) resourceSpans.addScopeSpans(scopeSpans(ss, traceId));
        return resourceSpans.build();
    }

    private ScopeSpans scopeSpans(Group ss, byte[] traceId) {
        Group scope = ss.getGroup("Scope", 0);
        InstrumentationScope.Builder outScope = InstrumentationScope.newBuilder()
                .setName(scope.getString("Name", 0))
                .setVersion(scope.getString("Version", 0));
        if (layout == Layout.RELEASED) {
            outScope.addAllAttributes(attributes(scope, Owner.SCOPE).keyValues())
                    .setDroppedAttributesCount(scope.getInteger("DroppedAttributesCount", 0));
        }
        ScopeSpans.Builder out = ScopeSpans.newBuilder().setScope(outScope);
        for (Group span : elements(ss, "Spans")) out.addSpans(span(span, traceId));
        return out.build();
    }

    private Span span(Group span, byte[] traceId) {
        Attributes generic = attributes(span, Owner.SPAN);
        Span.Builder out = GoldenGroups.span(span, traceId)
                .addAllAttributes(generic.keyValues())
                .setDroppedAttributesCount(span.getInteger("DroppedAttributesCount", 0) - generic.restoredDropped());
        GoldenGroups.addEventsAndLinks(out, span, event -> attributes(event, Owner.EVENT).keyValues(),
                link -> attributes(link, Owner.LINK).keyValues());
        addDedicatedStrings(out::addAttributes, span.getGroup("DedicatedAttributes", 0), spanSlots);
        addWellKnownSpan(out::addAttributes, span);
        return out.build();
    }

    private Attributes attributes(Group owner, Owner kind) {
        List<KeyValue> out = new ArrayList<>();
        int restored = 0;
        for (Group attribute : elements(owner, "Attrs")) {
            String key = attribute.getString("Key", 0);
            if (layout == Layout.RELEASED) {
                out.add(attribute(key, arrayFlagValue(attribute, key).orElse(AnyValue.getDefaultInstance())));
                continue;
            }
            AnyValue value = preReleaseValue(attribute, key, kind);
            if (value == null) continue;
            if (attribute.getInteger(VALUE_TYPE, 0) == 0) restored++;
            out.add(attribute(key, value));
        }
        return new Attributes(out, restored);
    }

    /**
     * §9 with errata 1 and 2: types 1–4 take the first element or the type's zero value, 5–8 are arrays, 0 is
     * restored from {@code ValueDropped} only for resource and span attributes; {@code null} means dropped.
     */
    private static AnyValue preReleaseValue(Group attribute, String key, Owner owner) {
        AnyValue.Builder value = AnyValue.newBuilder();
        return switch (attribute.getInteger(VALUE_TYPE, 0)) {
            case 0 -> {
                String dropped = optionalString(attribute, "ValueDropped");
                boolean restorable = owner == Owner.RESOURCE || owner == Owner.SPAN;
                yield dropped == null || dropped.isEmpty() || !restorable ? null : parseJson(dropped, key);
            }
            case 1 -> firstOr(stringValues(attribute), value.setStringValue(""));
            case 2 -> firstOr(intValues(attribute), value.setIntValue(0));
            case 3 -> firstOr(doubleValues(attribute), value.setDoubleValue(0));
            case 4 -> firstOr(boolValues(attribute), value.setBoolValue(false));
            case 5 -> array(stringValues(attribute));
            case 6 -> array(intValues(attribute));
            case 7 -> array(doubleValues(attribute));
            case 8 -> array(boolValues(attribute));
            default -> null;
        };
    }

    private static AnyValue firstOr(List<AnyValue> values, AnyValue.Builder zero) {
        return values.isEmpty() ? zero.build() : values.getFirst();
    }
}
