package io.pqflux.tempo.internal.vparquet3;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.WireFormat;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.nested.SlotReader;
import io.pqflux.schema.MessageSchema;
import io.pqflux.tempo.TempoException;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.internal.assembly.AbstractTraceMapper;
import io.pqflux.tempo.internal.assembly.AttributeKeys;
import io.pqflux.tempo.internal.assembly.AttributeOwner;
import io.pqflux.tempo.internal.assembly.AttributeSink;
import io.pqflux.tempo.internal.assembly.ColumnPaths;
import io.pqflux.tempo.internal.assembly.HttpColumns;
import io.pqflux.tempo.internal.assembly.ListShape;
import io.pqflux.tempo.internal.assembly.SpanColumns;
import io.pqflux.tempo.internal.assembly.SpansSink;
import io.pqflux.tempo.internal.assembly.StaticColumns;
import io.pqflux.tempo.internal.assembly.TraceColumns;
import io.pqflux.tempo.internal.assembly.TracePaths;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Assembles vParquet3 rows into {@link Trace}s straight from the batch's nested column views, as {@code Vp4TraceMapper}
 * does for vParquet4. Differences (docs/tempo-format.md §17 and §0 errata 6–7): attribute values in optional columns
 * per kind ({@link Vp3AttributeGroup}); no resource dropped-attributes count (0) and no scope attributes; events carry
 * their absolute time; a span's links are one protobuf blob of whole {@code Span.Link} messages, flags included.
 * vParquet3 stores no {@code ServiceStats}: traces come back with none. Attribute order as Tempo returns it: resource =
 * generic, dedicated slots, {@code service.name}, the well-known columns; span = generic, dedicated slots,
 * {@code http.method}, {@code http.url}, {@code http.status_code}.
 */
public final class Vp3TraceMapper extends AbstractTraceMapper {

    /** Tag of {@code links} (field 1, length-delimited) in Tempo's {@code LinkSlice} message, the blob's envelope. */
    private static final int LINK_SLICE_LINKS_TAG = 1 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;
    /** The span leaves: those every format has, and vParquet3's blob of links. */
    private static final List<String> SPAN_LEAVES = Stream.concat(SpanColumns.LEAVES.stream(), Stream.of("Links")).toList();
    private static final List<String> EVENT_LEAVES = List.of("TimeUnixNano", "Name", "DroppedAttributesCount");

    /** vParquet3 annotates every list as a Parquet LIST and stores no service stats. */
    private static final TracePaths PATHS = TracePaths.of(ListShape.ANNOTATED, TracePaths.Stats.NONE);

    private final List<String> resourceDedicated;
    private final List<String> spanDedicated;

    /**
     * @param resourceDedicated attribute names of the resource's dedicated slots, slot order ({@code String01} first);
     *                          vParquet3 assigns them as vParquet4 does ({@code BlockMeta#dedicatedSlots})
     * @param spanDedicated     the same for spans
     * @param maxTraceBytes     largest OTLP size of a trace; a larger one fails with {@code TRACE_TOO_LARGE}
     * @throws TempoException {@link TempoException.Reason#UNKNOWN_LAYOUT} naming the first column the mapping needs
     *                        that the file lacks
     */
    public Vp3TraceMapper(String source, MessageSchema schema, TracePreset preset, List<String> resourceDedicated,
                          List<String> spanDedicated, long maxTraceBytes) {
        super(source, PATHS, preset, maxTraceBytes);
        if (resourceDedicated.size() > StaticColumns.DEDICATED_SLOTS || spanDedicated.size() > StaticColumns.DEDICATED_SLOTS) {
            throw new IllegalArgumentException("vParquet3 has " + StaticColumns.DEDICATED_SLOTS + " dedicated slots per scope");
        }
        this.resourceDedicated = List.copyOf(resourceDedicated);
        this.spanDedicated = List.copyOf(spanDedicated);
        List<String> required = new ArrayList<>(TraceColumns.LEAVES);
        required.addAll(List.of(PATHS.resource + "ServiceName", PATHS.scope + "Name", PATHS.scope + "Version"));
        for (String leaf : SPAN_LEAVES) required.add(PATHS.span + leaf);
        for (String leaf : EVENT_LEAVES) required.add(PATHS.event + leaf);
        for (String owner : List.of(PATHS.resource, PATHS.span)) {
            for (String leaf : List.of("Key", "Value", "ValueInt", "ValueDouble", "ValueBool", "ValueArray", "ValueKVList")) {
                required.add(owner + "Attrs.list.element." + leaf);
            }
        }
        required.add(PATHS.event + "Attrs.list.element.Key");
        required.add(PATHS.event + "Attrs.list.element.Value");
        for (int i = 0; i < resourceDedicated.size(); i++) required.add(PATHS.resource + StaticColumns.dedicatedSlot(i));
        for (int i = 0; i < spanDedicated.size(); i++) required.add(PATHS.span + StaticColumns.dedicatedSlot(i));
        for (String path : required) requireColumn(schema, path, "vParquet3");
    }

