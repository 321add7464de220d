package io.pqflux.tempo.internal.assembly;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import java.util.Base64;
import java.util.Map;

/**
 * Reads the protobuf-JSON of an {@code AnyValue} that Tempo stores for values its typed lists cannot hold (kvlists,
 * bytes, mixed arrays, empty values): golang jsonpb output, so 64-bit integers may be strings, bytes are base64 and
 * doubles may be {@code "NaN"} or {@code "Infinity"}. Field names are accepted in lowerCamelCase and in snake_case.
 */
public final class AnyValueJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnyValueJson() {
    }

    /** @throws IllegalArgumentException when the text is not the JSON of an {@code AnyValue} */
    public static AnyValue parse(String json) {
        try {
            return value(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static AnyValue value(JsonNode node) {
        if (node == null || !node.isObject()) throw new IllegalArgumentException("an AnyValue must be a JSON object, not " + node);
        AnyValue.Builder value = AnyValue.newBuilder();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode v = field.getValue();
            if (v.isNull()) continue;
            switch (field.getKey()) {
                case "stringValue", "string_value" -> value.setStringValue(v.asText());
                case "boolValue", "bool_value" -> value.setBoolValue(v.asBoolean());
                case "intValue", "int_value" -> value.setIntValue(v.isNumber() ? v.longValue() : Long.parseLong(v.asText()));
                case "doubleValue", "double_value" -> value.setDoubleValue(v.isNumber() ? v.doubleValue() : Double.parseDouble(v.asText()));
                case "bytesValue", "bytes_value" -> value.setBytesValue(ByteString.copyFrom(Base64.getDecoder().decode(v.asText())));
                case "arrayValue", "array_value" -> {
                    ArrayValue.Builder array = ArrayValue.newBuilder();
                    for (JsonNode element : v.path("values")) array.addValues(value(element));
                    value.setArrayValue(array);
                }
                case "kvlistValue", "kvlist_value" -> {
                    KeyValueList.Builder list = KeyValueList.newBuilder();
                    for (JsonNode entry : v.path("values")) {
                        KeyValue.Builder kv = KeyValue.newBuilder().setKey(entry.path("key").asText());
                        if (entry.hasNonNull("value")) kv.setValue(value(entry.get("value")));
                        list.addValues(kv);
                    }
                    value.setKvlistValue(list);
                }
                default -> throw new IllegalArgumentException("unknown AnyValue field '" + field.getKey() + "'");
            }
        }
        return value.build();
    }
}
