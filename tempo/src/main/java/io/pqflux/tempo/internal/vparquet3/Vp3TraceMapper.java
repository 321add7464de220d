package io.pqflux.tempo.internal.vparquet3;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.nested.NestedBatch;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.schema.MessageSchema;
import io.pqflux.tempo.TempoException;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.internal.assembly.ColumnPaths;
import io.pqflux.tempo.internal.assembly.Leaf;
import io.pqflux.tempo.internal.assembly.TraceMapper;
import io.pqflux.tempo.internal.assembly.HttpColumns;
import io.pqflux.tempo.internal.assembly.SpanColumns;
import io.pqflux.tempo.internal.assembly.StaticColumns;
import io.pqflux.tempo.internal.assembly.TraceColumns;
import io.pqflux.tempo.internal.assembly.TraceRows;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
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
public final class Vp3TraceMapper implements TraceMapper {

    /** Tag of {@code links} (field 1, length-delimited) in Tempo's {@code LinkSlice} message, the blob's envelope. */
    private static final int LINK_SLICE_LINKS_TAG = 1 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;
    /** The span leaves: those every format has, and vParquet3's blob of links. */
    private static final List<String> SPAN_LEAVES = Stream.concat(SpanColumns.LEAVES.stream(), Stream.of("Links")).toList();
    private static final List<String> EVENT_LEAVES = List.of("TimeUnixNano", "Name", "DroppedAttributesCount");