    @Override
    protected List<String> spanLeaves() {
        List<String> columns = new ArrayList<>(List.of(PATHS.resource + "ServiceName", PATHS.scope + "Name",
                PATHS.scope + "Version"));
        for (String leaf : SPAN_LEAVES) columns.add(PATHS.span + leaf);
        for (String leaf : EVENT_LEAVES) columns.add(PATHS.event + leaf);
        return columns;
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
        return new Vp3Rows(leaves, keys);
    }

    private final class Vp3Rows extends Rows {
        private final SlotReader scopeVersion;
        private final SlotReader links;
        private final HttpColumns http;
        private final SlotReader eventTime, eventName, eventDropped;
        private final StaticColumns resourceWellKnown, resourceSlots, spanSlots;
        private final Vp3AttributeGroup resourceAttrs, spanAttrs, eventAttrs;
        private final int eventsLevel = ColumnPaths.level(PATHS.eventsList());

        Vp3Rows(Map<String, SlotReader> leaves, AttributeKeys keys) {
            super(leaves, keys);
            resourceWellKnown = StaticColumns.wellKnownResource(leaves, PATHS.resource);
            resourceSlots = StaticColumns.dedicated(leaves, PATHS.resource, resourceDedicated);
            scopeVersion = leaves.get(PATHS.scope + "Version");
            links = leaves.get(PATHS.span + "Links");
            http = HttpColumns.of(leaves, PATHS.span);
            spanSlots = StaticColumns.dedicated(leaves, PATHS.span, spanDedicated);
            eventTime = leaves.get(PATHS.event + "TimeUnixNano");
            eventName = leaves.get(PATHS.event + "Name");
            eventDropped = leaves.get(PATHS.event + "DroppedAttributesCount");
            resourceAttrs = Vp3AttributeGroup.of(source, PATHS.resource, false, leaves, keys.of(AttributeOwner.RESOURCE));
            spanAttrs = Vp3AttributeGroup.of(source, PATHS.span, false, leaves, keys.of(AttributeOwner.SPAN));
            eventAttrs = Vp3AttributeGroup.of(source, PATHS.event, true, leaves, keys.of(AttributeOwner.EVENT));
        }

        @Override
        protected int resourceAttributes(int rs, AttributeSink attributes) {
            if (resourceAttrs != null) {
                resourceAttrs.append(rs, attributes);
                resourceSlots.append(rs, attributes);
            }
            String service = serviceName.string(rs);
            if (!service.isEmpty()) attributes.string("service.name", service);
            if (resourceAttrs != null) resourceWellKnown.append(rs, attributes);
            return 0;
        }

        @Override
        protected int spanAttributes(int s, AttributeSink attributes) {
            if (spanAttrs == null) return 0;
            spanAttrs.append(s, attributes);
            spanSlots.append(s, attributes);
            http.append(s, attributes);
            return 0;
        }

        @Override
        protected void putScope(int ss, SpansSink out) {
            out.scope(scopeName.string(ss), scopeVersion == null ? "" : scopeVersion.string(ss));
            out.scopeDone(0);
        }

        @Override
        protected void putResource(int rs, SpansSink out) {
            resourceAttributes(rs, out.resource());
            out.resourceDone(0);
        }

        @Override
        protected void putSpan(int s, SpansSink out) {
            spanAttributes(s, out.span(spanColumns, s));
            out.spanAttributesDone(spanColumns.droppedAttributes(s));
            int events = eventTime == null ? 0 : eventTime.end(eventsLevel, s);
            for (int e = eventTime == null ? 0 : eventTime.first(eventsLevel, s); e < events; e++) {
                AttributeSink attributes = out.event(eventTime.int64(e), eventName.string(e));
                if (eventAttrs != null) eventAttrs.append(e, attributes);
                out.eventDone(eventDropped.int32(e));
            }
            ByteString linkBlob = links == null ? ByteString.EMPTY : UnsafeByteOperations.unsafeWrap(links.byteArray(s));
            if (!linkBlob.isEmpty()) putLinks(linkBlob, s, out);
            out.spanDone();
        }

        /** The {@code LinkSlice} envelope: field 1 repeats whole {@code Span.Link} messages. */
        private void putLinks(ByteString blob, int s, SpansSink out) {
            CodedInputStream in = blob.newCodedInput();
            try {
                while (!in.isAtEnd()) {
                    int tag = in.readTag();
                    if (tag == LINK_SLICE_LINKS_TAG) {
                        Span.Link link = Span.Link.parseFrom(in.readBytes());
                        // the spans preset leaves out every attribute but service.name, as for the other formats
                        out.link(preset == TracePreset.SPANS ? link.toBuilder().clearAttributes().build() : link);
                    } else if (!in.skipField(tag)) {
                        break;
                    }
                }
            } catch (IOException e) {
                throw new TempoException(TempoException.Reason.BAD_VALUE, source, "span "
                        + HexFormat.of().formatHex(spanColumns.spanId(s).toArray(ValueLayout.JAVA_BYTE))
                        + ": Links is not a protobuf list of Span.Link messages (" + e.getMessage() + ")", e);
            }
        }
    }
}
