package io.pqflux.tempo.golden;

import static io.pqflux.tempo.golden.GoldenGroups.addDedicatedStrings;
import static io.pqflux.tempo.golden.GoldenGroups.addWellKnownResource;
import static io.pqflux.tempo.golden.GoldenGroups.addWellKnownSpan;
import static io.pqflux.tempo.golden.GoldenGroups.attribute;
import static io.pqflux.tempo.golden.GoldenGroups.elements;
import static io.pqflux.tempo.golden.GoldenGroups.optionalString;
import static io.pqflux.tempo.golden.GoldenGroups.parseJson;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.MessageType;

/**
 * The parquet-java oracle of vParquet3 blocks: each row of a {@code data.parquet} mapped to OTLP as Tempo's
 * {@code vparquet3/schema.go} (main at {@code ad33aa8f}; the layout is unchanged since the format's introduction)
 * reads it, written from docs/tempo-format.md §17 and §0 errata 6–7, sharing no code with pqflux's production mappers.
 *
 * <ul>
 *   <li>Attributes (resource and span): optional scalar columns; the first set of {@code Value}, {@code ValueInt},
 *       {@code ValueDouble}, {@code ValueBool}, then the protobuf-JSON {@code ValueArray} and {@code ValueKVList}
 *       (an empty string counts as unset); with nothing set the attribute comes back with an empty value.</li>
 *   <li>Resource: no dropped-attributes count (always 0); the static columns and the ten dedicated string slots of
 *       vParquet4, in the same order (§8.2).</li>
 *   <li>Scope: name and version only.</li>
 *   <li>Events: absolute {@code TimeUnixNano}; attribute values are protobuf {@code AnyValue} bytes, or, in blocks
 *       written before that change, its protobuf-JSON (tried when the bytes are not a valid protobuf).</li>
 *   <li>Links: one protobuf blob per span, a {@code tempopb.LinkSlice} (field 1: repeated {@code Span.Link}); the
 *       links come back whole, {@code flags} included.</li>
 * </ul>
 * Where Tempo ignores a decoding error (bad JSON, bad link blob), the oracle refuses the file.
 */
public final class Vp3Golden {

    /** {@code tempopb.LinkSlice.links}. */
    private static final int LINK_SLICE_LINKS = 1;

    private final List<String> resourceSlots;
    private final List<String> spanSlots;

    private Vp3Golden(List<String> resourceSlots, List<String> spanSlots) {
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
        Vp3Golden golden = new Vp3Golden(GoldenGroups.stringSlots("vParquet3", resourceDedicatedSlots),
                GoldenGroups.stringSlots("vParquet3", spanDedicatedSlots));
        return GoldenGroups.readRows(dataParquet, schema -> {
            requireScalarAttributes(schema, dataParquet);
            return row -> GoldenGroups.trace(row, golden::resourceSpans);
        });
    }

    /** A vParquet4/5 file has list-valued attributes; mapping it as vParquet3 would read nothing and pass. */
    private static void requireScalarAttributes(MessageType schema, Path file) {
        String[] path = {"rs", "list", "element", "Resource", "Attrs", "list", "element", "ValueKVList"};
        if (!schema.containsPath(path))
            throw new IllegalArgumentException(file + ": no " + String.join(".", path) + ", not a vParquet3 file");
    }

