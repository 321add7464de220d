package io.pqflux.tempo.internal.assembly;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.function.Consumer;

/**
 * Where a mapper puts one owner's attributes, one at a time in the order Tempo returns them: key-value objects
 * ({@link #into}), or their protobuf encoding. Scalars come typed, so an encoding builds no value object; arrays,
 * key-value lists and the empty value come built.
 */
public interface AttributeSink {

    /** Drops what it is given: for values read only to be counted or checked. */
    AttributeSink DISCARD = new AttributeSink() {
        @Override
        public void string(String key, String value) {
        }

        @Override
        public void int64(String key, long value) {
        }

        @Override
        public void float64(String key, double value) {
        }

        @Override
        public void bool(String key, boolean value) {
        }

        @Override
        public void value(String key, AnyValue value) {
        }
    };

    void string(String key, String value);

    void int64(String key, long value);

    void float64(String key, double value);

    void bool(String key, boolean value);

    /** An attribute whose value is not a scalar (array, key-value list), or has none set. */
    void value(String key, AnyValue value);

    /** A sink handing each attribute to {@code out} as a {@code KeyValue}. */
    static AttributeSink into(Consumer<KeyValue> out) {
        return new AttributeSink() {
            @Override
            public void string(String key, String value) {
                value(key, AnyValue.newBuilder().setStringValue(value).build());
            }

            @Override
            public void int64(String key, long value) {
                value(key, AnyValue.newBuilder().setIntValue(value).build());
            }

            @Override
            public void float64(String key, double value) {
                value(key, AnyValue.newBuilder().setDoubleValue(value).build());
            }

            @Override
            public void bool(String key, boolean value) {
                value(key, AnyValue.newBuilder().setBoolValue(value).build());
            }

            @Override
            public void value(String key, AnyValue value) {
                out.accept(KeyValue.newBuilder().setKey(key).setValue(value).build());
            }
        };
    }
}
