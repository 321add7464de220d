package io.pqflux.format.meta;

/** The {@code LogicalType} union: one record per member, plus {@link Unrecognized} for ids from the future. */
public sealed interface LogicalType {

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
