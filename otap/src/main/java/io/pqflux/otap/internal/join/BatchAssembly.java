package io.pqflux.otap.internal.join;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.pqflux.otap.Signal;
import io.pqflux.otap.TimeRange;
import io.pqflux.otap.internal.rows.MessageShape;
import io.pqflux.otap.internal.rows.PartialMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch's records grouped by resource, then scope, written as the signal's OTLP data message ({@code LogsData},
 * {@code TracesData}, {@code MetricsData}: also the bytes of the signal's export request). The three envelopes number
 * their fields alike: data → 1 resource groups; resource group → 1 resource, 2 scope groups, 3 schema URL; scope group
 * → 1 scope, 2 records, 3 schema URL. Sizes are summed first, then the bytes are written once into an array of that
 * size.
 */
final class BatchAssembly {

    private static final int GROUPS = 1, HEAD = 1, MEMBERS = 2, SCHEMA_URL = 3;

    /**
     * A resource or scope group: its resource (scope) and attributes — the field is set when either is there — its
     * schema URL and its members (scope groups, records).
     */
    abstract static sealed class Group<T> permits ResourceGroup, ScopeGroup {
        private final PartialMessage head;
        private final List<PartialMessage> attributes;
        private final String schemaUrl;
        final List<T> members = new ArrayList<>();
        private int size = -1;

        Group(PartialMessage head, MessageShape shape, List<PartialMessage> attributes, String schemaUrl) {
            this.attributes = attributes == null ? List.of() : attributes;
            this.head = head != null || this.attributes.isEmpty() ? head : PartialMessage.empty(shape);
            this.schemaUrl = schemaUrl;
        }

        abstract int memberSize(T member);

        abstract void writeMember(CodedOutputStream out, T member) throws IOException;

        final int size() {
            if (size >= 0) return size;
            long total = 0;
            if (head != null) total += field(HEAD, head.sizeWith(attributes));
            for (T member : members) total += field(MEMBERS, memberSize(member));
            if (!schemaUrl.isEmpty()) total += CodedOutputStream.computeStringSize(SCHEMA_URL, schemaUrl);
            if (total > Integer.MAX_VALUE - 16) throw new IllegalStateException("an OTLP batch past 2 GiB");
            return size = (int) total;
        }

        final void writeAsField(CodedOutputStream out, int field) throws IOException {
            out.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(size());
            if (head != null) {
                out.writeTag(HEAD, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeUInt32NoTag(head.sizeWith(attributes));
                head.writeTo(out, attributes);
            }
            for (T member : members) writeMember(out, member);
            if (!schemaUrl.isEmpty()) out.writeString(SCHEMA_URL, schemaUrl);
        }
    }

    static final class ResourceGroup extends Group<ScopeGroup> {
        ResourceGroup(PartialMessage resource, List<PartialMessage> attributes, String schemaUrl) {
            super(resource, MessageShape.RESOURCE, attributes, schemaUrl);
        }

        @Override
        int memberSize(ScopeGroup scope) {
            return scope.size();
        }

        @Override
        void writeMember(CodedOutputStream out, ScopeGroup scope) throws IOException {
            scope.writeAsField(out, MEMBERS);
        }
    }

    static final class ScopeGroup extends Group<PartialMessage> {
        ScopeGroup(PartialMessage scope, List<PartialMessage> attributes, String schemaUrl) {
            super(scope, MessageShape.SCOPE, attributes, schemaUrl);
        }

        @Override
        int memberSize(PartialMessage record) {
            return record.size();
        }

        @Override
        void writeMember(CodedOutputStream out, PartialMessage record) throws IOException {
            record.writeAsField(out, MEMBERS);
        }
    }

    private final List<ResourceGroup> resources = new ArrayList<>();

    /** Starts a resource group. */
    ResourceGroup resource(PartialMessage resource, List<PartialMessage> attributes, String schemaUrl) {
        ResourceGroup group = new ResourceGroup(resource, attributes, schemaUrl);
        resources.add(group);
        return group;
    }

    /** Starts a scope group in {@code resource}. */
    ScopeGroup scope(ResourceGroup resource, PartialMessage scope, List<PartialMessage> attributes, String schemaUrl) {
        ScopeGroup group = new ScopeGroup(scope, attributes, schemaUrl);
        resource.members.add(group);
        return group;
    }

    /**
     * Cuts the batch down to the records of {@code range}: log records by their time (the observed time when the time
     * is 0, as OTLP leaves it unset), spans by their start, metrics to their data points in the range. Scope and
     * resource groups left empty are dropped, so are metrics left without data points; what stays is untouched, joined
     * as the whole batch was. Returns the records left.
     */
    int retain(Signal signal, TimeRange range) {
        int records = 0;
        for (var resource = resources.iterator(); resource.hasNext(); ) {
            ResourceGroup r = resource.next();
            for (var scope = r.members.iterator(); scope.hasNext(); ) {
                ScopeGroup s = scope.next();
                s.members.removeIf(record -> !inRange(signal, record, range));
                records += s.members.size();
                if (s.members.isEmpty()) scope.remove();
            }
            if (r.members.isEmpty()) resource.remove();
        }
        return records;
    }

    /** Whether a record is in the range; a metric is cut down to its data points in it, and is when one is. */
    private static boolean inRange(Signal signal, PartialMessage record, TimeRange range) {
        if (signal != Signal.METRICS) return range.contains(record.time());
        // the metric's data (a gauge, sum, …) is the one message of its slot 0, the data points that message's
        return record.shape() != MessageShape.METRIC_WITHOUT_DATA && record.first(0).retain(0, range::contains) > 0;
    }

    /** The data message's bytes. */
    byte[] encode() {
        long total = 0;
        for (ResourceGroup r : resources) total += field(GROUPS, r.size());
        if (total > Integer.MAX_VALUE - 16) throw new IllegalStateException("an OTLP batch past 2 GiB");
        byte[] bytes = new byte[(int) total];
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            for (ResourceGroup r : resources) r.writeAsField(out, GROUPS);
        } catch (IOException e) {
            throw new UncheckedIOException("writing into an array", e);
        }
        out.checkNoSpaceLeft();
        return bytes;
    }

    /** The size of a message field holding {@code size} bytes. */
    private static long field(int field, int size) {
        return CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(size) + (long) size;
    }
}
