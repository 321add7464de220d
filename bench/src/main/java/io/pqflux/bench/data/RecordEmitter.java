package io.pqflux.bench.data;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.IntConsumer;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;

/**
 * Writes fields to parquet-java's {@link RecordConsumer} by name, looking each field's index up in the schema,
 * so generators cannot get an index wrong. Lists are the standard three-level form ({@code list}/{@code element}).
 */
public final class RecordEmitter {

    private final RecordConsumer out;
    private final Deque<GroupType> groups = new ArrayDeque<>();

    RecordEmitter(RecordConsumer out, MessageType schema) {
        this.out = out;
        groups.push(schema);
    }

    public void int32(String field, int value) {
        int index = begin(field);
        out.addInteger(value);
        out.endField(field, index);
    }

    public void int64(String field, long value) {
        int index = begin(field);
        out.addLong(value);
        out.endField(field, index);
    }

    public void float32(String field, float value) {
        int index = begin(field);
        out.addFloat(value);
        out.endField(field, index);
    }

    public void float64(String field, double value) {
        int index = begin(field);
        out.addDouble(value);
        out.endField(field, index);
    }

    public void bool(String field, boolean value) {
        int index = begin(field);
        out.addBoolean(value);
        out.endField(field, index);
    }

    public void bytes(String field, byte[] value) {
        int index = begin(field);
        out.addBinary(Binary.fromConstantByteArray(value));
        out.endField(field, index);
    }

    public void string(String field, String value) {
        int index = begin(field);
        out.addBinary(Binary.fromString(value));
        out.endField(field, index);
    }

    /** An optional string: omitted when null. */
    public void optionalString(String field, String value) {
        if (value != null) string(field, value);
    }

    public void group(String field, Runnable body) {
        GroupType type = groups.peek().getType(field).asGroupType();
        int index = begin(field);
        out.startGroup();
        groups.push(type);
        body.run();
        groups.pop();
        out.endGroup();
        out.endField(field, index);
    }

    /**
     * A LIST (or MAP) group of {@code count} entries; {@code entry} writes entry k's fields inside the repeated
     * group, e.g. {@code group("element", ...)} or a primitive {@code element}.
     */
    public void list(String field, int count, IntConsumer entry) {
        list(field, "list", count, entry);
    }

    public void list(String field, String repeatedName, int count, IntConsumer entry) {
        group(field, () -> {
            if (count == 0) return;
            GroupType repeated = groups.peek().getType(repeatedName).asGroupType();
            int index = begin(repeatedName);
            groups.push(repeated);
            for (int k = 0; k < count; k++) {
                out.startGroup();
                entry.accept(k);
                out.endGroup();
            }
            groups.pop();
            out.endField(repeatedName, index);
        });
    }

    private int begin(String field) {
        int index = groups.peek().getFieldIndex(field);
        out.startField(field, index);
        return index;
    }
}
