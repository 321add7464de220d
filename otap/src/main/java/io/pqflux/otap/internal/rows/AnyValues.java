package io.pqflux.otap.internal.rows;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.pqflux.nested.SlotReader;
import io.pqflux.otlp.wire.ProtoWriter;

/**
 * OTAP's AnyValue columns ({@code type, str, int, double, bool, bytes, ser}) encoded as OTLP {@code AnyValue}s. Maps and
 * arrays are CBOR in {@code ser}, read by {@link CborReader} as the OTAP Rust decoder reads them.
 */
final class AnyValues {

    /** {@code type} codes ({@code pcommon.ValueType}); the table in the OTAP spec's §5.4 is wrong, see its §5.5.1. */
    static final int EMPTY = 0, STR = 1, INT = 2, DOUBLE = 3, BOOL = 4, MAP = 5, SLICE = 6, BYTES = 7;
    private static final int STRING_VALUE = AnyValue.STRING_VALUE_FIELD_NUMBER, BOOL_VALUE = AnyValue.BOOL_VALUE_FIELD_NUMBER,
            INT_VALUE = AnyValue.INT_VALUE_FIELD_NUMBER, DOUBLE_VALUE = AnyValue.DOUBLE_VALUE_FIELD_NUMBER,
            ARRAY_VALUE = AnyValue.ARRAY_VALUE_FIELD_NUMBER, KVLIST_VALUE = AnyValue.KVLIST_VALUE_FIELD_NUMBER,
            BYTES_VALUE = AnyValue.BYTES_VALUE_FIELD_NUMBER;

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
        private final CborReader cborReader = new CborReader();

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
                case BYTES -> out.bytesAlways(BYTES_VALUE, bytes, row);
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
                cbor(out, row, code);
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
                cbor(encoded, row, code);
                known[entry] = value = encoded.toByteArray();
            }
            out.raw(value, 0, value.length);
        }

        /** Writes the fields of the {@code AnyValue} row {@code row}'s {@code ser} holds (a map or array, as {@code type} says). */
        private void cbor(ProtoWriter out, int row, int code) {
            try {
                cborReader.write(ser.byteStore(), ser.byteOffset(row), ser.byteLength(row), code == MAP, out);
            } catch (CborReader.MalformedCborException e) {
                throw chunk.badValue(row, prefix + "ser (type " + code + ") is not the CBOR of an AnyValue "
                        + (code == MAP ? "map" : "array") + ": " + e.getMessage());
            }
        }
    }
}
