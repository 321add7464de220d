package io.pqflux.tempo.server.internal.grpc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;

/**
 * gRPC's length-prefixed messages: a compressed flag byte, a 4-byte big-endian length, the message. A server-streaming
 * call's request is exactly one uncompressed message.
 */
final class GrpcFrames {

    private static final int PREFIX = 5;

    private GrpcFrames() {
    }

    /** The one message of a request body, read up to {@code maxBytes}; a longer body is refused as it arrives. */
    static Mono<byte[]> request(ByteBufFlux body, int maxBytes) {
        return body.asByteArray()
                .reduceWith(ByteArrayOutputStream::new, (out, chunk) -> {
                    if (out.size() + chunk.length > maxBytes + PREFIX) {
                        throw GrpcStatus.tooLarge("request message over " + maxBytes + " bytes");
                    }
                    out.writeBytes(chunk);
                    return out;
                })
                .map(out -> message(out.toByteArray()));
    }

    private static byte[] message(byte[] body) {
        if (body.length < PREFIX) throw GrpcStatus.invalid("request has no message (" + body.length + " bytes)");
        if (body[0] != 0) {
            throw GrpcStatus.unimplemented("compressed request messages are not supported (flag " + body[0] + ")");
        }
        long length = ((body[1] & 0xffL) << 24) | ((body[2] & 0xff) << 16) | ((body[3] & 0xff) << 8) | (body[4] & 0xff);
        if (length != body.length - PREFIX) {
            throw GrpcStatus.invalid("request message declares " + length + " bytes but " + (body.length - PREFIX)
                    + " follow: a server-streaming call takes exactly one message");
        }
        byte[] message = new byte[(int) length];
        System.arraycopy(body, PREFIX, message, 0, message.length);
        return message;
    }

    /** One response message behind its prefix (never compressed), the message's bytes wrapped, not copied. */
    static ByteBuf frame(byte[] message) {
        int length = message.length;
        byte[] prefix = {0, (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
        return Unpooled.wrappedBuffer(prefix, message);
    }
}
