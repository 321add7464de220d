package io.pqflux.otlp.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * OTLP/JSON decoded by an independent parser, protobuf-java-util's {@link JsonFormat}, once the hex trace and span IDs
 * OTLP/JSON writes are turned back into the base64 JsonFormat expects. The oracle of every OTLP/JSON test.
 */
public final class OtlpJsonDecoder {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The keys OTLP/JSON writes as hex (spans, links, log records, exemplars). */
    private static final Set<String> ID_KEYS = Set.of("traceId", "spanId", "parentSpanId");

    private OtlpJsonDecoder() {
    }

    /** {@code json} parsed into a message of {@code prototype}'s type. */
    @SuppressWarnings("unchecked")
    public static <M extends Message> M decode(String json, M prototype) {
        try {
            JsonNode tree = JSON.readTree(json);
            hexIdsToBase64(tree);
            Message.Builder builder = prototype.newBuilderForType();
            JsonFormat.parser().merge(JSON.writeValueAsString(tree), builder);
            return (M) builder.build();
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("JsonFormat rejects " + json, e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void hexIdsToBase64(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String key : names) {
                JsonNode value = object.get(key);
                if (ID_KEYS.contains(key) && value.isTextual()) {
                    object.put(key, Base64.getEncoder().encodeToString(HexFormat.of().parseHex(value.asText())));
                } else {
                    hexIdsToBase64(value);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) hexIdsToBase64(element);
        }
    }
}
