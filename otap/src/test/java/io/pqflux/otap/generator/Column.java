package io.pqflux.otap.generator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One Arrow column of a record batch. Leaf and list columns hold one Java value per row ({@code null}, {@code Long} for
 * every integer and time type, {@code Double}, {@code Boolean}, {@code String}, {@code byte[]}, a {@code List} for lists
 * whose struct items are {@code Object[]}); struct columns hold child columns and a validity mask.
 */
final class Column {
    private final ArrowField field;
    private final Object[] values;
    private final List<Column> children;
    private final boolean[] valid;
    private final int length;

    private Column(ArrowField field, Object[] values, List<Column> children, boolean[] valid, int length) {
        this.field = field;
        this.values = values;
        this.children = children;
        this.valid = valid;
        this.length = length;
    }

    static Column leaf(ArrowField field, List<?> values) {
        if (field.isStruct()) throw new IllegalArgumentException(field.name() + " is a struct");
        return new Column(field, values.toArray(), List.of(), null, values.size());
    }

    /** @param valid per-row validity of the struct itself, {@code null} when every row is valid */
    static Column struct(ArrowField field, List<Column> children, boolean[] valid, int length) {
        for (Column child : children) {
            if (child.length != length) throw new IllegalArgumentException(field.name() + "." + child.field.name() + ": length");
        }
        return new Column(field, null, List.copyOf(children), valid, length);
    }

    ArrowField field() {
        return field;
    }

    String name() {
        return field.name();
    }

    int length() {
        return length;
    }

    List<Column> children() {
        return children;
    }

    boolean valid(int row) {
        return valid == null || valid[row];
    }

    /** The row's value; for a struct an {@code Object[]} of its children's values, or {@code null}. */
    Object value(int row) {
        if (!field.isStruct()) return values[row];
        if (!valid(row)) return null;
        Object[] out = new Object[children.size()];
        for (int i = 0; i < out.length; i++) out[i] = children.get(i).value(row);
        return out;
    }

    Column child(String name) {
        return children.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /** Whether any row is null here or, for structs, in a child under a valid row. */
    boolean hasNulls() {
        for (int row = 0; row < length; row++) {
            if (field.isStruct() ? !valid(row) : values[row] == null) return true;
        }
        if (field.isStruct()) {
            for (Column child : children) {
                for (int row = 0; row < length; row++) {
                    if (valid(row) && child.value(row) == null) return true;
                }
            }
        }
        return false;
    }

    Column withField(ArrowField value) {
        return new Column(value, values, children, valid, length);
    }

    /** A struct column with the same validity and new children. */
    Column withChildren(ArrowField structField, List<Column> value) {
        return struct(structField, value, valid, length);
    }

    Column withValues(List<?> value) {
        return leaf(field, value);
    }

    /** The same column with rows in {@code order} (row {@code i} of the result is row {@code order[i]} of this one). */
    Column permute(int[] order) {
        if (field.isStruct()) {
            boolean[] newValid = null;
            if (valid != null) {
                newValid = new boolean[order.length];
                for (int i = 0; i < order.length; i++) newValid[i] = valid[order[i]];
            }
            List<Column> newChildren = new ArrayList<>();
            for (Column child : children) newChildren.add(child.permute(order));
            return new Column(field, null, newChildren, newValid, order.length);
        }
        Object[] out = new Object[order.length];
        for (int i = 0; i < order.length; i++) out[i] = values[order[i]];
        return new Column(field, out, List.of(), null, order.length);
    }

    List<Object> values() {
        if (field.isStruct()) throw new IllegalStateException(field.name() + " is a struct");
        return Arrays.asList(values);
    }

    @Override
    public String toString() {
        return field.name() + Objects.toString(field.isStruct() ? children : Arrays.asList(values));
    }
}
