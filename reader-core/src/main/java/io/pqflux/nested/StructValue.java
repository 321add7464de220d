package io.pqflux.nested;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A non-null struct: its members all live at the struct's slot. */
public final class StructValue extends NamedFieldValues {

    private final NestedBatch batch;
    private final NestedField.Struct struct;
    private final int slot;

    StructValue(NestedBatch batch, NestedField.Struct struct, int slot) {
        this.batch = batch;
        this.struct = struct;
        this.slot = slot;
    }

    @Override
    public List<NestedField> fields() {
        return struct.fields();
    }

    @Override
    protected NestedBatch batch() {
        return batch;
    }

    @Override
    protected int slot(int index) {
        return slot;
    }

    /** The members as name to {@link #getObject(int)}, in schema order. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < size(); i++) map.put(struct.fields().get(i).name(), getObject(i));
        return map;
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
