package io.pqflux.nested;

import java.util.List;

/** Values addressed by field name as well as position: the fields of a row or of a struct. */
public abstract sealed class NamedFieldValues extends FieldValues permits StructValue, io.pqflux.reader.RowCursor {

    /** For the permitted subclasses only: {@code RowCursor} lives in another package. */
    protected NamedFieldValues() {}

    /** The fields, in schema order. */
    public abstract List<NestedField> fields();

    @Override
    public int size() {
        return fields().size();
    }

    @Override
    public NestedField field(int index) {
        return fields().get(index);
    }

    /** @throws IllegalArgumentException when there is no field of that name */
    public int fieldIndex(String name) {
        List<NestedField> fields = fields();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) return i;
        }
        throw new IllegalArgumentException("no field '" + name + "'; the fields are "
                + fields.stream().map(NestedField::name).toList());
    }

    public boolean isNull(String name) {
        return isNull(fieldIndex(name));
    }

    public int getInt(String name) {
        return getInt(fieldIndex(name));
    }

    public long getLong(String name) {
        return getLong(fieldIndex(name));
    }

    public double getDouble(String name) {
        return getDouble(fieldIndex(name));
    }

    public String getString(String name) {
        return getString(fieldIndex(name));
    }

    public Object getObject(String name) {
        return getObject(fieldIndex(name));
    }

    public StructValue getStruct(String name) {
        return getStruct(fieldIndex(name));
    }

    public ListValue getList(String name) {
        return getList(fieldIndex(name));
    }

    public MapValue getMap(String name) {
        return getMap(fieldIndex(name));
    }
}
