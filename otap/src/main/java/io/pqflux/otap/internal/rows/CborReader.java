package io.pqflux.otap.internal.rows;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.pqflux.otlp.wire.ProtoWriter;
import io.pqflux.otlp.wire.Utf8;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Reads the CBOR (RFC 8949) of an OTAP {@code ser} value, a map or an array, straight from the column's bytes and
 * writes it as the fields of an OTLP {@code AnyValue}. No parser object is made per value and ASCII text is copied as
 * stored: a general CBOR parser (Jackson's) per value was a third of the allocation of an OTAP replay.
 *
 * <p>It accepts what the OTAP Rust decoder accepts: null, booleans, integers that fit 64 bits, half, single and double
 * floats, byte strings, well-formed UTF-8 text, arrays and maps with text keys, each container of definite or
 * indefinite length, each string whole or in chunks; undefined reads as null, as Jackson reads it. Anything else is
 * refused with the byte it starts at: tags, other simple values, keys that are not text, malformed UTF-8 (overlong
 * forms and encoded surrogates included), reserved additional information, a break outside an indefinite-length
 * container, an item cut short, bytes after the value, nesting deeper than {@link #MAX_DEPTH}. A half-precision NaN
 * keeps its sign and payload.
 *
 * <p>Reused value after value by one chunk's columns; not thread-safe.
 */
final class CborReader {

    /** Containers a value may nest within its outermost one; the 65th level is refused. */
    static final int MAX_DEPTH = 64;

    private static final int UNSIGNED = 0, NEGATIVE = 1, BYTE_STRING = 2, TEXT = 3, ARRAY = 4, MAP = 5, TAG = 6;
    private static final int INDEFINITE = 31;
    private static final int BREAK = 0xFF;
    private static final int STRING_VALUE = AnyValue.STRING_VALUE_FIELD_NUMBER, BOOL_VALUE = AnyValue.BOOL_VALUE_FIELD_NUMBER,
            INT_VALUE = AnyValue.INT_VALUE_FIELD_NUMBER, DOUBLE_VALUE = AnyValue.DOUBLE_VALUE_FIELD_NUMBER,
            ARRAY_VALUE = AnyValue.ARRAY_VALUE_FIELD_NUMBER, KVLIST_VALUE = AnyValue.KVLIST_VALUE_FIELD_NUMBER,
            BYTES_VALUE = AnyValue.BYTES_VALUE_FIELD_NUMBER;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    /** What a CBOR value has wrong, and at which of its bytes. */
    static final class MalformedCborException extends Exception {
        MalformedCborException(String message) {
            super(message, null, false, false);
        }
    }

    private MemorySegment in;
    private long start, position, end;
    private ProtoWriter out;
    /** The string {@link #string} read last: {@code stringStore[stringOffset, stringOffset + stringLength)}. */
    private MemorySegment stringStore;
    private long stringOffset;
    private int stringLength;

    /**
     * Writes the {@code AnyValue} fields of the CBOR map ({@code map}) or array that is the whole of {@code in[offset,
     * offset + length)}.
     */
    void write(MemorySegment in, long offset, int length, boolean map, ProtoWriter out) throws MalformedCborException {
        this.in = in;
        this.out = out;
        start = position = offset;
        end = offset + length;
        try {
            int initial = peek();
            if (initial >>> 5 != (map ? MAP : ARRAY)) {
                throw malformed(position, describe(initial) + " where " + (map ? "a map" : "an array") + " belongs");
            }
            value(0);
            if (position != end) throw malformed(position, (end - position) + " bytes follow the value");
        } finally {
            // the store is a batch's memory: not kept past the value
            this.in = null;
            this.out = null;
            stringStore = null;
        }
    }

    /** Writes the fields of the value at {@link #position}, {@code depth} containers deep. */
    private void value(int depth) throws MalformedCborException {
        if (depth > MAX_DEPTH) throw malformed(position, "nests deeper than " + MAX_DEPTH + " levels");
        long at = position;
        int initial = next();
        int info = initial & 0x1F;
        switch (initial >>> 5) {
            case UNSIGNED -> {
                long n = argument(at, initial);
                if (n < 0) throw malformed(at, "integer " + Long.toUnsignedString(n) + " does not fit 64 bits");
                out.int64Always(INT_VALUE, n);
            }
            case NEGATIVE -> {
                long n = argument(at, initial);
                if (n < 0) throw malformed(at, "integer -1-" + Long.toUnsignedString(n) + " does not fit 64 bits");
                out.int64Always(INT_VALUE, -1 - n);
            }
            case BYTE_STRING -> {
                string(at, initial);
                out.bytesAlways(BYTES_VALUE, stringStore, stringOffset, stringLength);
            }
            case TEXT -> {
                string(at, initial);
                out.stringAlways(STRING_VALUE, stringStore, stringOffset, stringLength);
            }
            case ARRAY -> container(at, initial, depth, false);
            case MAP -> container(at, initial, depth, true);
            case TAG -> throw malformed(at, "a CBOR tag (" + Long.toUnsignedString(argument(at, initial)) + ")");
            default -> simple(at, info);
        }
    }

    /**
     * The map ({@code map}) or array whose initial byte, at {@code at}, was read: an {@code AnyValue}'s {@code
     * KeyValueList} or {@code ArrayValue}, its items up to a break or as many as it declares.
     */
    private void container(long at, int initial, int depth, boolean map) throws MalformedCborException {
        int container = out.begin(map ? KVLIST_VALUE : ARRAY_VALUE);
        if ((initial & 0x1F) == INDEFINITE) {
            while (peek() != BREAK) item(depth, map);
            position++;
        } else {
            long count = argument(at, initial);
            requireItems(at, count, map ? 2 : 1);
            for (long i = 0; i < count; i++) item(depth, map);
        }
        out.end(container);
    }

    private void item(int depth, boolean map) throws MalformedCborException {
        if (map) entry(depth);
        else element(depth);
    }

    /** An array element: an {@code AnyValue} in the {@code ArrayValue}. */
    private void element(int depth) throws MalformedCborException {
        int value = out.begin(ArrayValue.VALUES_FIELD_NUMBER);
        value(depth + 1);
        out.end(value);
    }

    /** A map entry: a {@code KeyValue} in the {@code KeyValueList}. */
    private void entry(int depth) throws MalformedCborException {
        long at = position;
        int initial = next();
        if (initial >>> 5 != TEXT) throw malformed(at, "a map key is " + describe(initial) + ", not text");
        string(at, initial);
        int entry = out.begin(KeyValueList.VALUES_FIELD_NUMBER);
        out.string(KeyValue.KEY_FIELD_NUMBER, stringStore, stringOffset, stringLength);
        int value = out.begin(KeyValue.VALUE_FIELD_NUMBER);
        value(depth + 1);
        out.end(value);
        out.end(entry);
    }

    /** Major type 7: false, true, null, undefined and the three float widths; no other simple value is an AnyValue. */
    private void simple(long at, int info) throws MalformedCborException {
        switch (info) {
            case 20 -> out.boolAlways(BOOL_VALUE, false);
            case 21 -> out.boolAlways(BOOL_VALUE, true);
            case 22, 23 -> { } // null and undefined: the empty value
            case 24 -> throw malformed(at, "the CBOR simple value " + next() + " is not an AnyValue");
            case 25 -> out.doubleAlways(DOUBLE_VALUE, Float.float16ToFloat((short) read(2)));
            case 26 -> out.doubleAlways(DOUBLE_VALUE, Float.intBitsToFloat((int) read(4)));
            case 27 -> out.doubleAlways(DOUBLE_VALUE, Double.longBitsToDouble(read(8)));
            case 28, 29, 30 -> throw malformed(at, "reserved additional information " + info);
            case INDEFINITE -> throw malformed(at, "a break where a value belongs");
            default -> throw malformed(at, "the CBOR simple value " + info + " is not an AnyValue");
        }
    }

    /**
     * Reads the byte or text string whose initial byte, at {@code at}, was read, into {@link #stringStore}: a whole
     * string is where it is stored; the chunks of an indefinite-length one are joined in a new array. Text must be
     * well-formed UTF-8, each chunk on its own.
     */
    private void string(long at, int initial) throws MalformedCborException {
        int major = initial >>> 5;
        if ((initial & 0x1F) != INDEFINITE) {
            stringLength = stringBytes(at, initial);
            stringOffset = position - stringLength;
            stringStore = in;
            return;
        }
        long first = position;
        long total = 0;
        while (peek() != BREAK) {
            long chunkAt = position;
            int chunk = next();
            if (chunk >>> 5 != major || (chunk & 0x1F) == INDEFINITE) {
                throw malformed(chunkAt, describe(chunk) + " inside an indefinite-length "
                        + (major == TEXT ? "text" : "byte") + " string, which holds only whole ones");
            }
            total += stringBytes(chunkAt, chunk);
        }
        long after = ++position;
        // the chunks lie within the value's bytes, so the joined string is no longer than the value
        byte[] joined = new byte[(int) total];
        position = first;
        for (int filled = 0; filled < total; ) {
            int chunk = next();
            int length = (int) argument(position - 1, chunk);
            MemorySegment.copy(in, ValueLayout.JAVA_BYTE, position, joined, filled, length);
            filled += length;
            position += length;
        }
        position = after;
        stringStore = MemorySegment.ofArray(joined);
        stringOffset = 0;
        stringLength = joined.length;
    }

    /**
     * Reads the length of the whole string whose initial byte, at {@code at}, was read, checks its bytes are there (and
     * are UTF-8 for text) and moves past them.
     */
    private int stringBytes(long at, int initial) throws MalformedCborException {
        long length = argument(at, initial);
        if (length < 0 || length > end - position) {
            throw malformed(at, "a string of " + Long.toUnsignedString(length) + " bytes where " + (end - position)
                    + " remain");
        }
        if (initial >>> 5 == TEXT) requireUtf8(position, position + length);
        position += length;
        return (int) length;
    }

    /**
     * The argument of the item whose initial byte, at {@code at}, was read: the value of an integer, the length of a
     * string, the count of a container, the number of a tag.
     */
    private long argument(long at, int initial) throws MalformedCborException {
        int info = initial & 0x1F;
        if (info < 24) return info;
        return switch (info) {
            case 24 -> next();
            case 25 -> read(2);
            case 26 -> read(4);
            case 27 -> read(8);
            case INDEFINITE -> throw malformed(at, describe(initial) + " of indefinite length");
            default -> throw malformed(at, "reserved additional information " + info);
        };
    }

    /** A container of {@code count} items, each at least {@code bytesPerItem}: refused at once when they cannot fit. */
    private void requireItems(long at, long count, int bytesPerItem) throws MalformedCborException {
        if (count < 0 || count > (end - position) / bytesPerItem) {
            throw malformed(at, "a container of " + Long.toUnsignedString(count) + " items in " + (end - position)
                    + " bytes");
        }
    }

    /** Refuses text that is not well-formed UTF-8, as the Rust decoder does. */
    private void requireUtf8(long from, long to) throws MalformedCborException {
        long bad = Utf8.firstMalformed(in, from, to);
        if (bad >= 0) {
            throw malformed(bad, "text that is not UTF-8 (byte 0x"
                    + Integer.toHexString(in.get(ValueLayout.JAVA_BYTE, bad) & 0xFF) + ")");
        }
    }

    private int peek() throws MalformedCborException {
        if (position >= end) throw malformed(position, "the value ends early");
        return in.get(ValueLayout.JAVA_BYTE, position) & 0xFF;
    }

    private int next() throws MalformedCborException {
        int b = peek();
        position++;
        return b;
    }

    /** The next {@code bytes} (2, 4 or 8) as a big-endian unsigned number. */
    private long read(int bytes) throws MalformedCborException {
        require(bytes);
        long value = switch (bytes) {
            case 2 -> in.get(SHORT, position) & 0xFFFF;
            case 4 -> in.get(INT, position) & 0xFFFF_FFFFL;
            default -> in.get(LONG, position);
        };
        position += bytes;
        return value;
    }

    private void require(int bytes) throws MalformedCborException {
        if (end - position < bytes) throw malformed(position, "the value ends early");
    }

    private MalformedCborException malformed(long at, String what) {
        return new MalformedCborException("byte " + (at - start) + ": " + what);
    }

    private static String describe(int initial) {
        return switch (initial >>> 5) {
            case UNSIGNED -> "an unsigned integer";
            case NEGATIVE -> "a negative integer";
            case BYTE_STRING -> "a byte string";
            case TEXT -> "a text string";
            case ARRAY -> "an array";
            case MAP -> "a map";
            case TAG -> "a tag";
            default -> initial == BREAK ? "a break" : "a simple value or float";
        };
    }
}
