package io.pqflux.otlp.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import io.pqflux.nested.SlotReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes protobuf messages field by field, without message objects, into one reusable buffer; the bytes are those
 * protobuf-java's serialization of the same message gives, when fields are written in field-number order (as
 * protobuf-java writes them) and each field with the presence its declaration has:
 * <ul>
 *   <li>a proto3 field without presence ({@link #string}, {@link #uint32}, {@link #fixed64}, …) is left out at its
 *       default value;</li>
 *   <li>a oneof member or {@code optional} field is written whenever it is set, default or not
 *       ({@link #stringAlways}, {@link #int64Always}, {@link #doubleAlways}, …);</li>
 *   <li>a message field is written whenever it is set, empty or not: {@link #begin} … {@link #end}.</li>
 * </ul>
 * A nested message's length is written before its content: {@link #begin} reserves one byte for it, and {@link #end}
 * moves the content up when the length needs more (content of 128 bytes or more), so nothing is sized twice. Each
 * byte moves once per enclosing message of 128 bytes or more; small messages (attributes, values) never move.
 *
 * <p>Not thread-safe: one writer per thread, reused with {@link #reset()}.
 */
public final class ProtoWriter {

    /** The largest buffer: Java arrays end a little below 2 GiB. */
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 16;
    private static final int WIRE_VARINT = 0;
    private static final int WIRE_FIXED64 = 1;
    private static final int WIRE_LENGTH_DELIMITED = 2;
    private static final int WIRE_FIXED32 = 5;
    /** Eight bytes of the buffer at a time, for the ASCII check of copied text. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private byte[] buffer;
    private int position;

    /** @param initialCapacity the buffer's first size in bytes; it doubles as needed */
    public ProtoWriter(int initialCapacity) {
        if (initialCapacity < 16) throw new IllegalArgumentException("initialCapacity " + initialCapacity + " < 16");
        buffer = new byte[initialCapacity];
    }

    /** Forgets what was written; the buffer is kept for the next message. */
    public void reset() {
        position = 0;
    }

    /** The bytes written so far. */
    public int size() {
        return position;
    }

    /** Whether everything written so far is {@code bytes}, byte for byte. */
    public boolean contentEquals(byte[] bytes) {
        return Arrays.equals(buffer, 0, position, bytes, 0, bytes.length);
    }

    /**
     * Drops what was written after the first {@code size} bytes: a field written speculatively, taken back. Marks of
     * messages begun after that point are void.
     */
    public void truncate(int size) {
        if (size < 0 || size > position) {
            throw new IllegalArgumentException("cannot truncate " + position + " bytes written to " + size);
        }
        position = size;
    }

    /** A copy of everything written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, position);
    }

    // ---- messages

    /**
     * Starts the message field {@code field}; returns the mark {@link #end(int)} takes. Fields of the nested message
     * follow, in field-number order.
     */
    public int begin(int field) {
        tag(field, WIRE_LENGTH_DELIMITED);
        ensure(1);
        position++;
        return position;
    }

    /** Ends the message field {@code begin} returned {@code mark} for: its length goes before its content. */
    public void end(int mark) {
        int length = position - mark;
        if (length < 0x80) {
            buffer[mark - 1] = (byte) length;
            return;
        }
        int extra = varintSize(length) - 1;
        ensure(extra);
        System.arraycopy(buffer, mark, buffer, mark + extra, length);
        int at = mark - 1;
        long value = length;
        while (value >= 0x80) {
            buffer[at++] = (byte) (value | 0x80);
            value >>>= 7;
        }
        buffer[at] = (byte) value;
        position += extra;
    }

    /** The content length of the message {@code begin} returned {@code mark} for, before its {@link #end}. */
    public int lengthSince(int mark) {
        return position - mark;
    }

    /** The message field {@code field} holding {@code message}, serialized by protobuf-java (for rare shapes). */
    public void message(int field, MessageLite message) {
        tag(field, WIRE_LENGTH_DELIMITED);
        int size = message.getSerializedSize();
        varint(size);
        ensure(size);
        CodedOutputStream out = CodedOutputStream.newInstance(buffer, position, size);
        try {
            message.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing into an array", e);
        }
        out.checkNoSpaceLeft();
        position += size;
    }

    /**
     * Bytes already in the wire format (a whole field or fields, tags included), copied as they are: the encoded
     * fields of a message stored encoded.
     */
    public void raw(byte[] encoded, int offset, int length) {
        ensure(length);
        System.arraycopy(encoded, offset, buffer, position, length);
        position += length;
    }

    // ---- fields without presence: left out at their default

    /** A {@code string} field; left out when empty. */
    public void string(int field, String value) {
        if (!value.isEmpty()) stringAlways(field, value);
    }

    /**
     * A {@code string} field from stored UTF-8 bytes, {@code store[offset, offset + length)} (a column's value,
     * {@link #stringAlways(int, MemorySegment, long, int)}); left out when empty.
     */
    public void string(int field, MemorySegment store, long offset, int length) {
        if (length != 0) stringAlways(field, store, offset, length);
    }

    /**
     * A {@code string} field holding the text at {@code slot} of a column, copied from its stored UTF-8 bytes
     * ({@link #stringAlways(int, MemorySegment, long, int)}); left out when empty or null.
     */
    public void string(int field, SlotReader column, int slot) {
        if (!column.isNull(slot)) string(field, column.byteStore(), column.byteOffset(slot), column.byteLength(slot));
    }

    /** A {@code bytes} field; left out when empty. */
    public void bytes(int field, byte[] value) {
        if (value.length > 0) bytesAlways(field, value);
    }

    /** A {@code bytes} field; left out when empty. */
    public void bytes(int field, ByteString value) {
        if (!value.isEmpty()) bytesAlways(field, value);
    }

    /** A {@code bytes} field from a column's bytes; left out when empty. */
    public void bytes(int field, MemorySegment value) {
        if (value.byteSize() > 0) bytesAlways(field, value);
    }

    /** A {@code bytes} field holding the bytes at {@code slot} of a column, copied from its store; left out when empty or null. */
    public void bytes(int field, SlotReader column, int slot) {
        if (!column.isNull(slot) && column.byteLength(slot) > 0) bytesAlways(field, column, slot);
    }

    /** An {@code int32} or enum field: negative values take ten bytes, as protobuf writes them. */
    public void int32(int field, int value) {
        if (value != 0) int32Always(field, value);
    }

    /** A {@code uint32} field. */
    public void uint32(int field, int value) {
        if (value != 0) {
            tag(field, WIRE_VARINT);
            varint(Integer.toUnsignedLong(value));
        }
    }

    /** An {@code int64} or {@code uint64} field. */
    public void int64(int field, long value) {
        if (value != 0) int64Always(field, value);
    }

    /** A {@code fixed64} or {@code sfixed64} field. */
    public void fixed64(int field, long value) {
        if (value != 0) fixed64Always(field, value);
    }

    /** A {@code fixed32} or {@code sfixed32} field. */
    public void fixed32(int field, int value) {
        if (value != 0) {
            tag(field, WIRE_FIXED32);
            ensure(4);
            for (int i = 0; i < 4; i++) buffer[position++] = (byte) (value >>> (8 * i));
        }
    }

    /** A {@code sint32} field (zigzag-encoded). */
    public void sint32(int field, int value) {
        if (value != 0) {
            tag(field, WIRE_VARINT);
            varint(Integer.toUnsignedLong(value << 1 ^ value >> 31));
        }
    }

    /** A {@code double} field; left out only at +0.0 ({@code -0.0} and NaN are written, as protobuf-java does). */
    public void float64(int field, double value) {
        if (Double.doubleToRawLongBits(value) != 0) doubleAlways(field, value);
    }

    /** A {@code bool} field. */
    public void bool(int field, boolean value) {
        if (value) boolAlways(field, true);
    }

    // ---- fields with presence (oneof members, optional): written whenever set

    public void stringAlways(int field, String value) {
        int mark = begin(field);
        utf8(value);
        end(mark);
    }

    /**
     * A {@code string} field from stored UTF-8 bytes, {@code store[offset, offset + length)}, written as protobuf-java
     * writes the {@code String} a builder gets from them ({@code new String(bytes, UTF_8)}): well-formed text, nearly
     * all stored text, is copied as it is, without a {@code String} in between (decoding and encoding it again gives
     * the same bytes); malformed text is decoded by the JDK and written as {@link #stringAlways(int, String)} writes it,
     * so that each malformed sequence comes out as the U+FFFD the decoding made of it.
     */
    public void stringAlways(int field, MemorySegment store, long offset, int length) {
        if (length < 0) throw new IllegalArgumentException("a string field of " + length + " bytes");
        int mark = begin(field);
        ensure(length);
        int start = position;
        MemorySegment.copy(store, ValueLayout.JAVA_BYTE, offset, buffer, start, length);
        position += length;
        if (!ascii(buffer, start, position) && Utf8.firstMalformed(MemorySegment.ofArray(buffer), start, position) >= 0) {
            String text = new String(buffer, start, length, StandardCharsets.UTF_8);
            position = start;
            utf8(text);
        }
        end(mark);
    }

    /** The same for a oneof member: written even when empty; a null slot is the empty string. */
    public void stringAlways(int field, SlotReader column, int slot) {
        if (column.isNull(slot)) stringAlways(field, "");
        else stringAlways(field, column.byteStore(), column.byteOffset(slot), column.byteLength(slot));
    }

    public void bytesAlways(int field, byte[] value) {
        tag(field, WIRE_LENGTH_DELIMITED);
        varint(value.length);
        raw(value, 0, value.length);
    }

    public void bytesAlways(int field, ByteString value) {
        tag(field, WIRE_LENGTH_DELIMITED);
        int length = value.size();
        varint(length);
        ensure(length);
        value.copyTo(buffer, position);
        position += length;
    }

    public void bytesAlways(int field, MemorySegment value) {
        long length = value.byteSize();
        if (length > MAX_CAPACITY) throw new IllegalArgumentException("a bytes field of " + length + " bytes");
        bytesAlways(field, value, 0, (int) length);
    }

    /** The same for a oneof member: written even when empty; a null slot is empty bytes. */
    public void bytesAlways(int field, SlotReader column, int slot) {
        if (column.isNull(slot)) bytesAlways(field, MemorySegment.NULL, 0, 0);
        else bytesAlways(field, column.byteStore(), column.byteOffset(slot), column.byteLength(slot));
    }

    /** The same from {@code store[offset, offset + length)}, copied as it is. */
    public void bytesAlways(int field, MemorySegment store, long offset, int length) {
        if (length < 0) throw new IllegalArgumentException("a bytes field of " + length + " bytes");
        tag(field, WIRE_LENGTH_DELIMITED);
        varint(length);
        ensure(length);
        MemorySegment.copy(store, ValueLayout.JAVA_BYTE, offset, buffer, position, length);
        position += length;
    }

    public void int32Always(int field, int value) {
        tag(field, WIRE_VARINT);
        varint(value);
    }

    public void int64Always(int field, long value) {
        tag(field, WIRE_VARINT);
        varint(value);
    }

    public void fixed64Always(int field, long value) {
        tag(field, WIRE_FIXED64);
        ensure(8);
        for (int i = 0; i < 8; i++) buffer[position++] = (byte) (value >>> (8 * i));
    }

    public void doubleAlways(int field, double value) {
        fixed64Always(field, Double.doubleToRawLongBits(value));
    }

    public void boolAlways(int field, boolean value) {
        tag(field, WIRE_VARINT);
        ensure(1);
        buffer[position++] = (byte) (value ? 1 : 0);
    }

    // ---- elements of a packed repeated field, between begin and end (an empty field is left out by not beginning it)

    /** An element of a packed {@code repeated fixed64}. */
    public void fixed64Element(long value) {
        ensure(8);
        for (int i = 0; i < 8; i++) buffer[position++] = (byte) (value >>> (8 * i));
    }

    /** An element of a packed {@code repeated double}. */
    public void doubleElement(double value) {
        fixed64Element(Double.doubleToRawLongBits(value));
    }

    /** An element of a packed {@code repeated uint64}. */
    public void uint64Element(long value) {
        varint(value);
    }

    // ---- the wire

    private void tag(int field, int wireType) {
        varint(Integer.toUnsignedLong(field << 3 | wireType));
    }

    /** A varint of the value's 64 bits (an int is sign-extended: a negative {@code int32} takes ten bytes). */
    private void varint(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            buffer[position++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buffer[position++] = (byte) value;
    }

    /** Bytes the varint of {@code value} (not negative) takes. */
    private static int varintSize(int value) {
        return (38 - Integer.numberOfLeadingZeros(value | 1)) / 7;
    }

    /**
     * The string as UTF-8, as protobuf-java writes it: an unpaired surrogate becomes {@code '?'} (its fallback,
     * {@link String#getBytes}, replaces it so).
     */
    private void utf8(String value) {
        int length = value.length();
        ensure(length);
        int i = 0;
        // ASCII, the common case, a byte per char
        for (; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) break;
            buffer[position++] = (byte) c;
        }
        for (; i < length; i++) {
            char c = value.charAt(i);
            ensure(4);
            if (c < 0x80) {
                buffer[position++] = (byte) c;
            } else if (c < 0x800) {
                buffer[position++] = (byte) (0xC0 | c >>> 6);
                buffer[position++] = (byte) (0x80 | (c & 0x3F));
            } else if (!Character.isSurrogate(c)) {
                buffer[position++] = (byte) (0xE0 | c >>> 12);
                buffer[position++] = (byte) (0x80 | (c >>> 6 & 0x3F));
                buffer[position++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, value.charAt(++i));
                buffer[position++] = (byte) (0xF0 | codePoint >>> 18);
                buffer[position++] = (byte) (0x80 | (codePoint >>> 12 & 0x3F));
                buffer[position++] = (byte) (0x80 | (codePoint >>> 6 & 0x3F));
                buffer[position++] = (byte) (0x80 | (codePoint & 0x3F));
            } else {
                buffer[position++] = '?';
            }
        }
    }

    /** Whether {@code bytes[from, to)} are all ASCII: eight at a time, then one by one. */
    private static boolean ascii(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            if (((long) LONGS.get(bytes, i) & HIGH_BITS) != 0) return false;
        }
        for (; i < to; i++) {
            if (bytes[i] < 0) return false;
        }
        return true;
    }

    /** Room for {@code bytes} more. */
    private void ensure(int bytes) {
        if (buffer.length - position < bytes) grow(bytes);
    }

    /** Kept apart from {@link #ensure}, so that the check inlines everywhere and the copy does not. */
    private void grow(int bytes) {
        long needed = (long) position + bytes;
        if (needed > MAX_CAPACITY) {
            throw new IllegalStateException("a protobuf message past " + MAX_CAPACITY + " bytes");
        }
        buffer = Arrays.copyOf(buffer, (int) Math.min(MAX_CAPACITY, Math.max(needed, 2L * buffer.length)));
    }
}
