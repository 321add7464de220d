package io.pqflux.tempo.server.internal.http;

import com.google.protobuf.MessageLite;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/**
 * A response ready to send: status, content type and body, and the block bytes the query read for it (the server's
 * metrics count them).
 */
public record Answer(HttpResponseStatus status, String contentType, byte[] body, long bytesRead) {

    public static final String JSON = "application/json";
    public static final String PROTOBUF = "application/protobuf";
    public static final String TEXT = "text/plain; charset=utf-8";

    public static Answer json(String body) {
        return new Answer(HttpResponseStatus.OK, JSON, body.getBytes(StandardCharsets.UTF_8), 0);
    }

    public static Answer protobuf(MessageLite message) {
        return protobuf(message.toByteArray());
    }

    /** An answer of a message already encoded. */
    public static Answer protobuf(byte[] encoded) {
        return new Answer(HttpResponseStatus.OK, PROTOBUF, encoded, 0);
    }

    public static Answer text(HttpResponseStatus status, String body) {
        return new Answer(status, TEXT, (body + "\n").getBytes(StandardCharsets.UTF_8), 0);
    }

    public Answer withBytesRead(long bytes) {
        return new Answer(status, contentType, body, bytes);
    }
}
