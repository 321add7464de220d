package io.pqflux.bench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Parses the JSON answers of Tempo's API, the server's and the library's, into trees the checks compare. */
public final class AnswerJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** How much of an answer that is not JSON an error message quotes. */
    private static final int QUOTED = 200;

    private AnswerJson() {
    }

    public static JsonNode parse(byte[] body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + quote(body), e);
        }
    }

    public static JsonNode parse(String body) {
        return parse(body.getBytes(StandardCharsets.UTF_8));
    }

    /** The start of {@code body} as text, for an error message. */
    static String quote(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, QUOTED), StandardCharsets.UTF_8).strip();
        return body.length > QUOTED ? text + "…" : text;
    }
}
