package io.pqflux.cli;

import io.pqflux.format.meta.LogicalType;

/** Display names of logical types, after the names the Parquet specification gives them. */
final class TypeNames {

    private TypeNames() {
    }

    static String of(LogicalType type) {
        return switch (type) {
            case null -> null;
            case LogicalType.StringType t -> "STRING";
            case LogicalType.MapType t -> "MAP";
            case LogicalType.ListType t -> "LIST";
            case LogicalType.EnumType t -> "ENUM";
            case LogicalType.DecimalType t -> "DECIMAL(" + t.precision() + "," + t.scale() + ")";
            case LogicalType.DateType t -> "DATE";
            case LogicalType.TimeType t -> "TIME(" + t.unit() + ",adjustedToUTC=" + t.isAdjustedToUtc() + ")";
            case LogicalType.TimestampType t -> "TIMESTAMP(" + t.unit() + ",adjustedToUTC=" + t.isAdjustedToUtc() + ")";
            case LogicalType.IntType t -> "INT(" + t.bitWidth() + "," + (t.isSigned() ? "signed" : "unsigned") + ")";
            case LogicalType.NullType t -> "UNKNOWN";
            case LogicalType.JsonType t -> "JSON";
            case LogicalType.BsonType t -> "BSON";
            case LogicalType.UuidType t -> "UUID";
            case LogicalType.Float16Type t -> "FLOAT16";
            case LogicalType.VariantType t -> t.specificationVersion() == null ? "VARIANT"
                    : "VARIANT(" + t.specificationVersion() + ")";
            case LogicalType.GeometryType t -> t.crs() == null ? "GEOMETRY" : "GEOMETRY(" + t.crs() + ")";
            case LogicalType.GeographyType t -> "GEOGRAPHY(" + (t.crs() == null ? "" : t.crs())
                    + (t.algorithm() == null ? "" : "," + t.algorithm()) + ")";
            case LogicalType.VectorType t -> "VECTOR";
            case LogicalType.Unrecognized t -> "unrecognized logical type (field " + t.thriftFieldId() + ")";
        };
    }
}
