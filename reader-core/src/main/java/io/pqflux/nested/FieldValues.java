package io.pqflux.nested;

import io.pqflux.column.ColumnVector;
import io.pqflux.error.ParquetException;
import io.pqflux.format.meta.ConvertedType;
import io.pqflux.format.meta.LogicalType;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.internal.logical.LogicalValues;
import io.pqflux.schema.ColumnDescriptor;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * Indexed access to a sequence of values — the fields of a row or struct, the elements of a list — read
 * straight from the batch's column vectors. Views ({@link StructValue}, {@link ListValue},
 * {@link MapValue}) are small objects over slots, valid while the row group they came from is loaded.
 * Typed getters throw {@link IllegalStateException} for a null value or a field of another type.
 */
public abstract sealed class FieldValues permits ListValue, NamedFieldValues {

    FieldValues() {}

    /** Number of values. */
    public abstract int size();

    protected abstract NestedBatch batch();

    /** The field of value {@code index}: the member of a row or struct, the element field of a list. */
    public abstract NestedField field(int index);

    /** The slot of value {@code index} in its field's slot space. */
    protected abstract int slot(int index);

    /** True when value {@code index} is null; always for an {@link NestedField.EmptyGroup}. */
    public boolean isNull(int index) {
        NestedField f = field(index);
        int slot = slot(index);
        if (f instanceof NestedField.EmptyGroup) return true;
        if (f instanceof NestedField.Primitive p) return batch().column(p.leaf()).valueIndex(slot) < 0;
        return f.isNullable() && !batch().column(f.leaf()).isValid(f.validityLevel(), slot);
    }

    public boolean getBoolean(int index) {
        return vector(index, PhysicalType.BOOLEAN).getBoolean(valueIndex(index));
    }

    public int getInt(int index) {
        return vector(index, PhysicalType.INT32).getInt(valueIndex(index));
    }

    public long getLong(int index) {
        return vector(index, PhysicalType.INT64).getLong(valueIndex(index));
    }

    public float getFloat(int index) {
        return vector(index, PhysicalType.FLOAT).getFloat(valueIndex(index));
    }

    public double getDouble(int index) {
        return vector(index, PhysicalType.DOUBLE).getDouble(valueIndex(index));
    }

    /** The raw bytes of a BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY or INT96 value, as a view valid while the row group is loaded. */
    public MemorySegment getBytes(int index) {
        return binaryVector(index).getBytes(valueIndex(index));
    }

    public byte[] getBinary(int index) {
        return binaryVector(index).getByteArray(valueIndex(index));
    }

    private ColumnVector binaryVector(int index) {
        ColumnVector v = vector(index, null);
        PhysicalType type = v.column().physicalType();
        if (type != PhysicalType.BYTE_ARRAY && type != PhysicalType.FIXED_LEN_BYTE_ARRAY && type != PhysicalType.INT96) {
            throw wrongType(index, "a byte array");
        }
        return v;
    }

    public String getString(int index) {
        return new String(getBinary(index), StandardCharsets.UTF_8);
    }

    /** @throws IllegalStateException when the value is null (an {@link NestedField.EmptyGroup} always is) or not a struct */
    public StructValue getStruct(int index) {
        if (field(index) instanceof NestedField.EmptyGroup) {
            slot(index); // the position and current-row checks come first
            throw new IllegalStateException(describe(index) + " is null");
        }
        if (!(field(index) instanceof NestedField.Struct s)) throw wrongType(index, "a struct");
        return new StructValue(batch(), s, present(index));
    }

    public ListValue getList(int index) {
        if (!(field(index) instanceof NestedField.ListOf l)) throw wrongType(index, "a list");
        int slot = present(index);
        NestedColumn c = batch().column(l.leaf());
        int start = c.offset(l.repeatedLevel(), slot);
        return new ListValue(batch(), l.element(), start, c.offset(l.repeatedLevel(), slot + 1) - start);
    }

    public MapValue getMap(int index) {
        if (!(field(index) instanceof NestedField.MapOf m)) throw wrongType(index, "a map");
        int slot = present(index);
        NestedColumn c = batch().column(m.leaf());
        int start = c.offset(m.repeatedLevel(), slot);
        return new MapValue(batch(), m, start, c.offset(m.repeatedLevel(), slot + 1) - start);
    }

