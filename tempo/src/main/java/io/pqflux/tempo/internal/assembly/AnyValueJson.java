package io.pqflux.tempo.internal.assembly;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.pqflux.otlp.wire.ProtoWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads the protobuf-JSON of an {@code AnyValue} that Tempo stores for values its typed lists cannot hold (kvlists,
 * bytes, mixed arrays, empty values): golang jsonpb output, so 64-bit integers may be strings, bytes are base64 and
 * doubles may be {@code "NaN"} or {@code "Infinity"}. Field names are accepted in lowerCamelCase and in snake_case.
 * Streamed token by token into the message (no JSON tree in between: such values can be a large share of a trace),
 * or, for an encoded trace, straight into its protobuf ({@link #write}).
 */
public final class AnyValueJson {

    /**
     * Field names not interned: a value is a few fields, parsed on its own, and {@code String.intern} cost more than
     * the names. They are still canonicalized, as Jackson parses UTF-8 bytes directly only then; without it, it reads
     * them through a {@code Reader}, decoding every byte to a char first.
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES).build();

    private AnyValueJson() {
    }

    /** @throws IllegalArgumentException when the text is not the JSON of an {@code AnyValue} */
    public static AnyValue parse(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            return value(parser, parser.nextToken());
        } catch (IOException e) {
            throw notJson(e);
        }
    }

    /**
     * The same from the UTF-8 bytes as stored. ASCII text (what Go's encoder writes for nearly every value) is parsed
     * from the bytes; other text is decoded by the JDK first, which replaces malformed sequences with U+FFFD (Go's
     * decoder does too, one per bad byte), where Jackson's byte parser would reject some and keep others (encoded
     * surrogates).
     *
     * @throws IllegalArgumentException when the bytes are not the JSON of an {@code AnyValue}
     */
    public static AnyValue parse(byte[] utf8) {
        if (!ascii(utf8)) return parse(new String(utf8, StandardCharsets.UTF_8));
        try (JsonParser parser = JSON.createParser(utf8)) {
            return value(parser, parser.nextToken());
        } catch (IOException e) {
            throw notJson(e);
        }
    }

    /**
     * Writes the fields of the {@code AnyValue} the UTF-8 bytes hold, as protobuf-java serializes {@link #parse}'s
     * message: token by token, no message made. Text a protobuf message would not keep as written (a oneof set twice, a
     * kvlist entry's value before its key) or that is no {@code AnyValue} goes through {@link #parse} instead, which
     * gives protobuf's last-set-wins answer or the error.
     *
     * @throws IllegalArgumentException when the bytes are not the JSON of an {@code AnyValue}
     */
    public static void write(byte[] utf8, ProtoWriter out) {
        int start = out.size();
        try (JsonParser parser = ascii(utf8) ? JSON.createParser(utf8)
                : JSON.createParser(new String(utf8, StandardCharsets.UTF_8))) {
            writeValue(parser, parser.nextToken(), out);
            return;
        } catch (IOException | IllegalArgumentException | NotAsWritten e) {
            // written by parse below, or refused by it with its own message
        }
        out.truncate(start);
        byte[] fields = parse(utf8).toByteArray();
        out.raw(fields, 0, fields.length);
    }

    /** What {@link #write} leaves to {@link #parse}: thrown without a stack, caught in {@code write}. */
    private static final class NotAsWritten extends RuntimeException {
        NotAsWritten() {
            super(null, null, false, false);
        }
    }

    private static final NotAsWritten NOT_AS_WRITTEN = new NotAsWritten();

    private static void writeValue(JsonParser p, JsonToken token, ProtoWriter out) throws IOException {
        if (token != JsonToken.START_OBJECT) throw NOT_AS_WRITTEN;
        boolean set = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.VALUE_NULL) continue;
            if (set) throw NOT_AS_WRITTEN; // a oneof set again: protobuf keeps the last
            set = true;
            switch (field) {
                case "stringValue", "string_value" -> out.stringAlways(AnyValue.STRING_VALUE_FIELD_NUMBER, text(p, v));
                case "boolValue", "bool_value" -> out.boolAlways(AnyValue.BOOL_VALUE_FIELD_NUMBER, bool(p, v));
                case "intValue", "int_value" -> out.int64Always(AnyValue.INT_VALUE_FIELD_NUMBER, int64(p, v));
                case "doubleValue", "double_value" -> out.doubleAlways(AnyValue.DOUBLE_VALUE_FIELD_NUMBER, float64(p, v));
                case "bytesValue", "bytes_value" -> out.bytesAlways(AnyValue.BYTES_VALUE_FIELD_NUMBER, bytes(p, v));
                case "arrayValue", "array_value" -> {
                    int array = out.begin(AnyValue.ARRAY_VALUE_FIELD_NUMBER);
                    forEachValue(p, v, element -> {
                        int value = out.begin(ArrayValue.VALUES_FIELD_NUMBER);
                        writeValue(p, element, out);
                        out.end(value);
                    });
                    out.end(array);
                }
                case "kvlistValue", "kvlist_value" -> {
                    int list = out.begin(AnyValue.KVLIST_VALUE_FIELD_NUMBER);
                    forEachValue(p, v, entry -> writeKeyValue(p, entry, out));
                    out.end(list);
                }
                default -> throw NOT_AS_WRITTEN;
            }
        }
    }

    /** A kvlist entry whose key, if any, comes before its value, each at most once (as Go writes them). */
    private static void writeKeyValue(JsonParser p, JsonToken entry, ProtoWriter out) throws IOException {
        int keyValue = out.begin(KeyValueList.VALUES_FIELD_NUMBER);
        if (entry == JsonToken.START_OBJECT) {
            boolean keySeen = false, valueSeen = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if (field.equals("key") && v != JsonToken.VALUE_NULL) {
                    if (keySeen || valueSeen) throw NOT_AS_WRITTEN;
                    keySeen = true;
                    out.string(KeyValue.KEY_FIELD_NUMBER, text(p, v));
                } else if (field.equals("value") && v != JsonToken.VALUE_NULL) {
                    if (valueSeen) throw NOT_AS_WRITTEN;
                    valueSeen = true;
                    int value = out.begin(KeyValue.VALUE_FIELD_NUMBER);
                    writeValue(p, v, out);
                    out.end(value);
                } else {
                    p.skipChildren();
                }
            }
        } else {
            p.skipChildren();
        }
        out.end(keyValue);
    }

    private static boolean ascii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) return false;
        }
        return true;
    }

    private static IllegalArgumentException notJson(IOException e) {
        String what = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        return new IllegalArgumentException("not JSON: " + what, e);
    }

    /** The value whose first token is {@code token}; the parser is left on its last token. */
    private static AnyValue value(JsonParser p, JsonToken token) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("an AnyValue must be a JSON object, not " + describe(p, token));
        }
        AnyValue.Builder value = AnyValue.newBuilder();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.VALUE_NULL) continue;
            switch (field) {
                case "stringValue", "string_value" -> value.setStringValue(text(p, v));
                case "boolValue", "bool_value" -> value.setBoolValue(bool(p, v));
                case "intValue", "int_value" -> value.setIntValue(int64(p, v));
                case "doubleValue", "double_value" -> value.setDoubleValue(float64(p, v));
                case "bytesValue", "bytes_value" -> value.setBytesValue(ByteString.copyFrom(bytes(p, v)));
                case "arrayValue", "array_value" -> value.setArrayValue(array(p, v));
                case "kvlistValue", "kvlist_value" -> value.setKvlistValue(kvlist(p, v));
                default -> throw new IllegalArgumentException("unknown AnyValue field '" + field + "'");
            }
        }
        return value.build();
    }

    /** {@code {"values": [AnyValue...]}}; other fields are ignored, no {@code values} is an empty array. */
    private static ArrayValue array(JsonParser p, JsonToken token) throws IOException {
        ArrayValue.Builder array = ArrayValue.newBuilder();
        forEachValue(p, token, element -> array.addValues(value(p, element)));
        return array.build();
    }

    /** {@code {"values": [{"key": ..., "value": AnyValue}...]}}; a missing key is "", a missing value unset. */
    private static KeyValueList kvlist(JsonParser p, JsonToken token) throws IOException {
        KeyValueList.Builder list = KeyValueList.newBuilder();
        forEachValue(p, token, entry -> {
            KeyValue.Builder kv = KeyValue.newBuilder().setKey("");
            if (entry == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken v = p.nextToken();
                    if (field.equals("key") && v != JsonToken.VALUE_NULL) kv.setKey(text(p, v));
                    else if (field.equals("value") && v != JsonToken.VALUE_NULL) kv.setValue(value(p, v));
                    else p.skipChildren();
                }
            } else {
                p.skipChildren();
            }
            list.addValues(kv);
        });
        return list.build();
    }

    private interface ElementReader {
        void read(JsonToken first) throws IOException;
    }

    /** Calls {@code reader} on each element of the {@code values} array of the object starting at {@code token}. */
    private static void forEachValue(JsonParser p, JsonToken token, ElementReader reader) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if (field.equals("values") && v == JsonToken.START_ARRAY) {
                for (JsonToken element = p.nextToken(); element != JsonToken.END_ARRAY; element = p.nextToken()) {
                    if (element == null) throw new IllegalArgumentException("the JSON ends inside an array");
                    reader.read(element);
                }
            } else {
                p.skipChildren();
            }
        }
    }

    private static boolean bool(JsonParser p, JsonToken v) throws IOException {
        return v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_STRING && "true".equals(p.getText().trim())
                || v == JsonToken.VALUE_NUMBER_INT && p.getLongValue() != 0;
    }

    /** jsonpb writes 64-bit integers as strings. */
    private static long int64(JsonParser p, JsonToken v) throws IOException {
        return v.isNumeric() ? p.getLongValue() : Long.parseLong(text(p, v));
    }

    /** Numbers, or strings such as {@code "NaN"} and {@code "Infinity"}. */
    private static double float64(JsonParser p, JsonToken v) throws IOException {
        return v.isNumeric() ? p.getDoubleValue() : Double.parseDouble(text(p, v));
    }

    private static byte[] bytes(JsonParser p, JsonToken v) throws IOException {
        return Base64.getDecoder().decode(text(p, v));
    }

    /** A scalar's text (a container's is empty, as Jackson's {@code asText} has it). */
    private static String text(JsonParser p, JsonToken token) throws IOException {
        if (token.isStructStart()) {
            p.skipChildren();
            return "";
        }
        return p.getText();
    }

    private static String describe(JsonParser p, JsonToken token) throws IOException {
        return token == null ? "nothing" : token.isStructStart() ? token.asString() : p.getText();
    }
}
