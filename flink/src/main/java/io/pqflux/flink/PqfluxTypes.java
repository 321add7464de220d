package io.pqflux.flink;

import com.google.protobuf.Message;
import io.pqflux.flink.internal.types.CodecTypeInfo;
import io.pqflux.flink.internal.types.ProtobufCodec;
import io.pqflux.flink.internal.types.SpanCodec;
import io.pqflux.flink.internal.types.TraceCodec;
import io.pqflux.tempo.SpanWithContext;
import io.pqflux.tempo.Trace;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * The Flink types of the sources' records, serialized as protobuf bytes. The sources declare them; a lambda that
 * returns these records again ({@code stream.map(logs -> …)}) hides its type from Flink, which would fall back to
 * Kryo, and Kryo cannot copy protobuf messages: name the type with {@code .returns(PqfluxTypes.protobuf(LogsData.class))}.
 */
public final class PqfluxTypes {

    private PqfluxTypes() {
    }

    /** An OTLP message type ({@code LogsData}, {@code TracesData}, {@code MetricsData}, or any protobuf message). */
    public static <M extends Message> TypeInformation<M> protobuf(Class<M> type) {
        return new CodecTypeInfo<>(new ProtobufCodec<>(type));
    }

    public static TypeInformation<Trace> traces() {
        return new CodecTypeInfo<>(new TraceCodec());
    }

    public static TypeInformation<SpanWithContext> spans() {
        return new CodecTypeInfo<>(new SpanCodec());
    }
}
