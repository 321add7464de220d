package io.pqflux.otap.internal.rows;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.pqflux.nested.SlotReader;
import io.pqflux.otlp.wire.ProtoWriter;
import java.io.IOException;

/**
 * OTAP's AnyValue columns ({@code type, str, int, double, bool, bytes, ser}) encoded as OTLP {@code AnyValue}s. Maps and
 * arrays are CBOR in {@code ser}: both producers write indefinite-length containers and the Rust one the shortest
 * lossless float width, which Jackson's CBOR parser reads; tags, non-text keys and integers beyond 64 bits are
 * rejected as the Rust decoder rejects them.
 */
final class AnyValues {

    /** {@code type} codes ({@code pcommon.ValueType}); the table in the OTAP spec's §5.4 is wrong, see its §5.5.1. */
    static final int EMPTY = 0, STR = 1, INT = 2, DOUBLE = 3, BOOL = 4, MAP = 5, SLICE = 6, BYTES = 7;
    private static final int STRING_VALUE = AnyValue.STRING_VALUE_FIELD_NUMBER, BOOL_VALUE = AnyValue.BOOL_VALUE_FIELD_NUMBER,
            INT_VALUE = AnyValue.INT_VALUE_FIELD_NUMBER, DOUBLE_VALUE = AnyValue.DOUBLE_VALUE_FIELD_NUMBER,
            ARRAY_VALUE = AnyValue.ARRAY_VALUE_FIELD_NUMBER, KVLIST_VALUE = AnyValue.KVLIST_VALUE_FIELD_NUMBER,
            BYTES_VALUE = AnyValue.BYTES_VALUE_FIELD_NUMBER;

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
         * Maps and arrays parsed from {@code ser} and encoded, per dictionary entry (a value repeated across rows is
         * parsed once per chunk); one array per type code, since the code decides what parses.
         */
        private byte[][] maps, slices;

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
         * Writes the fields of row {@code row}'s {@code AnyValue}: a null {@code type} or type 0 is the empty value (no
         * field); a set type whose active column is null or absent is that type's default value, which the encoder left
         * out ({@code ""}, {@code 0}, {@code 0.0}, {@code false}, empty bytes, an empty map or array) — written, as the
         * oneof member is set.
         */
        void write(ProtoWriter out, int row) {
            if (type.isNull(row)) return;
            int code = type.int32(row);
            switch (code) {
                case EMPTY -> { }
                case STR -> out.stringAlways(STRING_VALUE, str, row);
                case INT -> out.int64Always(INT_VALUE, integer.isNull(row) ? 0 : integer.int64(row));
                case DOUBLE -> out.doubleAlways(DOUBLE_VALUE, dbl.isNull(row) ? 0 : dbl.float64(row));
                case BOOL -> out.boolAlways(BOOL_VALUE, !bool.isNull(row) && bool.bool(row));
                case BYTES -> {
                    if (bytes.isNull(row)) out.bytesAlways(BYTES_VALUE, new byte[0]);
                    else out.bytesAlways(BYTES_VALUE, bytes.bytes(row));
                }
                case MAP, SLICE -> {
                    if (ser.isNull(row)) out.end(out.begin(code == MAP ? KVLIST_VALUE : ARRAY_VALUE));
                    else parsed(out, row, code);
                }
                default -> throw chunk.badValue(row, prefix + "type " + code + " is not an AnyValue type (0 to 7)");
            }
        }

        private void parsed(ProtoWriter out, int row, int code) {
            int entry = ser.dictionaryIndex(row);
            if (entry < 0) {
                cbor(chunk, prefix + "ser", row, ser.byteArray(row), code, out);
                return;
            }
            if (maps == null) {
                maps = new byte[ser.dictionarySize()][];
                slices = new byte[ser.dictionarySize()][];
            }
            byte[][] known = code == MAP ? maps : slices;
            byte[] value = known[entry];
            if (value == null) {
                ProtoWriter encoded = new ProtoWriter(64);
                cbor(chunk, prefix + "ser", row, ser.byteArray(row), code, encoded);
                known[entry] = value = encoded.toByteArray();
            }
            out.raw(value, 0, value.length);
        }
    }

    /** Writes the fields of the {@code AnyValue} CBOR {@code bytes} hold (a map or array, as {@code type} says). */
    private static void cbor(TableChunk chunk, String column, int row, byte[] bytes, int type, ProtoWriter out) {
        try (CBORParser parser = CBOR.createParser(bytes)) {
            JsonToken first = parser.nextToken();
            JsonToken expected = type == MAP ? JsonToken.START_OBJECT : JsonToken.START_ARRAY;
            if (first != expected) {
                throw chunk.badValue(row, column + " holds " + first + " where type " + type + " needs a CBOR "
                        + (type == MAP ? "map" : "array"));
            }
            value(chunk, column, row, parser, 0, out);
            if (parser.nextToken() != null) throw chunk.badValue(row, column + " has bytes after its CBOR value");
        } catch (IOException e) {
            throw new io.pqflux.otap.OtapException(io.pqflux.otap.OtapException.Reason.BAD_VALUE, chunk.file(),
                    "row " + chunk.fileRow(row) + ": " + column + " is not valid CBOR: " + e.getMessage(), e);
        }
    }

    /** Writes the fields of the value whose first token the parser is on. */
    private static void value(TableChunk chunk, String column, int row, CBORParser p, int depth, ProtoWriter out)
            throws IOException {
        if (depth > MAX_DEPTH) throw chunk.badValue(row, column + " nests deeper than " + MAX_DEPTH);
        if (p.getCurrentTag() != -1) throw chunk.badValue(row, column + " has a CBOR tag (" + p.getCurrentTag() + ")");
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT -> {
                int list = out.begin(KVLIST_VALUE);
                while (p.nextToken() != JsonToken.END_OBJECT) {
                    if (p.currentToken() != JsonToken.FIELD_NAME) throw chunk.badValue(row, column + ": a map key is not text");
                    int entry = out.begin(KeyValueList.VALUES_FIELD_NUMBER);
                    out.string(KeyValue.KEY_FIELD_NUMBER, p.currentName());
                    p.nextToken();
                    int value = out.begin(KeyValue.VALUE_FIELD_NUMBER);
                    value(chunk, column, row, p, depth + 1, out);
                    out.end(value);
                    out.end(entry);
                }
                out.end(list);
            }
            case START_ARRAY -> {
                int array = out.begin(ARRAY_VALUE);
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    int value = out.begin(ArrayValue.VALUES_FIELD_NUMBER);
                    value(chunk, column, row, p, depth + 1, out);
                    out.end(value);
                }
                out.end(array);
            }
            case VALUE_STRING -> out.stringAlways(STRING_VALUE, p.getText());
            case VALUE_NUMBER_INT -> {
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw chunk.badValue(row, column + ": integer " + p.getBigIntegerValue() + " does not fit 64 bits");
                }
                out.int64Always(INT_VALUE, p.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> out.doubleAlways(DOUBLE_VALUE, p.getDoubleValue());
            case VALUE_TRUE -> out.boolAlways(BOOL_VALUE, true);
            case VALUE_FALSE -> out.boolAlways(BOOL_VALUE, false);
            case VALUE_NULL -> { } // the empty value
            case VALUE_EMBEDDED_OBJECT -> {
                Object embedded = p.getEmbeddedObject();
                if (!(embedded instanceof byte[] bytes)) throw chunk.badValue(row, column + ": unexpected CBOR " + embedded);
                out.bytesAlways(BYTES_VALUE, bytes);
            }
            default -> throw chunk.badValue(row, column + ": unexpected CBOR token " + token);
        }
    }
}
