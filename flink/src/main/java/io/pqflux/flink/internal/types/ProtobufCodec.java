package io.pqflux.flink.internal.types;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.Objects;

/** An OTLP (or any protobuf) message as its wire bytes. */
public record ProtobufCodec<M extends Message>(Class<M> type) implements Codec<M> {

    public ProtobufCodec {
        Objects.requireNonNull(type, "type");
    }

    @Override
    public byte[] encode(M value) {
        return value.toByteArray();
    }

    @Override
    public M decode(byte[] bytes) throws IOException {
        try {
            return type.cast(parser().parseFrom(bytes));
        } catch (InvalidProtocolBufferException e) {
            throw new IOException("not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private Parser<? extends Message> parser() throws IOException {
        try {
            return ((Message) type.getMethod("getDefaultInstance").invoke(null)).getParserForType();
        } catch (ReflectiveOperationException e) {
            Throwable cause = e instanceof InvocationTargetException i ? i.getCause() : e;
            throw new IOException(type.getName() + " is not a generated protobuf message", cause);
        }
    }
}
