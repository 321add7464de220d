package io.pqflux.schema;

import io.pqflux.format.meta.ConvertedType;
import io.pqflux.format.meta.FieldRepetitionType;
import io.pqflux.format.meta.LogicalType;
import io.pqflux.format.meta.PhysicalType;
import java.util.List;

/**
 * A leaf column with everything needed to decode it.
 *
 * @param index           position among the leaves, which is also the column chunk index in each row group
 * @param typeLength      byte width of FIXED_LEN_BYTE_ARRAY values, 0 otherwise
 * @param scale           decimal scale (0 when not a decimal)
 * @param precision       decimal precision (0 when not a decimal)
 * @param pathRepetitions the repetition of every node on the path, from the root's child down to this leaf
 */
public record ColumnDescriptor(
        int index,
        String name,
        List<String> path,
        PhysicalType physicalType,
        int typeLength,
        FieldRepetitionType repetition,
        int maxDefinitionLevel,
        int maxRepetitionLevel,
        LogicalType logicalType,
        ConvertedType convertedType,
        int scale,
        int precision,
        List<FieldRepetitionType> pathRepetitions) implements SchemaNode {

    public ColumnDescriptor {
        pathRepetitions = List.copyOf(pathRepetitions);
        if (pathRepetitions.size() != path.size()) {
            throw new IllegalArgumentException("one repetition per path element: " + path + " " + pathRepetitions);
        }
    }

    /** Bytes per value for fixed-width physical types; -1 for BYTE_ARRAY. Booleans are stored as one byte. */
    public int valueWidth() {
        return switch (physicalType) {
            case BOOLEAN -> 1;
            case INT32, FLOAT -> 4;
            case INT64, DOUBLE -> 8;
            case INT96 -> 12;
            case FIXED_LEN_BYTE_ARRAY -> typeLength;
            case BYTE_ARRAY -> -1;
        };
    }
}
