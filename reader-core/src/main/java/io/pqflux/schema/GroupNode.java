package io.pqflux.schema;

import io.pqflux.format.meta.ConvertedType;
import io.pqflux.format.meta.FieldRepetitionType;
import io.pqflux.format.meta.LogicalType;
import java.util.List;

/** A group: the root, a struct, or the wrapper levels of lists and maps. */
public record GroupNode(
        String name,
        List<String> path,
        FieldRepetitionType repetition,
        LogicalType logicalType,
        ConvertedType convertedType,
        List<SchemaNode> children) implements SchemaNode {
}
