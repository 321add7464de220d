package io.pqflux.tempo.internal.assembly;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.format.meta.FieldRepetitionType;
import io.pqflux.nested.SlotReader;
import io.pqflux.otlp.wire.ProtoWriter;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.schema.MessageSchema;
import io.pqflux.tempo.TempoException;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TraceForm;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.internal.encoding.TraceWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;

/**
 * What every format's mapper does alike: the columns each preset reads, one trace per row, resource spans one at a time.
 * A format supplies how one batch's leaves become resource spans ({@link Rows}) and, where they differ, the leaves the
 * span preset reads.
 */
public abstract class AbstractTraceMapper implements TraceMapper {

    /** The first size of a batch's encoding buffer; it doubles up to the largest trace of the batch. */
    private static final int ENCODING_BUFFER_BYTES = 64 << 10;

    protected final String source;
    protected final TracePaths paths;
    protected final TracePreset preset;
    private final long maxTraceBytes;

    /** @param maxTraceBytes largest OTLP size of a trace; a larger one fails with {@code TRACE_TOO_LARGE} */
    protected AbstractTraceMapper(String source, TracePaths paths, TracePreset preset, long maxTraceBytes) {
        this.source = source;
        this.paths = paths;
        this.preset = preset;
        this.maxTraceBytes = maxTraceBytes;
    }

    @Override
    public final List<String> columns() {
        List<String> summary = new ArrayList<>(TraceColumns.LEAVES);
        if (paths.hasStats()) summary.add(TracePaths.SERVICE_STATS);
        return switch (preset) {
            case SUMMARY -> summary;
            case FULL -> null;
            case SPANS -> {
                List<String> columns = new ArrayList<>(summary);
                columns.addAll(spanLeaves());
                yield columns;
            }
        };
    }

    @Override
    public final List<String> columns(MessageSchema schema, AttributeKeys keys) {
        if (preset != TracePreset.FULL) throw new IllegalStateException("attribute owners apply to the FULL preset, not " + preset);
        if (keys.equals(AttributeKeys.ALL)) return null;
        Set<String> named = new HashSet<>();
        for (AttributeOwner owner : keys.owners()) {
            Set<String> names = keys.of(owner);
            if (names == null) continue;
            for (String name : names) {
                AttributeColumns stored = attributeColumns(owner, name);
                named.addAll(stored.stringColumns());
                named.addAll(stored.intColumns());
            }
        }
        List<String> spanPreset = new ArrayList<>(TraceColumns.LEAVES);
        if (paths.hasStats()) spanPreset.add(TracePaths.SERVICE_STATS);
        spanPreset.addAll(spanLeaves());
        List<String> columns = new ArrayList<>(spanPreset);
        Set<String> preset = new HashSet<>(spanPreset);
        // a preset entry naming no column names a group (the service stats' map): the leaves below it are in the preset
        List<String> presetGroups = spanPreset.stream().filter(path -> schema.column(path).isEmpty()).toList();
        for (String path : schema.columnPaths()) {
            if (!preset.contains(path) && !withinAny(path, presetGroups) && !path.equals(TraceColumns.TRACE_ID_TEXT)) {
                AttributeOwner owner = ownerOf(path);
                // a leaf of no known owner is read: better a column too many than an attribute missing; of a kept
                // owner's leaves, the generic list (where any name may be) and the dedicated and well-known columns of
                // the names kept, not what holds no attribute (stored nested sets, rounded start times: no mapper
                // reads them)
                boolean attribute = owner != null && (isGenericAttributeColumn(owner, path) || isStaticAttributeColumn(owner, path));
                if (owner == null || keys.owners().contains(owner) && attribute
                        && (keys.of(owner) == null || !isStaticAttributeColumn(owner, path) || named.contains(path))) {
                    columns.add(path);
                }
            }
        }
        return columns;
    }

    /** Whether {@code path} lies below one of {@code groups} (a dotted prefix of it). */
    private static boolean withinAny(String path, List<String> groups) {
        for (String group : groups) {
            if (path.length() > group.length() && path.startsWith(group) && path.charAt(group.length()) == '.') return true;
        }
        return false;
    }

