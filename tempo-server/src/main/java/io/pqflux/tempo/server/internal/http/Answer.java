package io.pqflux.tempo.server.internal.http;

import com.google.protobuf.MessageLite;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A response ready to send: status, content type and body, and the block bytes the query read for it (the server's
 * metrics count them). The body is sent as its parts one after the other, none copied: a trace read encoded goes out
 * as the bytes it was read into.
 */
public record Answer(HttpResponseStatus status, String contentType, List<ByteBuffer> body, long bytesRead) {

    public Answer {
        body = List.copyOf(body);
    }

    public Answer(HttpResponseStatus status, String contentType, byte[] body, long bytesRead) {
        this(status, contentType, List.of(ByteBuffer.wrap(body)), bytesRead);
    }

    public static final String JSON = "application/json";
    public static final String PROTOBUF = "application/protobuf";
    public static final String TEXT = "text/plain; charset=utf-8";

    public static Answer json(String body) {
        return new Answer(HttpResponseStatus.OK, JSON, body.getBytes(StandardCharsets.UTF_8), 0);
    }

    public static Answer protobuf(MessageLite message) {
        return new Answer(HttpResponseStatus.OK, PROTOBUF, message.toByteArray(), 0);
    }

    /** An answer of a message already encoded, in parts. */
    public static Answer protobuf(List<ByteBuffer> encoded) {
        return new Answer(HttpResponseStatus.OK, PROTOBUF, encoded, 0);
    }

    public static Answer text(HttpResponseStatus status, String body) {
        return new Answer(status, TEXT, (body + "\n").getBytes(StandardCharsets.UTF_8), 0);
    }

    public Answer withBytesRead(long bytes) {
        return new Answer(status, contentType, body, bytes);
    }
}