    private ResourceSpans resourceSpans(Group rs, byte[] traceId) {
        Group resource = rs.getGroup("Resource", 0);
        Resource.Builder out = Resource.newBuilder().addAllAttributes(attributes(resource));
        addDedicatedStrings(out::addAttributes, resource.getGroup("DedicatedAttributes", 0), resourceSlots);
        addWellKnownResource(out::addAttributes, resource);
        ResourceSpans.Builder resourceSpans = ResourceSpans.newBuilder().setResource(out);
        for (Group ss : elements(rs, "ss")) {
            Group scope = ss.getGroup("Scope", 0);
            ScopeSpans.Builder scopeSpans = ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder()
                    .setName(scope.getString("Name", 0))
                    .setVersion(scope.getString("Version", 0)));
            for (Group span : elements(ss, "Spans")) scopeSpans.addSpans(span(span, traceId));
            resourceSpans.addScopeSpans(scopeSpans);
        }
        return resourceSpans.build();
    }

    private Span span(Group span, byte[] traceId) {
        Span.Builder out = GoldenGroups.span(span, traceId).addAllAttributes(attributes(span));
        for (Group event : elements(span, "Events")) {
            Span.Event.Builder outEvent = Span.Event.newBuilder()
                    .setTimeUnixNano(event.getLong("TimeUnixNano", 0))
                    .setName(event.getString("Name", 0))
                    .setDroppedAttributesCount(event.getInteger("DroppedAttributesCount", 0));
            for (Group attribute : elements(event, "Attrs")) {
                String key = attribute.getString("Key", 0);
                outEvent.addAttributes(attribute(key, eventValue(attribute.getBinary("Value", 0).getBytes(), key)));
            }
            out.addEvents(outEvent);
        }
        out.addAllLinks(links(span.getBinary("Links", 0).getBytes()));
        addDedicatedStrings(out::addAttributes, span.getGroup("DedicatedAttributes", 0), spanSlots);
        addWellKnownSpan(out::addAttributes, span);
        return out.build();
    }

    private static List<KeyValue> attributes(Group owner) {
        List<KeyValue> out = new ArrayList<>();
        for (Group attribute : elements(owner, "Attrs")) {
            String key = attribute.getString("Key", 0);
            out.add(attribute(key, value(attribute, key)));
        }
        return out;
    }

    /** Errata 7's precedence: Value, ValueInt, ValueDouble, ValueBool, ValueArray, ValueKVList; else empty. */
    private static AnyValue value(Group attribute, String key) {
        AnyValue.Builder value = AnyValue.newBuilder();
        if (attribute.getFieldRepetitionCount("Value") > 0) return value.setStringValue(attribute.getString("Value", 0)).build();
        if (attribute.getFieldRepetitionCount("ValueInt") > 0) return value.setIntValue(attribute.getLong("ValueInt", 0)).build();
        if (attribute.getFieldRepetitionCount("ValueDouble") > 0)
            return value.setDoubleValue(attribute.getDouble("ValueDouble", 0)).build();
        if (attribute.getFieldRepetitionCount("ValueBool") > 0) return value.setBoolValue(attribute.getBoolean("ValueBool", 0)).build();
        for (String json : new String[] {optionalString(attribute, "ValueArray"), optionalString(attribute, "ValueKVList")}) {
            if (json != null && !json.isEmpty()) return parseJson(json, key);
        }
        return value.build();
    }

    /** An event attribute's value: protobuf {@code AnyValue} bytes, else (older blocks) its protobuf-JSON. */
    private static AnyValue eventValue(byte[] stored, String key) {
        try {
            return AnyValue.parseFrom(stored);
        } catch (InvalidProtocolBufferException notProtobuf) {
            return parseJson(new String(stored, StandardCharsets.UTF_8), key);
        }
    }

    /** The {@code Span.Link}s of a {@code tempopb.LinkSlice} blob; empty bytes are no links. */
    private static List<Span.Link> links(byte[] blob) {
        List<Span.Link> links = new ArrayList<>();
        CodedInputStream in = CodedInputStream.newInstance(blob);
        try {
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (WireFormat.getTagFieldNumber(tag) != LINK_SLICE_LINKS
                        || WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED)
                    throw new IllegalArgumentException("Links blob: unexpected protobuf tag " + tag + " in a LinkSlice");
                links.add(Span.Link.parseFrom(in.readBytes()));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Links blob: not a protobuf LinkSlice", e);
        }
        return links;
    }
}