    /** Whether {@code path}, a leaf under {@code owner}, is in the owner's generic attribute list. */
    private boolean isGenericAttributeColumn(AttributeOwner owner, String path) {
        return path.startsWith("Attrs.", ownerPath(owner).length());
    }

    /** Whether {@code path}, a leaf under {@code owner}, is a dedicated or well-known column: one attribute's values. */
    private boolean isStaticAttributeColumn(AttributeOwner owner, String path) {
        int leaf = ownerPath(owner).length();
        if (path.startsWith("DedicatedAttributes.", leaf)) return true;
        return owner == AttributeOwner.RESOURCE && StaticColumns.wellKnownResourceLeaves().containsKey(path.substring(leaf))
                || owner == AttributeOwner.SPAN && HttpColumns.LEAVES.containsKey(path.substring(leaf));
    }

    @Override
    public final List<String> evaluationColumns(MessageSchema schema, EvaluationFields fields) {
        List<String> projected = columns(schema, fields.attributes());
        if (projected == null) projected = schema.columnPaths();
        Set<String> spanPreset = new HashSet<>(spanLeaves());
        List<String> columns = new ArrayList<>();
        for (String path : projected) {
            // the summary and the projected attribute leaves stay; of the span preset, what the fields name
            if (!spanPreset.contains(path) || evaluationReads(path, fields)) columns.add(path);
        }
        return columns;
    }

    private boolean evaluationReads(String spanPresetLeaf, EvaluationFields fields) {
        String path = spanPresetLeaf;
        if (path.startsWith(paths.event)) return fields.events();
        if (path.startsWith(paths.link)) return fields.links();
        if (path.startsWith(paths.span)) {
            String leaf = path.substring(paths.span.length());
            // vParquet3 keeps a span's links in one leaf of the span
            return leaf.equals(SpanColumns.STRUCTURE) || fields.spanLeaves().contains(leaf) || leaf.equals("Links") && fields.links();
        }
        if (path.startsWith(paths.scope)) return path.equals(paths.scope + "Name") || fields.scopes();
        if (path.startsWith(paths.resource)) return path.equals(paths.resource + "ServiceName");
        return true;
    }

    @Override
    public final AttributeColumns attributeColumns(AttributeOwner owner, String name) {
        return new AttributeColumns(stringColumns(owner, name), intColumns(owner, name),
                paths.attributes(ownerPath(owner)) + "Key");
    }

    /** The owner's path, up to and including the dot before its leaves. */
    private String ownerPath(AttributeOwner owner) {
        return switch (owner) {
            case RESOURCE -> paths.resource;
            case SCOPE -> paths.scope;
            case SPAN -> paths.span;
            case EVENT -> paths.event;
            case LINK -> paths.link;
        };
    }

    @Override
    public final String spanPath() {
        return paths.span;
    }

    @Override
    public final String resourcePath() {
        return paths.resource;
    }

    /** The dedicated and well-known columns that hold the string values of attribute {@code name} of {@code owner}. */
    protected abstract List<String> stringColumns(AttributeOwner owner, String name);

    /** The dedicated and well-known columns that hold the int values of attribute {@code name} of {@code owner}. */
    protected abstract List<String> intColumns(AttributeOwner owner, String name);

    /** The owner whose subtree holds {@code path}, the innermost first (events and links lie under spans). */
    private AttributeOwner ownerOf(String path) {
        if (path.startsWith(paths.event)) return AttributeOwner.EVENT;
        if (path.startsWith(paths.link)) return AttributeOwner.LINK;
        if (path.startsWith(paths.span)) return AttributeOwner.SPAN;
        if (path.startsWith(paths.scope)) return AttributeOwner.SCOPE;
        if (path.startsWith(paths.resource)) return AttributeOwner.RESOURCE;
        return null;
    }

    /**
     * The leaves the span preset reads beyond the summary: the own fields of resources, scopes, spans, events and links,
     * no attributes. This is vParquet4's and vParquet5's set.
     */
    protected List<String> spanLeaves() {
        List<String> columns = new ArrayList<>(List.of(paths.resource + "ServiceName",
                paths.resource + "DroppedAttributesCount", paths.scope + "Name", paths.scope + "Version",
                paths.scope + "DroppedAttributesCount"));
        for (String leaf : SpanColumns.LEAVES) columns.add(paths.span + leaf);
        for (String leaf : EventColumns.LEAVES) columns.add(paths.event + leaf);
        for (String leaf : LinkColumns.LEAVES) columns.add(paths.link + leaf);
        return columns;
    }

