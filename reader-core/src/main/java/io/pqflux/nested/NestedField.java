package io.pqflux.nested;

import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.schema.GroupNode;
import java.util.List;

/**
 * A field as readers see it after the LIST and MAP rules are applied: a primitive, a struct, a list or a
 * map, or an {@link EmptyGroup} (a group without columns, null in every row). Every other field knows where
 * its structure is recorded: {@link #leaf()} is the projection position of a leaf below it (the first), whose
 * {@link NestedColumn} holds the field's validity at {@link #validityLevel()} and, for lists and maps, the
 * element offsets at {@code repeatedLevel}. {@link #level()} is the level of the schema node the field was
 * read from (for a list or map, its outermost node), so {@code leaf}'s path names that node.
 *
 * <p>A field's value is addressed by a slot in the slot space of its container: the row for top-level
 * fields, the struct's slot for struct members, the element slot for list elements.
 */
public sealed interface NestedField {

    String name();

    /** Projection position of the leaf whose levels describe this field; -1 for an {@link EmptyGroup}. */
    int leaf();

    /** Level (1-based depth in the schema) of the node this field was read from. */
    int level();

    /** Level of the optional node that makes this field null, or -1 when it cannot be null. */
    int validityLevel();

    default boolean isNullable() {
        return validityLevel() >= 0;
    }

    /** A leaf value; {@link #leaf()} is this column's own position. */
    record Primitive(String name, ColumnDescriptor column, int leaf, int level, int validityLevel) implements NestedField { }

    record Struct(String name, List<NestedField> fields, int leaf, int level, int validityLevel) implements NestedField {
        public Struct {
            fields = List.copyOf(fields);
        }
    }

    /**
     * A group with no column below it (see {@link io.pqflux.schema.MessageSchema#emptyGroups()}): the file holds
     * no data for it, so it is null in every row, whatever its repetition. It has no leaf ({@link #leaf()} is -1)
     * and no validity level ({@link #validityLevel()} is -1), yet {@link #isNullable()} is true.
     */
    record EmptyGroup(String name, GroupNode group, int level) implements NestedField {
        @Override
        public int leaf() {
            return -1;
        }

        @Override
        public int validityLevel() {
            return -1;
        }

        @Override
        public boolean isNullable() {
            return true;
        }
    }

    /** A list whose elements are the slots of the repeated node at {@code repeatedLevel}. */
    record ListOf(String name, NestedField element, int leaf, int level, int validityLevel, int repeatedLevel) implements NestedField { }

    /** A map whose entries are the slots of the repeated key/value node at {@code repeatedLevel}. */
    record MapOf(String name, NestedField key, NestedField value, int leaf, int level, int validityLevel,
                 int repeatedLevel)
            implements NestedField { }
}
