package io.pqflux.format.meta;

/** The {@code LogicalType} union: one record per member, plus {@link Unrecognized} for ids from the future. */
public sealed interface LogicalType {

    /**
     * The type as the Parquet specification names it, for messages and listings: {@code STRING}, {@code INT(8,signed)},
     * {@code DECIMAL(10,2)}, {@code TIMESTAMP(MICROS,adjustedToUTC=true)}.
     */
    default String specName() {
        return switch (this) {
            case StringType t -> "STRING";
            case MapType t -> "MAP";
            case ListType t -> "LIST";
            case EnumType t -> "ENUM";
            case DecimalType t -> "DECIMAL(" + t.precision() + "," + t.scale() + ")";
            case DateType t -> "DATE";
            case TimeType t -> "TIME(" + t.unit() + ",adjustedToUTC=" + t.isAdjustedToUtc() + ")";
            case TimestampType t -> "TIMESTAMP(" + t.unit() + ",adjustedToUTC=" + t.isAdjustedToUtc() + ")";
            case IntType t -> "INT(" + t.bitWidth() + "," + (t.isSigned() ? "signed" : "unsigned") + ")";
            case NullType t -> "UNKNOWN";
            case JsonType t -> "JSON";
            case BsonType t -> "BSON";
            case UuidType t -> "UUID";
            case Float16Type t -> "FLOAT16";
            case VariantType t -> t.specificationVersion() == null ? "VARIANT"
                    : "VARIANT(" + t.specificationVersion() + ")";
            case GeometryType t -> t.crs() == null ? "GEOMETRY" : "GEOMETRY(" + t.crs() + ")";
            case GeographyType t -> "GEOGRAPHY(" + (t.crs() == null ? "" : t.crs())
                    + (t.algorithm() == null ? "" : "," + t.algorithm()) + ")";
            case VectorType t -> "VECTOR";
            case Unrecognized t -> "unrecognized logical type (field " + t.thriftFieldId() + ")";
        };
    }

    record StringType() implements LogicalType { }

    record MapType() implements LogicalType { }

    record ListType() implements LogicalType { }

    record EnumType() implements LogicalType { }

    record DecimalType(int scale, int precision) implements LogicalType { }

    record DateType() implements LogicalType { }

    record TimeType(boolean isAdjustedToUtc, TimeUnit unit) implements LogicalType { }

    record TimestampType(boolean isAdjustedToUtc, TimeUnit unit) implements LogicalType { }

    record IntType(int bitWidth, boolean isSigned) implements LogicalType { }

    /** Thrift member {@code UNKNOWN}: the column only ever holds nulls. */
    record NullType() implements LogicalType { }

    record JsonType() implements LogicalType { }

    record BsonType() implements LogicalType { }

    record UuidType() implements LogicalType { }

    record Float16Type() implements LogicalType { }

    record VariantType(Integer specificationVersion) implements LogicalType { }

    record GeometryType(String crs) implements LogicalType { }

    record GeographyType(String crs, EdgeInterpolationAlgorithm algorithm) implements LogicalType { }

    record VectorType() implements LogicalType { }

    /** A union member this reader does not know; the column is read as its physical type. */
    record Unrecognized(int thriftFieldId) implements LogicalType { }
}
