package io.pqflux.schema;

import io.pqflux.format.meta.ConvertedType;
import io.pqflux.format.meta.LogicalType;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.format.meta.SchemaElement;
import io.pqflux.format.meta.TimeUnit;

/**
 * Which physical types each logical annotation of a primitive column may annotate (LogicalTypes.md), exactly as
 * parquet-java 1.18.1's schema builder checks them, so a file one refuses the other refuses too
 * ({@code AnnotationDifferentialTest} compares every combination). Groups are not checked: parquet-java accepts any
 * annotation on a group, and the LIST and MAP rules for groups are {@link io.pqflux.nested.NestedSchema}'s.
 */
final class AnnotationRules {

    private static final String BINARY_ONLY = " annotates BYTE_ARRAY only";
    private static final String INT32_ONLY = " annotates INT32 only";
    private static final String INT64_ONLY = " annotates INT64 only";

    private AnnotationRules() {
    }

    /**
     * The annotation of {@code element} that does not fit its physical type, or null when they fit. The logical type
     * is checked, and the converted type too unless it names the same kind of annotation: parquet-java reads a
     * converted type that disagrees with the logical type in its place, so both must fit.
     */
    static Violation violation(SchemaElement element, int typeLength) {
        LogicalType logical = element.logicalType();
        if (logical != null) {
            String rule = rule(logical, element.type(), typeLength);
            if (rule != null) return new Violation(logical.specName(), rule);
        }
        ConvertedType converted = element.convertedType();
        if (converted == null || sameKind(logical, converted)) return null;
        String rule = converted == ConvertedType.INTERVAL
                ? fixed(element.type(), typeLength, 12, "INTERVAL")
                : rule(LogicalTypes.fromConverted(element), element.type(), typeLength);
        return rule == null ? null : new Violation(convertedName(element), rule);
    }

    /** An annotation that does not fit, as the format names it, and what it needs. */
    record Violation(String annotation, String rule) {
    }

    /** What {@code logical} needs that {@code type} lacks, or null when it may annotate it. */
    private static String rule(LogicalType logical, PhysicalType type, int typeLength) {
        return switch (logical) {
            case LogicalType.StringType t -> type == PhysicalType.BYTE_ARRAY ? null : "STRING" + BINARY_ONLY;
            case LogicalType.EnumType t -> type == PhysicalType.BYTE_ARRAY ? null : "ENUM" + BINARY_ONLY;
            case LogicalType.JsonType t -> type == PhysicalType.BYTE_ARRAY ? null : "JSON" + BINARY_ONLY;
            case LogicalType.BsonType t -> type == PhysicalType.BYTE_ARRAY ? null : "BSON" + BINARY_ONLY;
            case LogicalType.GeometryType t -> type == PhysicalType.BYTE_ARRAY ? null : "GEOMETRY" + BINARY_ONLY;
            case LogicalType.GeographyType t -> type == PhysicalType.BYTE_ARRAY ? null : "GEOGRAPHY" + BINARY_ONLY;
            case LogicalType.UuidType t -> fixed(type, typeLength, 16, "UUID");
            case LogicalType.Float16Type t -> fixed(type, typeLength, 2, "FLOAT16");
            case LogicalType.DateType t -> type == PhysicalType.INT32 ? null : "DATE" + INT32_ONLY;
            case LogicalType.TimeType t when t.unit() == TimeUnit.MILLIS ->
                    type == PhysicalType.INT32 ? null : "TIME(MILLIS)" + INT32_ONLY;
            case LogicalType.TimeType t -> type == PhysicalType.INT64 ? null : "TIME(" + t.unit() + ")" + INT64_ONLY;
            case LogicalType.TimestampType t -> type == PhysicalType.INT64 ? null : "TIMESTAMP" + INT64_ONLY;
            case LogicalType.IntType t -> integer(t, type);
            case LogicalType.DecimalType t -> decimal(t, type, typeLength);
            case LogicalType.ListType t -> "LIST annotates groups only";
            case LogicalType.MapType t -> "MAP annotates groups only";
            case LogicalType.VariantType t -> "VARIANT annotates groups only";
            // UNKNOWN (always null) fits every type; the types this reader does not know are read as their physical type
            case LogicalType.NullType t -> null;
            case LogicalType.VectorType t -> null;
            case LogicalType.Unrecognized t -> null;
        };
    }

