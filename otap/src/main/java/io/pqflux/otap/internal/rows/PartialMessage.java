package io.pqflux.otap.internal.rows;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.pqflux.otlp.wire.ProtoWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * An OTLP message of a batch being joined, encoded as a row decodes it: its own fields as protobuf-java writes them
 * (field-number order, defaults left out), with the places — slots, one per repeated message field of its {@link
 * MessageShape} — where the join adds child messages (attributes, events, links, data points, exemplars). The batch is
 * written from these without message objects: sizes are summed from the leaves ({@link #size}), then the bytes copied
 * once ({@link #writeTo}).
 *
 * <p>A child is added to one parent only (children are chained through the message itself); shared messages (the
 * attributes of a resource or scope, which several batches may take) are passed to {@link #writeTo} instead.
 */
public final class PartialMessage {

    private final MessageShape shape;
    private final byte[] own;
    /** Where each slot's children go in {@link #own} (slots past the shape's are unused). */
    private final int at0, at1, at2;
    /** The time the record is kept or left out of a time range by (0 where none applies). */
    private final long time;
    /** Per slot, its first and last child (lazily: most messages get none). */
    private PartialMessage[] children;
    /** The next child of the same parent slot. */
    private PartialMessage next;
    private int size = -1;

    PartialMessage(MessageShape shape, byte[] own, long time, int at0, int at1, int at2) {
        this.shape = shape;
        this.own = own;
        this.time = time;
        this.at0 = at0;
        this.at1 = at1;
        this.at2 = at2;
    }

    /** An empty message of {@code shape} (a resource or scope the row does not have, given attributes). */
    public static PartialMessage empty(MessageShape shape) {
        return new PartialMessage(shape, new byte[0], 0, 0, 0, 0);
    }

    public MessageShape shape() {
        return shape;
    }

    public long time() {
        return time;
    }

    /** Whether this and {@code other} have the same own fields (children not compared). */
    public boolean sameOwnFields(PartialMessage other) {
        return shape == other.shape && Arrays.equals(own, other.own);
    }

    /** Whether this message, of {@code shape}, has the own fields {@code fields} holds (slots at the same places). */
    boolean sameOwnFields(MessageShape shape, ProtoWriter fields) {
        return this.shape == shape && fields.contentEquals(own);
    }

    /** The own fields, for grouping rows by content. */
    public ByteBuffer ownFields() {
        return ByteBuffer.wrap(own).asReadOnlyBuffer();
    }

    /** Adds {@code child} as the last one of {@code slot}. */
    public void add(int slot, PartialMessage child) {
        if (child.next != null || size >= 0) throw new IllegalStateException("a message added twice or after sizing");
        if (children == null) children = new PartialMessage[2 * shape.slots()];
        PartialMessage last = children[2 * slot + 1];
        if (last == null) children[2 * slot] = child;
        else last.next = child;
        children[2 * slot + 1] = child;
    }

    /** The first child of {@code slot}, or null; the others follow by {@link #next()}. */
    public PartialMessage first(int slot) {
        return children == null ? null : children[2 * slot];
    }

    public PartialMessage next() {
        return next;
    }

    /** Leaves out of {@code slot} the children whose time {@code keepTime} refuses; returns how many are left. */
    public int retain(int slot, LongPredicate keepTime) {
        if (size >= 0) throw new IllegalStateException("children left out after sizing");
        int kept = 0;
        PartialMessage last = null;
        for (PartialMessage c = first(slot); c != null; c = c.next) {
            if (!keepTime.test(c.time)) continue;
            if (last == null) children[2 * slot] = c;
            else last.next = c;
            last = c;
            kept++;
        }
        if (children != null) {
            if (last == null) children[2 * slot] = null;
            else last.next = null;
            children[2 * slot + 1] = last;
        }
        return kept;
    }

    /** The encoded size: own fields and children. */
    public int size() {
        if (size < 0) size = sizeWith(null);
        return size;
    }

    /** The encoded size with {@code extra} children in slot 0 (a resource's or scope's attributes). */
    public int sizeWith(List<PartialMessage> extra) {
        long total = own.length;
        for (int slot = 0; slot < shape.slots(); slot++) {
            int tagSize = CodedOutputStream.computeTagSize(shape.slotField(slot));
            for (PartialMessage c = first(slot); c != null; c = c.next) total += tagSize + delimited(c.size());
        }
        if (extra != null) {
            int tagSize = CodedOutputStream.computeTagSize(shape.slotField(0));
            for (PartialMessage c : extra) total += tagSize + delimited(c.size());
        }
        if (total > Integer.MAX_VALUE - 16) throw new IllegalStateException("an OTLP message past 2 GiB");
        return (int) total;
    }

    private static long delimited(int size) {
        return CodedOutputStream.computeUInt32SizeNoTag(size) + (long) size;
    }

    /** Writes the message's fields (not its tag and length). */
    public void writeTo(CodedOutputStream out) {
        writeTo(out, null);
    }

    /** Writes the message's fields with {@code extra} children in slot 0, after its own. */
    public void writeTo(CodedOutputStream out, List<PartialMessage> extra) {
        try {
            int from = 0;
            for (int slot = 0; slot < shape.slots(); slot++) {
                int at = slot == 0 ? at0 : slot == 1 ? at1 : at2;
                out.writeRawBytes(own, from, at - from);
                from = at;
                int field = shape.slotField(slot);
                for (PartialMessage c = first(slot); c != null; c = c.next) c.writeAsField(out, field);
                if (slot == 0 && extra != null) {
                    for (PartialMessage c : extra) c.writeAsField(out, field);
                }
            }
            out.writeRawBytes(own, from, own.length - from);
        } catch (IOException e) {
            throw new UncheckedIOException("writing into an array", e);
        }
    }

    /** Writes the message as field {@code field} of its parent: tag, length, fields. */
    public void writeAsField(CodedOutputStream out, int field) throws IOException {
        out.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(size());
        writeTo(out);
    }
}
