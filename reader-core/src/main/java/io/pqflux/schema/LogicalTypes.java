package io.pqflux.schema;

import io.pqflux.format.meta.ConvertedType;
import io.pqflux.format.meta.LogicalType;
import io.pqflux.format.meta.SchemaElement;
import io.pqflux.format.meta.TimeUnit;

/** Derives the logical type of a schema element, following the backward-compatibility rules of LogicalTypes.md. */
final class LogicalTypes {

    private LogicalTypes() {
    }

    static LogicalType effective(SchemaElement element) {
        ConvertedType converted = element.convertedType();
        // INTERVAL has no LogicalType member; parquet-java writes UNKNOWN beside the converted type for it.
        if (element.logicalType() instanceof LogicalType.NullType && converted == ConvertedType.INTERVAL) return null;
        if (element.logicalType() != null) return element.logicalType();
        return fromConverted(element);
    }

    /** The logical type the element's converted type stands for; null when it has none, or INTERVAL. */
    static LogicalType fromConverted(SchemaElement element) {
        return fromConverted(element.convertedType(), orZero(element.scale()), orZero(element.precision()));
    }

    /** The logical type {@code converted} stands for, with a DECIMAL's scale and precision; null for null and INTERVAL. */
    static LogicalType fromConverted(ConvertedType converted, int scale, int precision) {
        if (converted == null) return null;
        return switch (converted) {
            case UTF8 -> new LogicalType.StringType();
            case MAP, MAP_KEY_VALUE -> new LogicalType.MapType();
            case LIST -> new LogicalType.ListType();
            case ENUM -> new LogicalType.EnumType();
            case DECIMAL -> new LogicalType.DecimalType(scale, precision);
            case DATE -> new LogicalType.DateType();
            // Legacy TIME/TIMESTAMP annotations are defined as UTC-adjusted.
            case TIME_MILLIS -> new LogicalType.TimeType(true, TimeUnit.MILLIS);
            case TIME_MICROS -> new LogicalType.TimeType(true, TimeUnit.MICROS);
            case TIMESTAMP_MILLIS -> new LogicalType.TimestampType(true, TimeUnit.MILLIS);
            case TIMESTAMP_MICROS -> new LogicalType.TimestampType(true, TimeUnit.MICROS);
            case UINT_8 -> new LogicalType.IntType(8, false);
            case UINT_16 -> new LogicalType.IntType(16, false);
            case UINT_32 -> new LogicalType.IntType(32, false);
            case UINT_64 -> new LogicalType.IntType(64, false);
            case INT_8 -> new LogicalType.IntType(8, true);
            case INT_16 -> new LogicalType.IntType(16, true);
            case INT_32 -> new LogicalType.IntType(32, true);
            case INT_64 -> new LogicalType.IntType(64, true);
            case JSON -> new LogicalType.JsonType();
            case BSON -> new LogicalType.BsonType();
            // INTERVAL has no LogicalType member; consumers look at the converted type.
            case INTERVAL -> null;
        };
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
