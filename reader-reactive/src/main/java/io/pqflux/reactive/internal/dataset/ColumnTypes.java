package io.pqflux.reactive.internal.dataset;

import io.pqflux.format.meta.ConvertedType;
import io.pqflux.format.meta.FieldRepetitionType;
import io.pqflux.format.meta.LogicalType;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.schema.ColumnDescriptor;
import java.util.List;
import java.util.Objects;

/** When columns of the same path in two files hold the same kind of values, and the columns partition folders make. */
public final class ColumnTypes {

    private ColumnTypes() {
    }

    /**
     * Same physical type (and width), same logical type (the converted type when either file has no logical type),
     * same decimal scale and precision, same nesting of repeated levels. Required in one file and optional in the
     * other is fine: both read as values with nulls.
     */
    public static boolean compatible(ColumnDescriptor a, ColumnDescriptor b) {
        boolean logical = a.logicalType() != null && b.logicalType() != null
                ? a.logicalType().equals(b.logicalType())
                : Objects.equals(a.convertedType(), b.convertedType());
        return a.physicalType() == b.physicalType() && a.typeLength() == b.typeLength() && logical
                && a.scale() == b.scale() && a.precision() == b.precision()
                && a.maxRepetitionLevel() == b.maxRepetitionLevel();
    }

    /** The type as a message names it, e.g. {@code INT64 TIMESTAMP(MICROS, UTC)} or {@code BYTE_ARRAY STRING}. */
    public static String describe(ColumnDescriptor column) {
        StringBuilder text = new StringBuilder(column.physicalType().name());
        if (column.physicalType() == PhysicalType.FIXED_LEN_BYTE_ARRAY) text.append('(').append(column.typeLength()).append(')');
        if (column.logicalType() != null) text.append(' ').append(column.logicalType().specName());
        else if (column.convertedType() != null) text.append(' ').append(column.convertedType());
        if (column.maxRepetitionLevel() > 0) text.append(" repeated ").append(column.maxRepetitionLevel()).append('x');
        return text.toString();
    }

    /** A partition column: optional, INT64 for integer keys, a UTF-8 string otherwise. */
    public static ColumnDescriptor partition(String key, boolean integer) {
        return new ColumnDescriptor(-1, key, List.of(key), integer ? PhysicalType.INT64 : PhysicalType.BYTE_ARRAY, 0,
                FieldRepetitionType.OPTIONAL, 1, 0, integer ? null : new LogicalType.StringType(),
                integer ? null : ConvertedType.UTF8, 0, 0, List.of(FieldRepetitionType.OPTIONAL));
    }
}
