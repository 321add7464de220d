package io.pqflux.internal.filter;

import io.pqflux.format.meta.FieldRepetitionType;
import io.pqflux.format.meta.LogicalType;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.schema.ColumnDescriptor;
import java.util.List;

/** Leaf column descriptors for tests that need a column without a file. */
final class TestColumns {

    private TestColumns() {
    }

    static ColumnDescriptor optional(String name, PhysicalType type, LogicalType logical) {
        return column(name, type, 0, logical, 1);
    }

    static ColumnDescriptor fixed(String name, int length, LogicalType logical) {
        return column(name, PhysicalType.FIXED_LEN_BYTE_ARRAY, length, logical, 1);
    }

    static ColumnDescriptor required(String name, PhysicalType type, LogicalType logical) {
        return column(name, type, 0, logical, 0);
    }

    private static ColumnDescriptor column(String name, PhysicalType type, int length, LogicalType logical, int maxDef) {
        int scale = logical instanceof LogicalType.DecimalType d ? d.scale() : 0;
        int precision = logical instanceof LogicalType.DecimalType d ? d.precision() : 0;
        FieldRepetitionType repetition = maxDef == 0 ? FieldRepetitionType.REQUIRED : FieldRepetitionType.OPTIONAL;
        return new ColumnDescriptor(0, name, List.of(name), type, length, repetition, maxDef, 0, logical, null, scale,
                precision, List.of(repetition));
    }

    /** An optional INTERVAL column: FIXED_LEN_BYTE_ARRAY(12) with only the legacy converted type. */
    static ColumnDescriptor interval(String name) {
        return new ColumnDescriptor(0, name, List.of(name), PhysicalType.FIXED_LEN_BYTE_ARRAY, 12, FieldRepetitionType.OPTIONAL,
                1, 0, null, io.pqflux.format.meta.ConvertedType.INTERVAL, 0, 0, List.of(FieldRepetitionType.OPTIONAL));
    }
}
