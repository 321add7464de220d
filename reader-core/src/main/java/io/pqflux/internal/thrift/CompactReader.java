package io.pqflux.internal.thrift;

import io.pqflux.internal.codec.encoding.LittleEndian;
import io.pqflux.error.CorruptFileException;
import io.pqflux.error.SourceLocation;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * A Thrift compact-protocol reader working directly on a {@link MemorySegment}.
 *
 * <p>Every size the input declares is checked against the bytes that remain before anything is
 * allocated, and nesting is bounded, so hostile input yields a {@link CorruptFileException} naming the
 * absolute file offset instead of an out-of-memory error or a stack overflow.
 */
public final class CompactReader {

    public static final byte STOP = 0;
    public static final byte BOOLEAN_TRUE = 1;
    public static final byte BOOLEAN_FALSE = 2;
    public static final byte BYTE = 3;
    public static final byte I16 = 4;
    public static final byte I32 = 5;
    public static final byte I64 = 6;
    public static final byte DOUBLE = 7;
    public static final byte BINARY = 8;
    public static final byte LIST = 9;
    public static final byte SET = 10;
    public static final byte MAP = 11;
    public static final byte STRUCT = 12;
    public static final byte UUID = 13;

    private static final int MAX_DEPTH = 64;

    private final MemorySegment segment;
    private final long limit;
    private final long fileOffset;
    private final SourceLocation location;
    private long position;

    private final short[] lastFieldIds = new short[MAX_DEPTH];
    private int depth;
    private byte[] stringBuffer = new byte[0];
    private short fieldId;
    private byte fieldType;

    /**
     * @param segment    the bytes to read, starting at offset 0
     * @param fileOffset where {@code segment} starts in the file, for error messages
     * @param location   file (and column) the bytes belong to, for error messages
     */
    public CompactReader(MemorySegment segment, long fileOffset, SourceLocation location) {
        this.segment = segment;
        this.limit = segment.byteSize();
        this.fileOffset = fileOffset;
        this.location = location;
    }

    /** Bytes consumed so far. */
    public long position() {
        return position;
    }

    /**
     * When the {@code length} bytes at the current position equal the {@code length} bytes at {@code earlier} (where
     * a value was decoded before), skips them and returns true: the value here is the same, so the caller may reuse
     * what it decoded there. Thrift's encoding is self-delimiting, so equal bytes are an equal value of equal size.
     */
    public boolean skipIfRepeats(long earlier, long length) {
        if (length > limit - position) return false;
        // eight bytes at a time: these values are a few dozen bytes, too short for MemorySegment.mismatch's setup
        long here = position, there = earlier, end = position + length;
        for (; end - here >= 8; here += 8, there += 8) {
            if (segment.get(LittleEndian.LONG, here) != segment.get(LittleEndian.LONG, there)) return false;
        }
        for (; here < end; here++, there++) {
            if (segment.get(ValueLayout.JAVA_BYTE, here) != segment.get(ValueLayout.JAVA_BYTE, there)) return false;
        }
        position = end;
        return true;
    }

    public void beginStruct() {
        if (depth == MAX_DEPTH) throw corrupt("Thrift structures nested deeper than " + MAX_DEPTH);
        lastFieldIds[depth++] = 0;
    }

    public void endStruct() {
        depth--;
    }

    /**
     * Reads up to the next field of the current struct that {@code expectedTypes} (indexed by field id, 0 =
     * not a field of this struct) declares with the wire type found. Other fields are skipped, as Thrift
     * itself does: unknown ids come from newer writers, and a known id with another type is a foreign
     * extension (some writers reuse ids). Returns false at the struct's STOP marker.
     */
    public boolean nextField(byte[] expectedTypes) {
        while (nextField()) {
            byte expected = fieldId > 0 && fieldId < expectedTypes.length ? expectedTypes[fieldId] : STOP;
            if (expected != STOP && sameWireType(expected, fieldType)) return true;
            skipField();
        }
        return false;
    }

    private static boolean sameWireType(byte expected, byte actual) {
        if (expected == actual) return true;
        if (expected == BOOLEAN_TRUE || expected == BOOLEAN_FALSE) return actual == BOOLEAN_TRUE || actual == BOOLEAN_FALSE;
        if (expected == LIST || expected == SET) return actual == LIST || actual == SET;
        return expected == actual;
    }

    /**
     * Reads the next field header of the current struct, whatever its id and type. Returns false at the
     * struct's STOP marker; otherwise {@link #fieldId()} and {@link #fieldType()} describe the field.
     */
    public boolean nextField() {
        int header = readUnsignedByte();
        byte type = (byte) (header & 0x0F);
        if (type == STOP) return false;
        int delta = header >>> 4;
        short previous = lastFieldIds[depth - 1];
        short id = delta == 0 ? (short) zigzag32(readVarint32()) : (short) (previous + delta);
        lastFieldIds[depth - 1] = id;
        fieldId = id;
        fieldType = type;
        return true;
    }

    public short fieldId() {
        return fieldId;
    }

    public byte fieldType() {
        return fieldType;
    }