    /**
     * The value as a Java object: null (always for an {@link NestedField.EmptyGroup}); a {@link StructValue}, {@link ListValue} or {@link MapValue}; or for
     * primitives the Java type of the logical type — String, BigDecimal, LocalDate, LocalTime, Instant
     * (UTC-adjusted timestamps and INT96), LocalDateTime (local timestamps), UUID, Float (FLOAT16), Interval,
     * Long/BigInteger for unsigned ints — else the boxed physical value or byte[].
     *
     * <p>TIME values are {@link java.time.LocalTime} when they are a time of day, from 00:00 inclusive to 24:00
     * exclusive. Some writers store values outside that range (a time with a time zone shifted to UTC can become
     * negative); such a value is a {@link java.time.Duration}: the signed, exact time since midnight the file
     * holds ({@code -03:51:39} is {@code Duration.ofSeconds(-13_899)}, 25:00 is {@code Duration.ofHours(25)}), so
     * it neither fails the read nor loses its sign. A TIME column may therefore yield both types; the raw value is
     * always {@link #getInt(int)} / {@link #getLong(int)} in the column's unit.
     */
    public Object getObject(int index) {
        if (isNull(index)) return null;
        return switch (field(index)) {
            case NestedField.Primitive p -> {
                try {
                    yield primitiveObject(index, p.column());
                } catch (ParquetException e) {
                    throw e.locatedIn(batch().location().withColumn(p.column().dottedPath()));
                }
            }
            case NestedField.Struct s -> getStruct(index);
            case NestedField.ListOf l -> getList(index);
            case NestedField.MapOf m -> getMap(index);
            case NestedField.EmptyGroup e -> null;
        };
    }

    private Object primitiveObject(int index, ColumnDescriptor c) {
        LogicalType logical = c.logicalType();
        return switch (c.physicalType()) {
            case BOOLEAN -> getBoolean(index);
            case INT32 -> LogicalValues.fromInt32(getInt(index), logical);
            case INT64 -> LogicalValues.fromInt64(getLong(index), logical);
            case INT96 -> LogicalValues.int96(getBytes(index));
            case FLOAT -> getFloat(index);
            case DOUBLE -> getDouble(index);
            case BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY -> switch (logical) {
                case LogicalType.StringType s -> getString(index);
                case LogicalType.EnumType e -> getString(index);
                case LogicalType.JsonType j -> getString(index);
                case LogicalType.DecimalType d -> LogicalValues.decimal(getBinary(index), d.scale());
                case LogicalType.UuidType u -> LogicalValues.uuid(getBytes(index));
                case LogicalType.Float16Type f -> LogicalValues.float16(getBytes(index));
                case null -> c.convertedType() == ConvertedType.INTERVAL
                        ? LogicalValues.interval(getBytes(index)) : getBinary(index);
                default -> getBinary(index);
            };
        };
    }

    private int present(int index) {
        if (isNull(index)) throw new IllegalStateException(describe(index) + " is null");
        return slot(index);
    }

    private int valueIndex(int index) {
        NestedField.Primitive p = (NestedField.Primitive) field(index);
        int value = batch().column(p.leaf()).valueIndex(slot(index));
        if (value < 0) throw new IllegalStateException(describe(index) + " is null");
        return value;
    }

    /** @param expected the physical type the getter reads, or null for any */
    private ColumnVector vector(int index, PhysicalType expected) {
        if (!(field(index) instanceof NestedField.Primitive p)) throw wrongType(index, expected == null ? "a primitive" : expected.name());
        if (expected != null && p.column().physicalType() != expected) throw wrongType(index, expected.name());
        return batch().column(p.leaf()).vector();
    }

    private IllegalStateException wrongType(int index, String expected) {
        NestedField f = field(index);
        String actual = switch (f) {
            case NestedField.Primitive p -> p.column().physicalType().name();
            case NestedField.Struct s -> "a struct";
            case NestedField.ListOf l -> "a list";
            case NestedField.MapOf m -> "a map";
            case NestedField.EmptyGroup e -> "an empty group";
        };
        return new IllegalStateException(describe(index) + " is " + actual + ", not " + expected);
    }

    /** How error messages name value {@code index}: the field name, or the element position. */
    protected String describe(int index) {
        return "field '" + field(index).name() + "'";
    }
}
