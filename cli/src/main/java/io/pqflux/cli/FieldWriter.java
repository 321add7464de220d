package io.pqflux.cli;

import io.pqflux.nested.FieldValues;
import io.pqflux.nested.ListValue;
import io.pqflux.nested.MapValue;
import io.pqflux.nested.NestedField;
import io.pqflux.nested.StructValue;
import io.pqflux.schema.ColumnDescriptor;
import java.util.List;

/**
 * Renders one field's value as sink events, nested values included (docs/cli.md): structs as objects,
 * lists as arrays, maps as arrays of {@code {"key": …, "value": …}} objects (keys need not be strings and
 * may repeat), primitives through {@link ValueWriter}, groups without columns as null. Built once per field of
 * the schema.
 */
final class FieldWriter {

    private final NestedField field;
    private final ValueWriter primitive;
    private final List<FieldWriter> members;

    private FieldWriter(NestedField field, ValueWriter primitive, List<FieldWriter> members) {
        this.field = field;
        this.primitive = primitive;
        this.members = members;
    }

    /** @param binaryAsString un-annotated BYTE_ARRAY values as text ({@link ValueWriter#forColumn(ColumnDescriptor, boolean)}) */
    static FieldWriter of(NestedField field, boolean binaryAsString) {
        return switch (field) {
            case NestedField.Primitive p -> new FieldWriter(field, ValueWriter.forColumn(p.column(), binaryAsString), List.of());
            case NestedField.Struct s -> new FieldWriter(field, null,
                    s.fields().stream().map(f -> of(f, binaryAsString)).toList());
            case NestedField.ListOf l -> new FieldWriter(field, null, List.of(of(l.element(), binaryAsString)));
            case NestedField.MapOf m -> new FieldWriter(field, null,
                    List.of(of(m.key(), binaryAsString), of(m.value(), binaryAsString)));
            case NestedField.EmptyGroup e -> new FieldWriter(field, null, List.of());
        };
    }

    String name() {
        return field.name();
    }

    void write(FieldValues values, int index, ValueSink sink) {
        if (values.isNull(index)) {
            sink.nullValue();
            return;
        }
        switch (field) {
            case NestedField.Primitive p -> primitive.write(values.getObject(index), sink);
            case NestedField.Struct s -> {
                StructValue struct = values.getStruct(index);
                sink.beginObject();
                for (int i = 0; i < struct.size(); i++) {
                    sink.key(struct.field(i).name());
                    members.get(i).write(struct, i, sink);
                }
                sink.endObject();
            }
            case NestedField.ListOf l -> {
                ListValue list = values.getList(index);
                sink.beginArray();
                for (int i = 0; i < list.size(); i++) members.getFirst().write(list, i, sink);
                sink.endArray();
            }
            case NestedField.MapOf m -> {
                MapValue map = values.getMap(index);
                sink.beginArray();
                for (int i = 0; i < map.size(); i++) {
                    sink.beginObject();
                    sink.key("key");
                    members.get(0).write(map.keys(), i, sink);
                    sink.key("value");
                    members.get(1).write(map.values(), i, sink);
                    sink.endObject();
                }
                sink.endArray();
            }
            case NestedField.EmptyGroup e -> sink.nullValue(); // isNull is always true: not reached
        }
    }
}
