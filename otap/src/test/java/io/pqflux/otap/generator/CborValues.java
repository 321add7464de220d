package io.pqflux.otap.generator;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The {@code ser} column's CBOR (RFC 8949) as the Rust encoder (serde_cbor) writes it, docs/otap-format.md §10 —
 * hand-written here so that the generator stays independent of the reader, which decodes with Jackson's CBOR module:
 * <ul>
 *   <li>maps and arrays with indefinite length ({@code 0xbf … 0xff}, {@code 0x9f … 0xff}), text keys;</li>
 *   <li>integers in their shortest head (major type 0, or 1 for negatives);</li>
 *   <li>doubles in the shortest width that holds them exactly: half ({@code 0xf9}), single ({@code 0xfa}) or double
 *       ({@code 0xfb}); NaN as the half {@code 0x7e00};</li>
 *   <li>strings as definite text strings, bytes as definite byte strings, booleans {@code 0xf4}/{@code 0xf5}, an empty
 *       AnyValue as null {@code 0xf6}.</li>
 * </ul>
 */
public final class CborValues {

    private CborValues() {
    }

    /** The {@code ser} bytes of a kvlist or array value (the whole value: a map or an array). */
    public static byte[] encode(AnyValue value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, value);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, AnyValue value) {
        switch (value.getValueCase()) {
            case VALUE_NOT_SET -> out.write(0xf6);
            case STRING_VALUE -> text(out, value.getStringValue());
            case BOOL_VALUE -> out.write(value.getBoolValue() ? 0xf5 : 0xf4);
            case INT_VALUE -> integer(out, value.getIntValue());
            case DOUBLE_VALUE -> floating(out, value.getDoubleValue());
            case BYTES_VALUE -> {
                byte[] bytes = value.getBytesValue().toByteArray();
                head(out, 2, bytes.length);
                out.writeBytes(bytes);
            }
            case ARRAY_VALUE -> {
                out.write(0x9f);
                for (AnyValue item : value.getArrayValue().getValuesList()) write(out, item);
                out.write(0xff);
            }
            case STRING_VALUE_STRINDEX -> throw new IllegalArgumentException(
                    "string_value_strindex (profiles' string table) has no OTAP encoding");
            case KVLIST_VALUE -> {
                out.write(0xbf);
                for (KeyValue entry : value.getKvlistValue().getValuesList()) {
                    text(out, entry.getKey());
                    write(out, entry.getValue());
                }
                out.write(0xff);
            }
        }
    }

    private static void text(ByteArrayOutputStream out, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        head(out, 3, utf8.length);
        out.writeBytes(utf8);
    }

    private static void integer(ByteArrayOutputStream out, long value) {
        // negative n is major type 1 with argument -1 - n, which is ~n (fits unsigned 64 bits)
        if (value >= 0) head(out, 0, value);
        else head(out, 1, ~value);
    }

    /** A major type and its argument in the shortest form; {@code argument} is unsigned. */
    private static void head(ByteArrayOutputStream out, int major, long argument) {
        int type = major << 5;
        if (Long.compareUnsigned(argument, 24) < 0) {
            out.write(type | (int) argument);
        } else if (Long.compareUnsigned(argument, 0xff) <= 0) {
            out.write(type | 24);
            out.write((int) argument);
        } else if (Long.compareUnsigned(argument, 0xffff) <= 0) {
            out.write(type | 25);
            bigEndian(out, argument, 2);
        } else if (Long.compareUnsigned(argument, 0xffff_ffffL) <= 0) {
            out.write(type | 26);
            bigEndian(out, argument, 4);
        } else {
            out.write(type | 27);
            bigEndian(out, argument, 8);
        }
    }

    private static void floating(ByteArrayOutputStream out, double value) {
        if (Double.isNaN(value)) {
            out.write(0xf9);
            bigEndian(out, 0x7e00, 2);
            return;
        }
        float single = (float) value;
        if (single == value || Double.doubleToRawLongBits(single) == Double.doubleToRawLongBits(value)) {
            short half = Float.floatToFloat16(single);
            if (Float.floatToRawIntBits(Float.float16ToFloat(half)) == Float.floatToRawIntBits(single)) {
                out.write(0xf9);
                bigEndian(out, half & 0xffff, 2);
            } else {
                out.write(0xfa);
                bigEndian(out, Float.floatToRawIntBits(single) & 0xffff_ffffL, 4);
            }
        } else {
            out.write(0xfb);
            bigEndian(out, Double.doubleToRawLongBits(value), 8);
        }
    }

    private static void bigEndian(ByteArrayOutputStream out, long value, int bytes) {
        for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) out.write((int) (value >>> shift) & 0xff);
    }
}
