package io.pqflux.schema;

import io.pqflux.format.meta.ConvertedType;
import io.pqflux.format.meta.FieldRepetitionType;
import io.pqflux.format.meta.LogicalType;
import io.pqflux.format.meta.PhysicalType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A leaf column with everything needed to decode it.
 */
public final class ColumnDescriptor implements SchemaNode {

    private final int index;
    private final String name;
    private final List<String> path;
    private final PhysicalType physicalType;
    private final int typeLength;
    private final FieldRepetitionType repetition;
    private final int maxDefinitionLevel;
    private final int maxRepetitionLevel;
    private final LogicalType logicalType;
    private final ConvertedType convertedType;
    private final int scale;
    private final int precision;
    private final List<FieldRepetitionType> pathRepetitions;
    /**
     * Built once: readers name a column by it wherever they report or match one, per block and per batch (a class,
     * not a record, to hold it; value semantics as a record's).
     */
    private final String dottedPath;
    /** Computed on first use, as String's is (0: not yet); sets of descriptors hash each one often. */
    private int hash;

    public ColumnDescriptor(int index, String name, List<String> path, PhysicalType physicalType, int typeLength,
                            FieldRepetitionType repetition, int maxDefinitionLevel, int maxRepetitionLevel,
                            LogicalType logicalType, ConvertedType convertedType, int scale, int precision,
                            List<FieldRepetitionType> pathRepetitions) {
        // copied, as the dotted path is built from it once (names may be null, which List.copyOf refuses)
        this.path = Collections.unmodifiableList(new ArrayList<>(path));
        this.pathRepetitions = List.copyOf(pathRepetitions);
        if (this.pathRepetitions.size() != path.size()) {
            throw new IllegalArgumentException("one repetition per path element: " + path + " " + pathRepetitions);
        }
        this.index = index;
        this.name = name;
        this.physicalType = physicalType;
        this.typeLength = typeLength;
        this.repetition = repetition;
        this.maxDefinitionLevel = maxDefinitionLevel;
        this.maxRepetitionLevel = maxRepetitionLevel;
        this.logicalType = logicalType;
        this.convertedType = convertedType;
        this.scale = scale;
        this.precision = precision;
        this.dottedPath = String.join(".", this.path);
    }

    /** Position among the leaves, which is also the column chunk index in each row group. */
    public int index() {
        return index;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> path() {
        return path;
    }

    @Override
    public String dottedPath() {
        return dottedPath;
    }

    public PhysicalType physicalType() {
        return physicalType;
    }

    /** Byte width of FIXED_LEN_BYTE_ARRAY values, 0 otherwise. */
    public int typeLength() {
        return typeLength;
    }

    @Override
    public FieldRepetitionType repetition() {
        return repetition;
    }

    public int maxDefinitionLevel() {
        return maxDefinitionLevel;
    }

    public int maxRepetitionLevel() {
        return maxRepetitionLevel;
    }

    @Override
    public LogicalType logicalType() {
        return logicalType;
    }

    public ConvertedType convertedType() {
        return convertedType;
    }

    /** Decimal scale (0 when not a decimal). */
    public int scale() {
        return scale;
    }

    /** Decimal precision (0 when not a decimal). */
    public int precision() {
        return precision;
    }

    /** The repetition of every node on the path, from the root's child down to this leaf. */
    public List<FieldRepetitionType> pathRepetitions() {
        return pathRepetitions;
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

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof ColumnDescriptor c && index == c.index
                && typeLength == c.typeLength && maxDefinitionLevel == c.maxDefinitionLevel
                && maxRepetitionLevel == c.maxRepetitionLevel && scale == c.scale && precision == c.precision
                && physicalType == c.physicalType && repetition == c.repetition && convertedType == c.convertedType
                && Objects.equals(name, c.name) && path.equals(c.path) && Objects.equals(logicalType, c.logicalType)
                && pathRepetitions.equals(c.pathRepetitions);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Objects.hash(index, name, path, physicalType, typeLength, repetition, maxDefinitionLevel,
                    maxRepetitionLevel, logicalType, convertedType, scale, precision, pathRepetitions);
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return "ColumnDescriptor[index=" + index + ", name=" + name + ", path=" + path + ", physicalType=" + physicalType
                + ", typeLength=" + typeLength + ", repetition=" + repetition + ", maxDefinitionLevel="
                + maxDefinitionLevel + ", maxRepetitionLevel=" + maxRepetitionLevel + ", logicalType=" + logicalType
                + ", convertedType=" + convertedType + ", scale=" + scale + ", precision=" + precision
                + ", pathRepetitions=" + pathRepetitions + "]";
    }
}
