package io.pqflux.cli;

import io.pqflux.format.meta.ConvertedType;
import io.pqflux.format.meta.LogicalType;
import io.pqflux.internal.logical.LogicalValues;
import io.pqflux.schema.ColumnDescriptor;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a statistics bound (PLAIN-encoded bytes) into the same Java value the row API gives for the
 * column, so that it renders like the column's data. Returns null when the bytes cannot be decoded
 * exactly: a width that does not match the type, truncated UTF-8; callers then show hex.
 */
final class StatisticsValues {

    private StatisticsValues() {
    }

    static Object decode(byte[] bytes, ColumnDescriptor column) {
        try {
            return decodeOrThrow(bytes, column);
        } catch (RuntimeException | CharacterCodingException e) {
            return null;
        }
    }

    private static Object decodeOrThrow(byte[] bytes, ColumnDescriptor column) throws CharacterCodingException {
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        LogicalType logical = column.logicalType();
        return switch (column.physicalType()) {
            case BOOLEAN -> bytes.length == 1 ? bytes[0] != 0 : null;
            case INT32 -> bytes.length == 4 ? LogicalValues.fromInt32(le.getInt(), logical) : null;
            case INT64 -> bytes.length == 8 ? LogicalValues.fromInt64(le.getLong(), logical) : null;
            case INT96 -> bytes.length == 12 ? LogicalValues.int96(MemorySegment.ofArray(bytes)) : null;
            case FLOAT -> bytes.length == 4 ? le.getFloat() : null;
            case DOUBLE -> bytes.length == 8 ? le.getDouble() : null;
            case BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY -> binary(bytes, logical, column);
        };
    }


    private static Object binary(byte[] bytes, LogicalType logical, ColumnDescriptor column) throws CharacterCodingException {
        MemorySegment segment = MemorySegment.ofArray(bytes);
        return switch (logical) {
            case LogicalType.StringType s -> strictUtf8(bytes);
            case LogicalType.EnumType e -> strictUtf8(bytes);
            case LogicalType.JsonType j -> strictUtf8(bytes);
            case LogicalType.DecimalType d -> LogicalValues.decimal(bytes, d.scale());
            case LogicalType.UuidType u -> bytes.length == 16 ? LogicalValues.uuid(segment) : null;
            case LogicalType.Float16Type f -> bytes.length == 2 ? LogicalValues.float16(segment) : null;
            case null -> column.convertedType() == ConvertedType.INTERVAL && bytes.length == 12
                    ? LogicalValues.interval(segment) : null;
            default -> null;
        };
    }

    /** Writers may truncate string bounds in the middle of a character; such a bound is not shown as text. */
    private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    }
}
