package io.pqflux.tempo.internal.encoding;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.pqflux.nested.SlotReader;
import io.pqflux.otlp.wire.ProtoWriter;
import io.pqflux.tempo.internal.assembly.AnyValueJson;
import io.pqflux.tempo.internal.assembly.AttributeSink;
import io.pqflux.tempo.internal.assembly.ScalarKind;

/** Writes each attribute as a {@code KeyValue} in the repeated field {@code field} of the message being written. */
final class KeyValueWriter implements AttributeSink {

    private final ProtoWriter out;
    private final int field;
    /** The value being written: one scalar or array between {@link #begin} and {@link #end}. */
    private int valueMark;

    KeyValueWriter(ProtoWriter out, int field) {
        this.out = out;
        this.field = field;
    }

    @Override
    public void string(String key, String value) {
        int keyValue = begin(key);
        out.stringAlways(AnyValue.STRING_VALUE_FIELD_NUMBER, value);
        end(keyValue);
    }

    /** Copied from the column's UTF-8 bytes: no {@code String} made. */
    @Override
    public void string(String key, SlotReader values, int slot) {
        int keyValue = begin(key);
        out.stringAlways(AnyValue.STRING_VALUE_FIELD_NUMBER, values, slot);
        end(keyValue);
    }

    @Override
    public void int64(String key, long value) {
        int keyValue = begin(key);
        out.int64Always(AnyValue.INT_VALUE_FIELD_NUMBER, value);
        end(keyValue);
    }

    @Override
    public void float64(String key, double value) {
        int keyValue = begin(key);
        out.doubleAlways(AnyValue.DOUBLE_VALUE_FIELD_NUMBER, value);
        end(keyValue);
    }

    @Override
    public void bool(String key, boolean value) {
        int keyValue = begin(key);
        out.boolAlways(AnyValue.BOOL_VALUE_FIELD_NUMBER, value);
        end(keyValue);
    }

    /** Written from the JSON as it is parsed: no {@code AnyValue} made. */
    @Override
    public void json(String key, byte[] utf8) {
        int keyValue = out.begin(field);
        out.string(KeyValue.KEY_FIELD_NUMBER, key);
        int value = out.begin(KeyValue.VALUE_FIELD_NUMBER);
        AnyValueJson.write(utf8, out);
        out.end(value);
        out.end(keyValue);
    }

    @Override
    public void value(String key, AnyValue value) {
        int keyValue = out.begin(field);
        out.string(KeyValue.KEY_FIELD_NUMBER, key);
        out.message(KeyValue.VALUE_FIELD_NUMBER, value);
        out.end(keyValue);
    }

    @Override
    public void array(String key, ScalarKind kind, SlotReader values, int first, int end) {
        int keyValue = begin(key);
        int array = out.begin(AnyValue.ARRAY_VALUE_FIELD_NUMBER);
        for (int slot = first; slot < end; slot++) {
            int element = out.begin(ArrayValue.VALUES_FIELD_NUMBER);
            switch (kind) {
                case STRING -> out.stringAlways(AnyValue.STRING_VALUE_FIELD_NUMBER, values, slot);
                case INT -> out.int64Always(AnyValue.INT_VALUE_FIELD_NUMBER, values.int64(slot));
                case DOUBLE -> out.doubleAlways(AnyValue.DOUBLE_VALUE_FIELD_NUMBER, values.float64(slot));
                case BOOL -> out.boolAlways(AnyValue.BOOL_VALUE_FIELD_NUMBER, values.bool(slot));
            }
            out.end(element);
        }
        out.end(array);
        end(keyValue);
    }

    /** Starts the key-value and its value; returns the key-value's mark. */
    private int begin(String key) {
        int keyValue = out.begin(field);
        out.string(KeyValue.KEY_FIELD_NUMBER, key);
        valueMark = out.begin(KeyValue.VALUE_FIELD_NUMBER);
        return keyValue;
    }

    private void end(int keyValue) {
        out.end(valueMark);
        out.end(keyValue);
    }
}