    private static String fixed(PhysicalType type, int typeLength, int width, String name) {
        return type == PhysicalType.FIXED_LEN_BYTE_ARRAY && typeLength == width ? null
                : name + " annotates FIXED_LEN_BYTE_ARRAY(" + width + ") only";
    }

    private static String integer(LogicalType.IntType t, PhysicalType type) {
        return switch (t.bitWidth()) {
            case 8, 16, 32 -> type == PhysicalType.INT32 ? null : "INT(" + t.bitWidth() + ")" + INT32_ONLY;
            case 64 -> type == PhysicalType.INT64 ? null : "INT(64)" + INT64_ONLY;
            default -> "INT's bit width is 8, 16, 32 or 64";
        };
    }

    private static String decimal(LogicalType.DecimalType t, PhysicalType type, int typeLength) {
        if (t.precision() <= 0) return "DECIMAL's precision must be positive";
        if (t.scale() < 0 || t.scale() > t.precision()) return "DECIMAL's scale must be between 0 and its precision";
        return switch (type) {
            case INT32 -> t.precision() <= 9 ? null : "INT32 holds at most 9 decimal digits";
            case INT64 -> t.precision() <= 18 ? null : "INT64 holds at most 18 decimal digits";
            case BYTE_ARRAY -> null;
            case FIXED_LEN_BYTE_ARRAY -> t.precision() <= maxPrecision(typeLength) ? null
                    : "FIXED_LEN_BYTE_ARRAY(" + typeLength + ") holds at most " + maxPrecision(typeLength) + " decimal digits";
            default -> "DECIMAL annotates INT32, INT64, BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY only";
        };
    }

    /**
     * floor(log10(2^(8n-1) - 1)), the digits n bytes of two's complement hold (LogicalTypes.md), evaluated as
     * parquet-java evaluates it (in doubles, the exponent in ints), so both accept the same precisions at every
     * length, including lengths past 128 bytes, where the power is infinite and any precision is accepted.
     */
    private static long maxPrecision(int bytes) {
        return Math.round(Math.floor(Math.log10(Math.pow(2, 8 * bytes - 1) - 1)));
    }

    /**
     * Whether the converted type is the legacy form of the logical type (parquet-java's
     * {@code LogicalTypeAnnotation.toOriginalType}): then parquet-java reads the logical type and ignores the
     * converted one, which it otherwise reads instead.
     */
    private static boolean sameKind(LogicalType logical, ConvertedType converted) {
        return switch (logical) {
            case null -> false;
            case LogicalType.StringType t -> converted == ConvertedType.UTF8;
            case LogicalType.MapType t -> converted == ConvertedType.MAP;
            case LogicalType.ListType t -> converted == ConvertedType.LIST;
            case LogicalType.EnumType t -> converted == ConvertedType.ENUM;
            case LogicalType.DecimalType t -> converted == ConvertedType.DECIMAL;
            case LogicalType.DateType t -> converted == ConvertedType.DATE;
            case LogicalType.JsonType t -> converted == ConvertedType.JSON;
            case LogicalType.BsonType t -> converted == ConvertedType.BSON;
            case LogicalType.TimeType t -> converted == switch (t.unit()) {
                case MILLIS -> ConvertedType.TIME_MILLIS;
                case MICROS -> ConvertedType.TIME_MICROS;
                case NANOS -> null;
            };
            case LogicalType.TimestampType t -> converted == switch (t.unit()) {
                case MILLIS -> ConvertedType.TIMESTAMP_MILLIS;
                case MICROS -> ConvertedType.TIMESTAMP_MICROS;
                case NANOS -> null;
            };
            case LogicalType.IntType t -> LogicalTypes.fromConverted(converted, 0, 0) instanceof LogicalType.IntType i
                    && i.equals(t);
            default -> false;
        };
    }

    private static String convertedName(SchemaElement element) {
        return element.convertedType() == ConvertedType.DECIMAL
                ? LogicalTypes.fromConverted(element).specName()
                : element.convertedType().name();
    }
}
