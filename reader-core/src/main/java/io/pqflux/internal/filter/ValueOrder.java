package io.pqflux.internal.filter;

import static io.pqflux.internal.logical.LogicalValues.NANOS_PER_DAY;

import io.pqflux.internal.codec.encoding.LittleEndian;
import io.pqflux.column.ColumnValues;
import io.pqflux.format.meta.ConvertedType;
import io.pqflux.format.meta.LogicalType;
import io.pqflux.schema.ColumnDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * How the values of a column compare, following the type-defined sort orders of the parquet-format spec
 * ({@code ColumnOrder}): signed or unsigned integers, IEEE 754 numbers, unsigned byte-wise comparison,
 * DECIMAL by the represented value, INT96 by instant. One order serves statistics, column
 * indexes, dictionaries and decoded values, so every pruning level agrees with exact filtering.
 *
 * <p>Floating-point values compare as numbers: -0.0 equals +0.0, and a NaN is neither less than, equal to
 * nor greater than anything; callers test {@link #isNaN} first because {@link #compare} cannot say so.
 */
public enum ValueOrder {

    SIGNED_INT32 {
        @Override
        public int compare(ColumnValues a, int i, ColumnValues b, int j) {
            return Integer.compare(a.getInt(i), b.getInt(j));
        }
    },
    UNSIGNED_INT32 {
        @Override
        public int compare(ColumnValues a, int i, ColumnValues b, int j) {
            return Integer.compareUnsigned(a.getInt(i), b.getInt(j));
        }
    },
    SIGNED_INT64 {
        @Override
        public int compare(ColumnValues a, int i, ColumnValues b, int j) {
            return Long.compare(a.getLong(i), b.getLong(j));
        }
    },
    UNSIGNED_INT64 {
        @Override
        public int compare(ColumnValues a, int i, ColumnValues b, int j) {
            return Long.compareUnsigned(a.getLong(i), b.getLong(j));
        }
    },
    /** false before true. */
    BOOLEAN {
        @Override
        public int compare(ColumnValues a, int i, ColumnValues b, int j) {
            return Boolean.compare(a.getBoolean(i), b.getBoolean(j));
        }
    },
    FLOAT {
        @Override
        public int compare(ColumnValues a, int i, ColumnValues b, int j) {
            return numeric(a.getFloat(i), b.getFloat(j));
        }

        @Override
        public boolean isNaN(ColumnValues values, int i) {
            return Float.isNaN(values.getFloat(i));
        }
    },
    DOUBLE {
        @Override
        public int compare(ColumnValues a, int i, ColumnValues b, int j) {
            return numeric(a.getDouble(i), b.getDouble(j));
        }

        @Override
        public boolean isNaN(ColumnValues values, int i) {
            return Double.isNaN(values.getDouble(i));
        }
    },
    /** IEEE half precision in a FIXED_LEN_BYTE_ARRAY(2), little-endian. */
    FLOAT16 {
        @Override
        public int compare(ColumnValues a, int i, ColumnValues b, int j) {
            return numeric(half(a.getBytes(i)), half(b.getBytes(j)));
        }

        @Override
        public boolean isNaN(ColumnValues values, int i) {
            return Float.isNaN(half(values.getBytes(i)));
        }
    },
    /** Byte-wise, each byte unsigned; a prefix sorts first. Strings, enums, JSON, BSON, UUIDs, plain binary. */
    UNSIGNED_BYTES {
        @Override
        public int compare(ColumnValues a, int i, ColumnValues b, int j) {
            return unsignedBytes(a.getBytes(i), b.getBytes(j));
        }
    },
    /** DECIMAL in a byte array: big-endian two's complement of any length; an empty array is zero. */
    SIGNED_BIG_ENDIAN {
        @Override
        public int compare(ColumnValues a, int i, ColumnValues b, int j) {
            return signedBigEndian(a.getBytes(i), b.getBytes(j));
        }
    },
    /**
     * INT96 timestamps by the instant they stand for: Julian day (last 4 bytes, little-endian, signed) plus
     * nanoseconds (first 8, signed). Writers do not always keep the nanoseconds within one day (Spark's
     * overflowed values), so both are first normalised; the same instant can therefore have several byte forms.
     */
    INT96 {
        @Override
        public int compare(ColumnValues a, int i, ColumnValues b, int j) {
            MemorySegment x = a.getBytes(i), y = b.getBytes(j);
            long nanosX = x.get(LittleEndian.LONG, 0), nanosY = y.get(LittleEndian.LONG, 0);
            long dayX = x.get(LittleEndian.INT, 8) + Math.floorDiv(nanosX, NANOS_PER_DAY);
            long dayY = y.get(LittleEndian.INT, 8) + Math.floorDiv(nanosY, NANOS_PER_DAY);
            int byDay = Long.compare(dayX, dayY);
            return byDay != 0 ? byDay : Long.compare(Math.floorMod(nanosX, NANOS_PER_DAY), Math.floorMod(nanosY, NANOS_PER_DAY));
        }
    },
    /**
     * Types whose order the spec leaves undefined (INTERVAL, geospatial and unknown annotations on byte
     * arrays): only equality is meaningful, and statistics bounds are never used.
     */
    UNORDERED_BYTES {
        @Override
        public int compare(ColumnValues a, int i, ColumnValues b, int j) {
            return unsignedBytes(a.getBytes(i), b.getBytes(j));
        }

        @Override
        public boolean isOrdered() {
            return false;
        }
    };

    /** Negative, zero or positive as value i of {@code a} sorts before, with or after value j of {@code b}. */
    public abstract int compare(ColumnValues a, int i, ColumnValues b, int j);

    /** True for a floating-point NaN; such a value matches no comparison. */
    public boolean isNaN(ColumnValues values, int i) {
        return false;
    }

    public boolean isFloatingPoint() {
        return this == FLOAT || this == DOUBLE || this == FLOAT16;
    }

    /** False when only equality is defined: no less/greater predicates, no use of bounds. */
    public boolean isOrdered() {
        return true;
    }

    /**
     * True when the deprecated {@code min}/{@code max} statistics, which writers computed with signed
     * comparison of the physical values, agree with this order.
     */
    public boolean agreesWithLegacyBounds() {
        return this == SIGNED_INT32 || this == SIGNED_INT64 || this == FLOAT || this == DOUBLE;
    }

    /** The order of a column's values, from its logical type (or legacy converted type) and physical type. */
    public static ValueOrder of(ColumnDescriptor column) {
        LogicalType logical = column.logicalType();
        return switch (column.physicalType()) {
            case BOOLEAN -> BOOLEAN;
            case INT32 -> logical instanceof LogicalType.IntType t && !t.isSigned() ? UNSIGNED_INT32 : SIGNED_INT32;
            case INT64 -> logical instanceof LogicalType.IntType t && !t.isSigned() ? UNSIGNED_INT64 : SIGNED_INT64;
            case INT96 -> INT96;
            case FLOAT -> FLOAT;
            case DOUBLE -> DOUBLE;
            case BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY -> bytesOrder(column, logical);
        };
    }

    private static ValueOrder bytesOrder(ColumnDescriptor column, LogicalType logical) {
        return switch (logical) {
            case LogicalType.DecimalType d -> SIGNED_BIG_ENDIAN;
            case LogicalType.Float16Type f -> column.typeLength() == 2 ? FLOAT16 : UNORDERED_BYTES;
            case LogicalType.StringType s -> UNSIGNED_BYTES;
            case LogicalType.EnumType e -> UNSIGNED_BYTES;
            case LogicalType.JsonType j -> UNSIGNED_BYTES;
            case LogicalType.BsonType b -> UNSIGNED_BYTES;
            case LogicalType.UuidType u -> UNSIGNED_BYTES;
            case null -> column.convertedType() == ConvertedType.INTERVAL ? UNORDERED_BYTES : UNSIGNED_BYTES;
            default -> UNORDERED_BYTES;
        };
    }

    private static int numeric(double x, double y) {
        return x < y ? -1 : x > y ? 1 : 0;
    }

    private static float half(MemorySegment twoBytes) {
        return Float.float16ToFloat(twoBytes.get(LittleEndian.SHORT, 0));
    }

    static int unsignedBytes(MemorySegment x, MemorySegment y) {
        long at = x.mismatch(y);
        if (at < 0) return 0;
        if (at == x.byteSize()) return -1;
        if (at == y.byteSize()) return 1;
        return Integer.compare(Byte.toUnsignedInt(x.get(ValueLayout.JAVA_BYTE, at)),
                Byte.toUnsignedInt(y.get(ValueLayout.JAVA_BYTE, at)));
    }

    /** Compares as if both were sign-extended to the same length. */
    private static int signedBigEndian(MemorySegment x, MemorySegment y) {
        int signX = sign(x), signY = sign(y);
        if (signX != signY) return signX < signY ? -1 : 1;
        long length = Math.max(x.byteSize(), y.byteSize());
        int padX = signX < 0 ? 0xFF : 0, padY = signY < 0 ? 0xFF : 0;
        for (long k = 0; k < length; k++) {
            int bx = byteAt(x, k - (length - x.byteSize()), padX);
            int by = byteAt(y, k - (length - y.byteSize()), padY);
            if (bx != by) return bx < by ? -1 : 1;
        }
        return 0;
    }

    /** -1 for a negative value, 0 for non-negative: equal-sign values then compare as unsigned bytes. */
    private static int sign(MemorySegment bigEndian) {
        return bigEndian.byteSize() > 0 && bigEndian.get(ValueLayout.JAVA_BYTE, 0) < 0 ? -1 : 0;
    }

    private static int byteAt(MemorySegment bytes, long index, int pad) {
        return index < 0 ? pad : Byte.toUnsignedInt(bytes.get(ValueLayout.JAVA_BYTE, index));
    }
}
