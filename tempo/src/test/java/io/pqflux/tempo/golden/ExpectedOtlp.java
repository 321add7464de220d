package io.pqflux.tempo.golden;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;

/** Short builders for the OTLP values the golden tests expect, kept apart from the oracles' own code. */
final class ExpectedOtlp {

    private ExpectedOtlp() {
    }

    static KeyValue kv(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    static AnyValue string(String value) {
        return AnyValue.newBuilder().setStringValue(value).build();
    }

    static AnyValue integer(long value) {
        return AnyValue.newBuilder().setIntValue(value).build();
    }

    static AnyValue bool(boolean value) {
        return AnyValue.newBuilder().setBoolValue(value).build();
    }

    static AnyValue array(AnyValue... values) {
        return AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder().addAllValues(List.of(values))).build();
    }

    /** The {@code AnyValue} a protobuf-JSON text stands for. */
    static AnyValue json(String protobufJson) throws InvalidProtocolBufferException {
        AnyValue.Builder value = AnyValue.newBuilder();
        JsonFormat.parser().merge(protobufJson, value);
        return value.build();
    }
}