    private final String source;
    private final TracePreset preset;
    private final List<String> resourceDedicated;
    private final List<String> spanDedicated;
    private final long maxTraceBytes;

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
        if (resourceDedicated.size() > StaticColumns.DEDICATED_SLOTS || spanDedicated.size() > StaticColumns.DEDICATED_SLOTS) {
            throw new IllegalArgumentException("vParquet3 has " + StaticColumns.DEDICATED_SLOTS + " dedicated slots per scope");
        }
        this.source = source;
        this.preset = preset;
        this.resourceDedicated = List.copyOf(resourceDedicated);
        this.spanDedicated = List.copyOf(spanDedicated);
        this.maxTraceBytes = maxTraceBytes;
        List<String> required = new ArrayList<>(TraceColumns.LEAVES);
        required.addAll(List.of(Vp3Paths.RESOURCE + "ServiceName", Vp3Paths.SCOPE + "Name", Vp3Paths.SCOPE + "Version"));
        for (String leaf : SPAN_LEAVES) required.add(Vp3Paths.SPAN + leaf);
        for (String leaf : EVENT_LEAVES) required.add(Vp3Paths.EVENT + leaf);
        for (String owner : List.of(Vp3Paths.RESOURCE, Vp3Paths.SPAN)) {
            for (String leaf : List.of("Key", "Value", "ValueInt", "ValueDouble", "ValueBool", "ValueArray", "ValueKVList")) {
                required.add(owner + "Attrs.list.element." + leaf);
            }
        }
        required.add(Vp3Paths.EVENT + "Attrs.list.element.Key");
        required.add(Vp3Paths.EVENT + "Attrs.list.element.Value");
        for (int i = 0; i < resourceDedicated.size(); i++) required.add(Vp3Paths.RESOURCE + StaticColumns.dedicatedSlot(i));
        for (int i = 0; i < spanDedicated.size(); i++) required.add(Vp3Paths.SPAN + StaticColumns.dedicatedSlot(i));
        for (String path : required) {
            if (schema.column(path).isEmpty()) {
                throw new TempoException(TempoException.Reason.UNKNOWN_LAYOUT, source,
                        "not a vParquet3 file: column " + path + " is missing");
            }
        }
    }

    @Override
    public List<String> columns() {
        List<String> summary = TraceColumns.LEAVES;
        return switch (preset) {
            case SUMMARY -> summary;
            case FULL -> null;
            case SPANS -> {
                List<String> columns = new ArrayList<>(summary);
                columns.addAll(List.of(Vp3Paths.RESOURCE + "ServiceName", Vp3Paths.SCOPE + "Name", Vp3Paths.SCOPE + "Version"));
                for (String leaf : SPAN_LEAVES) columns.add(Vp3Paths.SPAN + leaf);
                for (String leaf : EVENT_LEAVES) columns.add(Vp3Paths.EVENT + leaf);
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
        private final Leaf serviceName, scopeName, scopeVersion;
        private final SpanColumns spanColumns;
        private final Leaf links;
        private final HttpColumns http;
        private final Leaf eventTime, eventName, eventDropped;
        private final StaticColumns resourceWellKnown, resourceSlots, spanSlots;
        private final Vp3AttributeGroup resourceAttrs, spanAttrs, eventAttrs;
        private final int rsLevel = ColumnPaths.level(Vp3Paths.RS_LIST), ssLevel = ColumnPaths.level(Vp3Paths.SS_LIST),
                spansLevel = ColumnPaths.level(Vp3Paths.SPANS_LIST), eventsLevel = ColumnPaths.level(Vp3Paths.EVENTS_LIST);

        Rows(NestedBatch batch) {
            Map<String, Leaf> leaves = TraceRows.leaves(batch);
            trace = TraceColumns.of(leaves, source);
            serviceName = leaves.get(Vp3Paths.RESOURCE + "ServiceName");
            resourceWellKnown = StaticColumns.wellKnownResource(leaves, Vp3Paths.RESOURCE);
            resourceSlots = StaticColumns.dedicated(leaves, Vp3Paths.RESOURCE, resourceDedicated);
            scopeName = leaves.get(Vp3Paths.SCOPE + "Name");
            scopeVersion = leaves.get(Vp3Paths.SCOPE + "Version");
            spanColumns = SpanColumns.of(leaves, Vp3Paths.SPAN);
            links = leaves.get(Vp3Paths.SPAN + "Links");
            http = HttpColumns.of(leaves, Vp3Paths.SPAN);
            spanSlots = StaticColumns.dedicated(leaves, Vp3Paths.SPAN, spanDedicated);
            eventTime = leaves.get(Vp3Paths.EVENT + "TimeUnixNano");
            eventName = leaves.get(Vp3Paths.EVENT + "Name");
            eventDropped = leaves.get(Vp3Paths.EVENT + "DroppedAttributesCount");
            resourceAttrs = Vp3AttributeGroup.of(source, Vp3Paths.RESOURCE, false, leaves);
            spanAttrs = Vp3AttributeGroup.of(source, Vp3Paths.SPAN, false, leaves);
            eventAttrs = Vp3AttributeGroup.of(source, Vp3Paths.EVENT, true, leaves);
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
            if (resourceAttrs != null) {
                resourceAttrs.append(rs, attributes);
                resourceSlots.append(rs, attributes);
            }
            String service = serviceName.string(rs);
            if (!service.isEmpty()) attributes.add(StaticColumns.string("service.name", service));
            if (resourceAttrs != null) resourceWellKnown.append(rs, attributes);
            ResourceSpans.Builder out = ResourceSpans.newBuilder().setResource(Resource.newBuilder().addAllAttributes(attributes));
            for (int ss = scopeName.first(ssLevel, rs), last = scopeName.end(ssLevel, rs); ss < last; ss++) {
                ScopeSpans.Builder scope = ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder()
                        .setName(scopeName.string(ss)).setVersion(scopeVersion.string(ss)));
                Leaf spans = spanColumns.spans();
                for (int s = spans.first(spansLevel, ss), end = spans.end(spansLevel, ss); s < end; s++) {
                    scope.addSpans(span(s, traceIdBytes));
                }
                out.addScopeSpans(scope);
            }
            return out.build();
        }

        private Span span(int s, ByteString traceIdBytes) {
            long startNanos = spanColumns.start(s);
            Span.Builder span = spanColumns.builder(s, traceIdBytes);
            if (spanAttrs != null) {
                List<KeyValue> attributes = new ArrayList<>();
                spanAttrs.append(s, attributes);
                spanSlots.append(s, attributes);
                http.append(s, attributes);
                span.addAllAttributes(attributes);
            }
            for (int e = eventTime.first(eventsLevel, s), last = eventTime.end(eventsLevel, s); e < last; e++) {
                Span.Event.Builder event = Span.Event.newBuilder()
                        .setTimeUnixNano(eventTime.int64(e))
                        .setName(eventName.string(e))
                        .setDroppedAttributesCount(eventDropped.int32(e));
                if (eventAttrs != null) {
                    List<KeyValue> attributes = new ArrayList<>();
                    eventAttrs.append(e, attributes);
                    event.addAllAttributes(attributes);
                }
                span.addEvents(event);
            }
            ByteString linkBlob = links.bytes(s);
            if (!linkBlob.isEmpty()) span.addAllLinks(links(linkBlob, span));
            return span.build();
        }

        /** The {@code LinkSlice} envelope: field 1 repeats whole {@code Span.Link} messages. */
        private List<Span.Link> links(ByteString blob, Span.Builder span) {
            List<Span.Link> out = new ArrayList<>();
            CodedInputStream in = blob.newCodedInput();
            try {
                while (!in.isAtEnd()) {
                    int tag = in.readTag();
                    if (tag == LINK_SLICE_LINKS_TAG) {
                        Span.Link link = Span.Link.parseFrom(in.readBytes());
                        // the spans preset leaves out every attribute but service.name, as for the other formats
                        out.add(preset == TracePreset.SPANS ? link.toBuilder().clearAttributes().build() : link);
                    } else if (!in.skipField(tag)) {
                        break;
                    }
                }
            } catch (IOException e) {
                throw new TempoException(TempoException.Reason.BAD_VALUE, source, "span "
                        + HexFormat.of().formatHex(span.getSpanId().toByteArray())
                        + ": Links is not a protobuf list of Span.Link messages (" + e.getMessage() + ")", e);
            }
            return out;
        }
    }
}
