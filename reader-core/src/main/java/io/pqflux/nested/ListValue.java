package io.pqflux.nested;

import java.util.AbstractList;
import java.util.List;

/** A non-null list: consecutive slots of its repeated node. Elements may be null unless the element field is required. */
public final class ListValue extends FieldValues {

    private final NestedBatch batch;
    private final NestedField element;
    private final int start;
    private final int size;

    ListValue(NestedBatch batch, NestedField element, int start, int size) {
        this.batch = batch;
        this.element = element;
        this.start = start;
        this.size = size;
    }

    public NestedField element() {
        return element;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    protected NestedBatch batch() {
        return batch;
    }

    @Override
    public NestedField field(int index) {
        return element;
    }

    @Override
    protected int slot(int index) {
        return start + java.util.Objects.checkIndex(index, size);
    }

    @Override
    protected String describe(int index) {
        return "element " + index + " of '" + element.name() + "'";
    }

    /** The elements as {@link #getObject(int)} returns them. */
    public List<Object> asList() {
        return new AbstractList<>() {
            @Override
            public Object get(int index) {
                return getObject(index);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    @Override
    public String toString() {
        return asList().toString();
    }
}
