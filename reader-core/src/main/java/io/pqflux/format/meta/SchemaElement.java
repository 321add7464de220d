package io.pqflux.format.meta;

/** One node of the flattened schema; nullable components are optional Thrift fields. */
public record SchemaElement(
        PhysicalType type,
        Integer typeLength,
        FieldRepetitionType repetitionType,
        String name,
        Integer numChildren,
        ConvertedType convertedType,
        Integer scale,
        Integer precision,
        Integer fieldId,
        LogicalType logicalType,
        Integer vectorLength) {
}
