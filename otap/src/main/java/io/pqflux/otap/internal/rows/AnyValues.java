package io.pqflux.otap.internal.rows;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.pqflux.nested.SlotReader;
import java.io.IOException;

/**
 * OTAP's AnyValue columns ({@code type, str, int, double, bool, bytes, ser}) as OTLP {@code AnyValue}s. Maps and
 * arrays are CBOR in {@code ser}: both producers write indefinite-length containers and the Rust one the shortest
 * lossless float width, which Jackson's CBOR parser reads; tags, non-text keys and integers beyond 64 bits are
 * rejected as the Rust decoder rejects them.
 */
final class AnyValues {

    /** {@code type} codes ({@code pcommon.ValueType}); the table in the OTAP spec's §5.4 is wrong, see its §5.5.1. */
    static final int EMPTY = 0, STR = 1, INT = 2, DOUBLE = 3, BOOL = 4, MAP = 5, SLICE = 6, BYTES = 7;

    /** Keys are not interned: attribute maps are small and parsed once, interning costs more than it saves. */
    private static final CBORFactory CBOR = CBORFactory.builder()
            .disable(com.fasterxml.jackson.core.JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build();
    private static final int MAX_DEPTH = 64;

    private AnyValues() {
    }

    /**
     * The AnyValue columns of a chunk, {@code prefix + "type"}, {@code prefix + "str"}…, resolved once; {@code prefix}
     * is {@code ""} for attribute tables and {@code "body."} for log bodies.
     */
    static final class Columns {
        private final TableChunk chunk;
        private final String prefix;
        private final SlotReader type, str, integer, dbl, bool, bytes, ser;
        /**
         * Maps and arrays parsed from {@code ser}, per dictionary entry (AnyValues are immutable; a value repeated
         * across rows is parsed once per chunk); one array per type code, since the code decides what parses.
         */
        private AnyValue[] maps, slices;

        Columns(TableChunk chunk, String prefix) {
            this.chunk = chunk;
            this.prefix = prefix;
            type = chunk.column(prefix + "type");
            str = chunk.column(prefix + "str");
            integer = chunk.column(prefix + "int");
            dbl = chunk.column(prefix + "double");
            bool = chunk.column(prefix + "bool");
            bytes = chunk.column(prefix + "bytes");
            ser = chunk.column(prefix + "ser");
        }

        /** Whether row {@code row} has a value at all (its {@code type} is set); a null body struct has none. */
        boolean isSet(int row) {
            return !type.isNull(row);
        }

        /**
         * The value of row {@code row}: a null {@code type} or type 0 is the empty value; a set type whose active column
         * is null or absent is that type's default value ({@link #defaultOf}).
         */
        AnyValue read(int row) {
            if (type.isNull(row)) return AnyValue.getDefaultInstance();
            int code = type.int32(row);
            SlotReader value = switch (code) {
                case EMPTY -> null;
                case STR -> str;
                case INT -> integer;
                case DOUBLE -> dbl;
                case BOOL -> bool;
                case MAP, SLICE -> ser;
                case BYTES -> bytes;
                default -> throw chunk.badValue(row, prefix + "type " + code + " is not an AnyValue type (0 to 7)");
            };
            if (value == null) return AnyValue.getDefaultInstance();
            if (value.isNull(row)) return defaultOf(code);
            return switch (code) {
                case STR -> AnyValue.newBuilder().setStringValue(value.string(row)).build();
                case INT -> AnyValue.newBuilder().setIntValue(value.int64(row)).build();
                case DOUBLE -> AnyValue.newBuilder().setDoubleValue(value.float64(row)).build();
                case BOOL -> AnyValue.newBuilder().setBoolValue(value.bool(row)).build();
                case BYTES -> AnyValue.newBuilder().setBytesValue(UnsafeByteOperations.unsafeWrap(value.byteArray(row))).build();
                default -> parsed(row, code);
            };
        }

        private AnyValue parsed(int row, int code) {
            int entry = ser.dictionaryIndex(row);
            if (entry < 0) return cbor(chunk, prefix + "ser", row, ser.byteArray(row), code);
            if (maps == null) {
                maps = new AnyValue[ser.dictionarySize()];
                slices = new AnyValue[ser.dictionarySize()];
            }
            AnyValue[] known = code == MAP ? maps : slices;
            AnyValue value = known[entry];
            if (value == null) known[entry] = value = cbor(chunk, prefix + "ser", row, ser.byteArray(row), code);
            return value;
        }
    }

    /**
     * The value of a row whose {@code type} is set but whose active column is null or absent: the encoder leaves a
     * type's default value out ({@code ""}, {@code 0}, {@code 0.0}, {@code false}, empty bytes, an empty map or
     * array), so that is what the row holds — not the empty value, which has {@code type} 0.
     */
    private static AnyValue defaultOf(int code) {
        AnyValue.Builder v = AnyValue.newBuilder();
        switch (code) {
            case STR -> v.setStringValue("");
            case INT -> v.setIntValue(0);
            case DOUBLE -> v.setDoubleValue(0);
            case BOOL -> v.setBoolValue(false);
            case BYTES -> v.setBytesValue(ByteString.EMPTY);
            case MAP -> v.setKvlistValue(KeyValueList.getDefaultInstance());
            case SLICE -> v.setArrayValue(ArrayValue.getDefaultInstance());
            default -> throw new IllegalArgumentException("type " + code);
        }
        return v.build();
    }

    private static AnyValue cbor(TableChunk chunk, String column, int row, byte[] bytes, int type) {
        try (CBORParser parser = CBOR.createParser(bytes)) {
            JsonToken first = parser.nextToken();
            JsonToken expected = type == MAP ? JsonToken.START_OBJECT : JsonToken.START_ARRAY;
            if (first != expected) {
                throw chunk.badValue(row, column + " holds " + first + " where type " + type + " needs a CBOR "
                        + (type == MAP ? "map" : "array"));
            }
            AnyValue value = value(chunk, column, row, parser, 0);
            if (parser.nextToken() != null) throw chunk.badValue(row, column + " has bytes after its CBOR value");
            return value;
        } catch (IOException e) {
            throw new io.pqflux.otap.OtapException(io.pqflux.otap.OtapException.Reason.BAD_VALUE, chunk.file(),
                    "row " + chunk.fileRow(row) + ": " + column + " is not valid CBOR: " + e.getMessage(), e);
        }
    }

    /** The value whose first token the parser is on. */
    private static AnyValue value(TableChunk chunk, String column, int row, CBORParser p, int depth) throws IOException {
        if (depth > MAX_DEPTH) throw chunk.badValue(row, column + " nests deeper than " + MAX_DEPTH);
        if (p.getCurrentTag() != -1) throw chunk.badValue(row, column + " has a CBOR tag (" + p.getCurrentTag() + ")");
        JsonToken token = p.currentToken();
        AnyValue.Builder v = AnyValue.newBuilder();
        switch (token) {
            case START_OBJECT -> {
                KeyValueList.Builder list = KeyValueList.newBuilder();
                while (p.nextToken() != JsonToken.END_OBJECT) {
                    if (p.currentToken() != JsonToken.FIELD_NAME) throw chunk.badValue(row, column + ": a map key is not text");
                    String key = p.currentName();
                    p.nextToken();
                    list.addValues(KeyValue.newBuilder().setKey(key).setValue(value(chunk, column, row, p, depth + 1)));
                }
                v.setKvlistValue(list);
            }
            case START_ARRAY -> {
                ArrayValue.Builder array = ArrayValue.newBuilder();
                while (p.nextToken() != JsonToken.END_ARRAY) array.addValues(value(chunk, column, row, p, depth + 1));
                v.setArrayValue(array);
            }
            case VALUE_STRING -> v.setStringValue(p.getText());
            case VALUE_NUMBER_INT -> {
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw chunk.badValue(row, column + ": integer " + p.getBigIntegerValue() + " does not fit 64 bits");
                }
                v.setIntValue(p.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> v.setDoubleValue(p.getDoubleValue());
            case VALUE_TRUE -> v.setBoolValue(true);
            case VALUE_FALSE -> v.setBoolValue(false);
            case VALUE_NULL -> { } // the empty value
            case VALUE_EMBEDDED_OBJECT -> {
                Object embedded = p.getEmbeddedObject();
                if (!(embedded instanceof byte[] bytes)) throw chunk.badValue(row, column + ": unexpected CBOR " + embedded);
                v.setBytesValue(ByteString.copyFrom(bytes));
            }
            default -> throw chunk.badValue(row, column + ": unexpected CBOR token " + token);
        }
        return v.build();
    }
}
