package io.pqflux.schema;

import io.pqflux.format.meta.FieldRepetitionType;
import io.pqflux.format.meta.LogicalType;
import java.util.List;

/** A node of the schema tree: a group or a primitive column. */
public sealed interface SchemaNode permits GroupNode, ColumnDescriptor {

    String name();

    /** Names from the root's child down to this node. */
    List<String> path();

    /** Null for the root. */
    FieldRepetitionType repetition();

    /** The logical type, derived from the legacy converted type when the file only has that; may be null. */
    LogicalType logicalType();

    default String dottedPath() {
        return String.join(".", path());
    }
}