    /** The value of a boolean struct field, which the compact protocol stores in the field header. */
    public boolean fieldBoolean(String field) {
        if (fieldType == BOOLEAN_TRUE) return true;
        if (fieldType == BOOLEAN_FALSE) return false;
        throw wrongType(field, "bool");
    }

    public byte readByte(String field) {
        expect(BYTE, field, "i8");
        return (byte) readUnsignedByte();
    }

    public short readI16(String field) {
        expect(I16, field, "i16");
        return (short) zigzag32(readVarint32());
    }

    public int readI32(String field) {
        expect(I32, field, "i32");
        return zigzag32(readVarint32());
    }

    public long readI64(String field) {
        expect(I64, field, "i64");
        return zigzag64(readVarint64());
    }

    public double readDouble(String field) {
        expect(DOUBLE, field, "double");
        require(8, "double");
        double value = segment.get(LittleEndian.DOUBLE, position);
        position += 8;
        return value;
    }

    public byte[] readBinary(String field) {
        expect(BINARY, field, "binary");
        return binaryBody();
    }

    public String readString(String field) {
        expect(BINARY, field, "string");
        return stringBody();
    }

    /** Reads a whole list field, each element with {@code element} (e.g. {@code CompactReader::elementI64}). */
    public <T> List<T> readList(String field, byte elementType, Function<CompactReader, T> element) {
        int n = beginList(field, elementType);
        List<T> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) list.add(element.apply(this));
        return Collections.unmodifiableList(list);
    }

    /** Starts a list field; returns its size. Elements are then read with the {@code element*} methods. */
    public int beginList(String field, byte elementType) {
        if (fieldType != LIST && fieldType != SET) throw wrongType(field, "list");
        return listHeader(field, elementType);
    }

    /** Starts a list that is itself an element of a list (or any position without a field header). */
    public int listHeader(String field, byte elementType) {
        int header = readUnsignedByte();
        int size = header >>> 4;
        if (size == 15) {
            size = readVarint32();
            if (size < 0) throw corrupt(field + ": negative list size " + size);
        }
        byte actual = (byte) (header & 0x0F);
        if (size > 0 && !compatibleElement(elementType, actual)) {
            throw corrupt(field + ": list of type " + typeName(actual) + " where " + typeName(elementType) + " was expected");
        }
        // Every element takes at least one byte, which bounds what a declared size can make us allocate.
        if (size > limit - position) {
            throw corrupt(field + ": list declares " + size + " elements but only " + (limit - position) + " bytes remain");
        }
        return size;
    }

    /**
     * Thrift's generated readers ignore the declared element type of a list, so files written with i16 or
     * i64 elements where the IDL says i32 read fine elsewhere: all three are zigzag varints on the wire.
     */
    private static boolean compatibleElement(byte expected, byte actual) {
        if (expected == I16 || expected == I32 || expected == I64) return actual == I16 || actual == I32 || actual == I64;
        if (expected == BOOLEAN_TRUE || expected == BOOLEAN_FALSE) return actual == BOOLEAN_TRUE || actual == BOOLEAN_FALSE;
        return expected == actual;
    }

    public boolean elementBoolean(String field) {
        int b = readUnsignedByte();
        if (b == BOOLEAN_TRUE) return true;
        if (b == BOOLEAN_FALSE || b == 0) return false;
        throw corrupt(field + ": invalid boolean list element " + b);
    }

    public int elementI32() {
        return zigzag32(readVarint32());
    }

    public long elementI64() {
        return zigzag64(readVarint64());
    }

    public byte[] elementBinary() {
        return binaryBody();
    }

    public String elementString() {
        return stringBody();
    }

    /** Skips the value of the current field, whatever its type. */
    public void skipField() {
        skip(fieldType, 0);
    }

    /** Skips one value of the given wire type. */
    public void skip(byte type) {
        skip(type, 0);
    }

    private void skip(byte type, int nesting) {
        if (nesting > MAX_DEPTH) throw corrupt("Thrift values nested deeper than " + MAX_DEPTH);
        switch (type) {
            case BOOLEAN_TRUE, BOOLEAN_FALSE -> { } // value lives in the field header
            case BYTE -> advance(1, "i8");
            case I16, I32 -> readVarint32();
            case I64 -> readVarint64();
            case DOUBLE -> advance(8, "double");
            case BINARY -> advance(readLength("binary"), "binary");
            case UUID -> advance(16, "uuid");
            case LIST, SET -> {
                int header = readUnsignedByte();
                int size = header >>> 4;
                if (size == 15) size = readVarint32();
                byte elementType = (byte) (header & 0x0F);
                if (size < 0 || size > limit - position) throw corrupt("skipped list declares " + size + " elements");
                for (int i = 0; i < size; i++) skipElement(elementType, nesting + 1);
            }
            case MAP -> {
                int size = readVarint32();
                if (size < 0 || size > limit - position) throw corrupt("skipped map declares " + size + " entries");
                if (size > 0) {
                    int kv = readUnsignedByte();
                    for (int i = 0; i < size; i++) {
                        skipElement((byte) (kv >>> 4), nesting + 1);
                        skipElement((byte) (kv & 0x0F), nesting + 1);
                    }
                }
            }
            case STRUCT -> {
                beginStruct();
                while (nextField()) skip(fieldType, nesting + 1);
                endStruct();
            }
            default -> throw corrupt("unknown Thrift compact type " + type);
        }
    }

    private void skipElement(byte type, int nesting) {
        // Booleans inside containers take a byte of their own.
        if (type == BOOLEAN_TRUE || type == BOOLEAN_FALSE) advance(1, "bool");
        else skip(type, nesting);
    }

    /** Decodes through a reused buffer: the string's own array is then the only allocation. */
    private String stringBody() {
        int length = readLength("string");
        if (stringBuffer.length < length) stringBuffer = new byte[Math.max(length, 2 * stringBuffer.length)];
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, position, stringBuffer, 0, length);
        position += length;
        return new String(stringBuffer, 0, length, StandardCharsets.UTF_8);
    }

    private byte[] binaryBody() {
        int length = readLength("binary");
        byte[] bytes = new byte[length];
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, position, bytes, 0, length);
        position += length;
        return bytes;
    }

    private int readLength(String what) {
        int length = readVarint32();
        if (length < 0) throw corrupt(what + " with negative length " + length);
        if (length > limit - position) {
            throw corrupt(what + " of " + length + " bytes but only " + (limit - position) + " bytes remain");
        }
        return length;
    }

    private void expect(byte type, String field, String name) {
        if (fieldType != type) throw wrongType(field, name);
    }

    private CorruptFileException wrongType(String field, String expected) {
        return corrupt(field + ": expected " + expected + " but found " + typeName(fieldType));
    }

    private int readUnsignedByte() {
        require(1, "byte");
        return segment.get(ValueLayout.JAVA_BYTE, position++) & 0xFF;
    }

    private void require(long n, String what) {
        if (limit - position < n) {
            throw corrupt("truncated Thrift data: " + what + " needs " + n + " bytes, " + (limit - position) + " remain");
        }
    }

    private void advance(long n, String what) {
        require(n, what);
        position += n;
    }

    private int readVarint32() {
        if (limit - position >= 8) {
            long word = segment.get(LittleEndian.LONG, position);
            int bytes = varintBytes(word);
            if (bytes == 0 || bytes > 5) {
                position += 5;
                throw corrupt("varint longer than 5 bytes");
            }
            position += bytes;
            return (int) varintValue(word, bytes);
        }
        int result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = readUnsignedByte();
            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw corrupt("varint longer than 5 bytes");
    }

    private long readVarint64() {
        if (limit - position >= 8) {
            long word = segment.get(LittleEndian.LONG, position);
            int bytes = varintBytes(word);
            if (bytes != 0) {
                position += bytes;
                return varintValue(word, bytes);
            }
        }
        long result = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = readUnsignedByte();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw corrupt("varint longer than 10 bytes");
    }

    /**
     * The length of the varint at the start of {@code word} (8 bytes loaded little-endian), or 0 when it is longer
     * than 8 bytes: up to its first byte without the continuation bit. One load decodes a whole varint (every footer
     * offset and size fits in 8 varint bytes) instead of a bounds-checked load per byte.
     */
    private static int varintBytes(long word) {
        if ((word & 0x80) == 0) return 1;
        long ends = ~word & 0x8080808080808080L;
        return ends == 0 ? 0 : (Long.numberOfTrailingZeros(ends) + 1) >>> 3;
    }

    /** The value of the {@code bytes}-byte varint at the start of {@code word}: byte i's low 7 bits are bits 7i to 7i+6. */
    private static long varintValue(long word, int bytes) {
        long x = word & (-1L >>> (64 - 8 * bytes));
        return (x & 0x7FL) | ((x >>> 1) & 0x3F80L) | ((x >>> 2) & 0x1FC000L) | ((x >>> 3) & 0xFE00000L)
                | ((x >>> 4) & 0x7F0000000L) | ((x >>> 5) & 0x3F800000000L) | ((x >>> 6) & 0x1FC0000000000L)
                | ((x >>> 7) & 0xFE000000000000L);
    }

    private static int zigzag32(int n) {
        return (n >>> 1) ^ -(n & 1);
    }

    private static long zigzag64(long n) {
        return (n >>> 1) ^ -(n & 1);
    }

    public CorruptFileException corrupt(String reason) {
        return new CorruptFileException(reason, location.withOffset(fileOffset + position));
    }

    private static String typeName(byte type) {
        return switch (type) {
            case STOP -> "stop";
            case BOOLEAN_TRUE, BOOLEAN_FALSE -> "bool";
            case BYTE -> "i8";
            case I16 -> "i16";
            case I32 -> "i32";
            case I64 -> "i64";
            case DOUBLE -> "double";
            case BINARY -> "binary";
            case LIST -> "list";
            case SET -> "set";
            case MAP -> "map";
            case STRUCT -> "struct";
            case UUID -> "uuid";
            default -> "type " + type;
        };
    }
}