    @Override
    public final List<Trace> map(RowGroupBatch batch) {
        return map(batch, AttributeKeys.ALL);
    }

    @Override
    public final List<Trace> map(RowGroupBatch batch, AttributeKeys keys) {
        return map(batch, keys, TraceForm.OBJECTS);
    }

    @Override
    public final List<Trace> map(RowGroupBatch batch, AttributeKeys keys, TraceForm form) {
        Rows rows = rows(TraceRows.leaves(batch.nested()), keys);
        if (form == TraceForm.OBJECTS) return TraceRows.map(batch, rows::trace);
        TraceWriter writer = new TraceWriter(new ProtoWriter(ENCODING_BUFFER_BYTES));
        return TraceRows.map(batch, row -> rows.encodedTrace(row, writer));
    }

    @Override
    public final void forEachRowTrace(RowGroupBatch batch, AttributeKeys keys, IntPredicate candidate,
                                      IntConsumer ruledOut, Consumer<TraceRows.RowTrace> sink) {
        TraceRows.forEachRowTrace(batch, rows(TraceRows.leaves(batch.nested()), keys)::trace, candidate, ruledOut, sink);
    }

    @Override
    public final TraceColumns traceColumns(RowGroupBatch batch) {
        return TraceColumns.of(TraceRows.leaves(batch.nested()), source, paths);
    }

    @Override
    public final SpanFieldRows spanFields(RowGroupBatch batch) {
        SpanColumns spans = SpanColumns.ofAny(TraceRows.leaves(batch.nested()), paths.span);
        if (spans == null) throw new IllegalStateException(source + ": the batch holds no span leaf");
        SlotReader walk = spans.spans();
        int count = batch.hasSelection() ? batch.selectedRowCount() : Math.toIntExact(batch.rowCount());
        // a row's span slots are consecutive (slots are numbered in stored order); its first, and one past its last
        int[] first = new int[count];
        int[] end = new int[count];
        for (int i = 0; i < count; i++) {
            int row = batch.hasSelection() ? batch.selectedRow(i) : i;
            int next = -1;
            for (int rs = walk.first(paths.rsLevel, row), rsEnd = walk.end(paths.rsLevel, row); rs < rsEnd; rs++) {
                for (int ss = walk.first(paths.ssLevel, rs), ssEnd = walk.end(paths.ssLevel, rs); ss < ssEnd; ss++) {
                    int s = walk.first(paths.spansLevel, ss);
                    int sEnd = walk.end(paths.spansLevel, ss);
                    if (s == sEnd) continue;
                    if (next == -1) first[i] = s;
                    else if (s != next) throw new IllegalStateException(source + ": row " + row + "'s spans are not consecutive");
                    next = sEnd;
                }
            }
            end[i] = next == -1 ? first[i] : next;
        }
        return new SpanFieldRows() {
            @Override
            public int rowCount() {
                return count;
            }

            @Override
            public int spanCount(int row) {
                return end[row] - first[row];
            }

            @Override
            public Span span(int row, int index) {
                return spans.builder(first[row] + Objects.checkIndex(index, spanCount(row)), ByteString.EMPTY).build();
            }
        };
    }

