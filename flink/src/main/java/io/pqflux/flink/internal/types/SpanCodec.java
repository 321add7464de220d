package io.pqflux.flink.internal.types;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.tempo.SpanWithContext;
import io.pqflux.tempo.TraceId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** A span with its trace ID, resource and scope (protobuf bytes each). */
public record SpanCodec() implements Codec<SpanWithContext> {

    @Override
    public Class<SpanWithContext> type() {
        return SpanWithContext.class;
    }

    @Override
    public byte[] encode(SpanWithContext span) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(span.traceId().bytes());
            for (byte[] message : new byte[][] {span.resource().toByteArray(), span.scope().toByteArray(), span.span().toByteArray()}) {
                out.writeInt(message.length);
                out.write(message);
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public SpanWithContext decode(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        TraceId id = TraceId.of(in.readNBytes(TraceId.LENGTH));
        Resource resource = Resource.parseFrom(in.readNBytes(in.readInt()));
        InstrumentationScope scope = InstrumentationScope.parseFrom(in.readNBytes(in.readInt()));
        return new SpanWithContext(id, resource, scope, Span.parseFrom(in.readNBytes(in.readInt())));
    }
}
