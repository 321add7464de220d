package io.pqflux.tempo.internal.assembly;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.pqflux.nested.SlotReader;
import java.util.function.Consumer;

/**
 * Where a mapper puts one owner's attributes, one at a time in the order Tempo returns them: key-value objects
 * ({@link #into}), or their protobuf encoding. Scalars and arrays of scalars come typed, so an encoding builds no value
 * object; key-value lists and the empty value come built.
 */
public interface AttributeSink {

    /** Drops what it is given: for values read only to be counted or checked. */
    AttributeSink DISCARD = new AttributeSink() {
        @Override
        public void string(String key, String value) {
        }

        @Override
        public void string(String key, SlotReader values, int slot) {
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

        @Override
        public void array(String key, ScalarKind kind, SlotReader values, int first, int end) {
        }
    };

    void string(String key, String value);

    /**
     * A string value stored at {@code slot} of {@code values} (a null slot is the empty string, as an encoding writes
     * it): by default decoded for {@link #string(String, String)}; an encoding copies its UTF-8 bytes instead.
     */
    default void string(String key, SlotReader values, int slot) {
        string(key, values.stringOr(slot, ""));
    }

    /**
     * A value Tempo stores as the protobuf-JSON of an {@code AnyValue} ({@link AnyValueJson}); by default parsed into
     * a message for {@link #value}.
     *
     * @throws IllegalArgumentException when the bytes are not the JSON of an {@code AnyValue}
     */
    default void json(String key, byte[] utf8) {
        value(key, AnyValueJson.parse(utf8));
    }

    void int64(String key, long value);

    void float64(String key, double value);

    void bool(String key, boolean value);

    /** An attribute whose value is not a scalar or an array of scalars (a key-value list), or has none set. */
    void value(String key, AnyValue value);

    /** An attribute whose value is the array of the scalars at slots {@code [first, end)} of {@code values}. */
    void array(String key, ScalarKind kind, SlotReader values, int first, int end);

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

            @Override
            public void array(String key, ScalarKind kind, SlotReader values, int first, int end) {
                ArrayValue.Builder array = ArrayValue.newBuilder();
                for (int slot = first; slot < end; slot++) {
                    AnyValue.Builder element = AnyValue.newBuilder();
                    switch (kind) {
                        case STRING -> element.setStringValue(values.stringOr(slot, ""));
                        case INT -> element.setIntValue(values.int64(slot));
                        case DOUBLE -> element.setDoubleValue(values.float64(slot));
                        case BOOL -> element.setBoolValue(values.bool(slot));
                    }
                    array.addValues(element);
                }
                value(key, AnyValue.newBuilder().setArrayValue(array).build());
            }
        };
    }
}