    @Override
    public final SlotAttributes slotAttributes(RowGroupBatch batch, Map<String, SlotReader> leaves, AttributeKeys keys) {
        Rows rows = rows(leaves, keys);
        SlotReader walk = leaves.get(paths.span + SpanColumns.STRUCTURE);
        if (walk == null || rows.serviceName == null) throw new IllegalStateException(source + ": the batch holds no spans");
        return new SlotAttributes() {
            // the last span's, resource's and scope's, rebuilt when another is asked for: a span's fields are asked
            // for one after another, and a lookup keeps no list
            private int span = -1;
            private int resource = -1;
            private int scope = -1;
            private final List<KeyValue> spanAttributes = new ArrayList<>();
            private final List<KeyValue> resourceAttributes = new ArrayList<>();
            private final AttributeSink spanSink = AttributeSink.into(spanAttributes::add);
            private final AttributeSink resourceSink = AttributeSink.into(resourceAttributes::add);
            private InstrumentationScope scopeOfLast;
            private Owners owners;

            @Override
            public List<KeyValue> span(int s) {
                if (s != span) {
                    spanAttributes.clear();
                    rows.spanAttributes(s, spanSink);
                    span = s;
                }
                return spanAttributes;
            }

            @Override
            public int resourceOf(int s) {
                return owners().resource[s];
            }

            @Override
            public int scopeOf(int s) {
                return owners().scope[s];
            }

            @Override
            public List<KeyValue> resource(int s) {
                int rs = resourceOf(s);
                if (rs != resource) {
                    resourceAttributes.clear();
                    rows.resourceAttributes(rs, resourceSink);
                    resource = rs;
                }
                return resourceAttributes;
            }

            @Override
            public InstrumentationScope scope(int s) {
                int ss = scopeOf(s);
                if (ss != scope) {
                    scopeOfLast = rows.scope(ss);
                    scope = ss;
                }
                return scopeOfLast;
            }

            private Owners owners() {
                if (owners == null) owners = spanOwners(batch, walk);
                return owners;
            }
        };
    }

    /** The resource and scope slots of each span slot of a batch. */
    private record Owners(int[] resource, int[] scope) {
    }

    /** The resource and scope slot of each span slot of the batch, walked down the lists from every row. */
    private Owners spanOwners(RowGroupBatch batch, SlotReader walk) {
        int rows = Math.toIntExact(batch.rowCount());
        // sized once from the last list ends (offsets only grow): doubling from small was a search's largest allocation
        int resources = rows == 0 ? 0 : walk.end(paths.rsLevel, rows - 1);
        int scopes = resources == 0 ? 0 : walk.end(paths.ssLevel, resources - 1);
        int spans = scopes == 0 ? 0 : walk.end(paths.spansLevel, scopes - 1);
        int[] resource = new int[spans];
        int[] scope = new int[spans];
        for (int row = 0; row < rows; row++) {
            for (int rs = walk.first(paths.rsLevel, row), rsEnd = walk.end(paths.rsLevel, row); rs < rsEnd; rs++) {
                for (int ss = walk.first(paths.ssLevel, rs), ssEnd = walk.end(paths.ssLevel, rs); ss < ssEnd; ss++) {
                    int end = walk.end(paths.spansLevel, ss);
                    Arrays.fill(resource, walk.first(paths.spansLevel, ss), end, rs);
                    Arrays.fill(scope, walk.first(paths.spansLevel, ss), end, ss);
                }
            }
        }
        return new Owners(resource, scope);
    }

    @Override
    public final Iterator<TraceRows.RowResourceSpans> resourceSpans(RowGroupBatch batch) {
        Rows rows = rows(TraceRows.leaves(batch.nested()), AttributeKeys.ALL);
        if (rows.serviceName == null) throw new IllegalStateException(source + ": the " + preset + " preset reads no spans");
        return TraceRows.resourceSpansOf(batch, rows.trace.traceId(), rows.serviceName, paths.rsLevel,
                (rs, id) -> rows.resourceSpans(rs, new TraceBuilder(id)));
    }

    /** The format's reader of one batch, over its leaves by path, assembling the attributes {@code keys} keeps. */
    protected abstract Rows rows(Map<String, SlotReader> leaves, AttributeKeys keys);

    /**
     * The column a mapping needs, or a typed failure naming it.
     *
     * @throws TempoException {@link TempoException.Reason#UNKNOWN_LAYOUT} when the file lacks {@code path}
     */
    protected final FieldRepetitionType requireColumn(MessageSchema schema, String path, String format) {
        return schema.column(path).orElseThrow(() -> new TempoException(TempoException.Reason.UNKNOWN_LAYOUT, source,
                "not a " + format + " file of a known layout: column " + path + " is missing")).repetition();
    }

    /** The leaves of one batch, resolved by path. */
    protected abstract class Rows {
        protected final TraceColumns trace;
        /** Null when the preset reads no spans. */
        protected final SlotReader serviceName;
        /** The attributes assembled: an owner's group skips the others. */
        protected final AttributeKeys keys;
        /** The scope's name, whose structure gives the scope slots of a resource; null when not read. */
        protected final SlotReader scopeName;
        /** The spans' own fields, whose structure gives the span slots of a scope; null when not read. */
        protected final SpanColumns spanColumns;

