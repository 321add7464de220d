package io.pqflux.otap.generator;

import java.util.List;
import java.util.Objects;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * An Arrow field as the exporter's record batches carry it: name, type, nullability, children of structs and the item
 * of lists. {@link #toParquet()} is arrow-rs 58.4's Arrow → Parquet mapping of docs/otap-format.md §7.2 (nullable →
 * OPTIONAL, list elements named {@code item}).
 */
record ArrowField(String name, ArrowType type, boolean nullable, List<ArrowField> children) {

    /**
     * The Arrow types the exporter's tables use (docs/otap-format.md §7.2); {@code FIXED_n} is
     * {@code FixedSizeBinary(n)}.
     */
    enum ArrowType {
        UINT8, UINT16, UINT32, UINT64, INT32, INT64, FLOAT64, BOOL, UTF8, BINARY, FIXED_8, FIXED_16,
        TIMESTAMP_NS, DURATION_NS, STRUCT, LIST
    }

    ArrowField {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        children = List.copyOf(children);
        if ((type == ArrowType.STRUCT) != !children.isEmpty() && type != ArrowType.LIST) {
            throw new IllegalArgumentException(name + ": only structs have children");
        }
        if (type == ArrowType.LIST && children.size() != 1) throw new IllegalArgumentException(name + ": a list has one item field");
    }

    static ArrowField of(String name, ArrowType type, boolean nullable) {
        return new ArrowField(name, type, nullable, List.of());
    }

    static ArrowField struct(String name, boolean nullable, ArrowField... children) {
        return new ArrowField(name, ArrowType.STRUCT, nullable, List.of(children));
    }

    /** {@code List<item>}; Arrow's default item field is named {@code item} and nullable. */
    static ArrowField list(String name, boolean nullable, ArrowField item) {
        return new ArrowField(name, ArrowType.LIST, nullable, List.of(item));
    }

    ArrowField withNullable(boolean value) {
        return new ArrowField(name, type, value, children);
    }

    ArrowField withType(ArrowType value) {
        return new ArrowField(name, value, nullable, children);
    }

    ArrowField withChildren(List<ArrowField> value) {
        return new ArrowField(name, type, nullable, value);
    }

    /** This field and all its descendants nullable: the "everything OPTIONAL" variant of the files. */
    ArrowField allNullable() {
        return new ArrowField(name, type, true, children.stream().map(ArrowField::allNullable).toList());
    }

    ArrowField child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " has no child " + childName));
    }

    boolean isStruct() {
        return type == ArrowType.STRUCT;
    }

    /** Whether the two fields become the same Parquet column type (names, physical and logical types), nullability aside. */
    boolean sameParquetType(ArrowField other) {
        if (!name.equals(other.name) || type != other.type || children.size() != other.children.size()) return false;
        for (int i = 0; i < children.size(); i++) {
            if (!children.get(i).sameParquetType(other.children.get(i))) return false;
        }
        return true;
    }

    Type toParquet() {
        Repetition repetition = nullable ? Repetition.OPTIONAL : Repetition.REQUIRED;
        return switch (type) {
            case UINT8 -> Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.intType(8, false)).named(name);
            case UINT16 -> Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.intType(16, false)).named(name);
            case UINT32 -> Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.intType(32, false)).named(name);
            case UINT64 -> Types.primitive(PrimitiveTypeName.INT64, repetition).as(LogicalTypeAnnotation.intType(64, false)).named(name);
            case INT32 -> Types.primitive(PrimitiveTypeName.INT32, repetition).named(name);
            case INT64, DURATION_NS -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
            case FLOAT64 -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
            case BOOL -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
            case UTF8 -> Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType()).named(name);
            case BINARY -> Types.primitive(PrimitiveTypeName.BINARY, repetition).named(name);
            case FIXED_8 -> Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition).length(8).named(name);
            case FIXED_16 -> Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition).length(16).named(name);
            case TIMESTAMP_NS -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(false, TimeUnit.NANOS)).named(name);
            case STRUCT -> new GroupType(repetition, name, children.stream().map(ArrowField::toParquet).toList());
            case LIST -> Types.buildGroup(repetition).as(LogicalTypeAnnotation.listType())
                    .addField(new GroupType(Repetition.REPEATED, "list", children.getFirst().toParquet())).named(name);
        };
    }
}