        protected Rows(Map<String, SlotReader> leaves, AttributeKeys keys) {
            trace = TraceColumns.of(leaves, source, paths);
            serviceName = leaves.get(paths.resource + "ServiceName");
            this.keys = keys;
            scopeName = leaves.get(paths.scope + "Name");
            spanColumns = SpanColumns.of(leaves, paths.span);
        }

        final Trace trace(int row) {
            byte[] id = trace.traceId().byteArray(row);
            // one copy of the ID per trace: the spans share it, and nothing writes it (Trace keeps its own copy)
            TraceBuilder builder = new TraceBuilder(UnsafeByteOperations.unsafeWrap(id));
            List<ResourceSpans> resourceSpans = serviceName == null ? List.of() : TraceRows.resourceSpans(serviceName,
                    paths.rsLevel, row, rs -> resourceSpans(rs, builder), maxTraceBytes, source, id);
            return trace.trace(row, id, resourceSpans);
        }

        /** The row's trace with its content encoded by {@code writer} (reset first), as {@link #trace} would build it. */
        final Trace encodedTrace(int row, TraceWriter writer) {
            byte[] id = trace.traceId().byteArray(row);
            ProtoWriter out = writer.out();
            out.reset();
            writer.traceId(id);
            if (serviceName != null) {
                long bytes = 0;
                for (int rs = serviceName.first(paths.rsLevel, row), last = serviceName.end(paths.rsLevel, row); rs < last; rs++) {
                    putResourceSpans(rs, writer);
                    bytes += writer.lastResourceSpansSize();
                    if (bytes > maxTraceBytes) throw TraceRows.tooLarge(source, id, maxTraceBytes);
                }
            }
            return trace.encodedTrace(row, id, out.toByteArray(), writer.spanCount());
        }

        /** The resource spans at slot {@code rs} of the resource-spans list, built by {@code builder} (its trace's). */
        final ResourceSpans resourceSpans(int rs, TraceBuilder builder) {
            putResourceSpans(rs, builder);
            return builder.resourceSpansBuilt();
        }

        /** The instrumentation scope at slot {@code ss} of the scope-spans list, as its assembled scope spans hold it. */
        final InstrumentationScope scope(int ss) {
            TraceBuilder builder = new TraceBuilder(ByteString.EMPTY);
            putScope(ss, builder);
            return builder.scopeBuilt();
        }

        /** Puts the resource spans at slot {@code rs} into {@code out}: the one walk of a format's columns. */
        final void putResourceSpans(int rs, SpansSink out) {
            putResource(rs, out);
            for (int ss = scopeName.first(paths.ssLevel, rs), last = scopeName.end(paths.ssLevel, rs); ss < last; ss++) {
                putScope(ss, out);
                SlotReader spans = spanColumns.spans();
                for (int s = spans.first(paths.spansLevel, ss), end = spans.end(paths.spansLevel, ss); s < end; s++) {
                    putSpan(s, out);
                }
                out.scopeSpansDone();
            }
            out.resourceSpansDone();
        }

        /** Puts the resource at slot {@code rs}: {@link SpansSink#resource} to {@link SpansSink#resourceDone}. */
        protected abstract void putResource(int rs, SpansSink out);

        /** Puts the span at slot {@code s}: {@link SpansSink#span} to {@link SpansSink#spanDone}. */
        protected abstract void putSpan(int s, SpansSink out);

        /** Puts the scope at slot {@code ss} into {@code out}: {@link SpansSink#scope} to {@link SpansSink#scopeDone}. */
        protected abstract void putScope(int ss, SpansSink out);

        /**
         * Puts the attributes of the resource at slot {@code rs} into {@code out} as its assembled resource lists
         * them; returns how many of them the stored dropped count includes (attributes the writer could not store in a
         * column).
         */
        protected abstract int resourceAttributes(int rs, AttributeSink out);

        /** Puts the attributes of the span at slot {@code s} into {@code out} as its assembled span lists them; returns as above. */
        protected abstract int spanAttributes(int s, AttributeSink out);
    }
}
