package io.pqflux.reader;

import io.pqflux.nested.FieldValues;
import io.pqflux.nested.ListValue;
import io.pqflux.nested.MapValue;
import io.pqflux.nested.NestedField;
import io.pqflux.nested.StructValue;
import io.pqflux.schema.ColumnDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Values of both readers in one comparable form: primitives by their physical value (floats as bit
 * patterns, byte arrays as hex), structs as ordered maps, lists as lists, maps as lists of [key, value].
 * The oracle side walks parquet-java's physical {@link Group}s along the nodes pqflux's fields were read
 * from, so a mistake in assembly (offsets, validity, value positions) shows as a difference.
 *
 * <p>In the logical form ({@link #logical}) pqflux's side is read through {@code getObject} alone, on rows and
 * on the nested views it returns, and primitives compare as {@link LogicalOracle} states them: parquet-java's
 * logical reading of the value, not pqflux's.
 */
public final class CanonicalRows {

    private final List<ColumnDescriptor> projection;
    /** parquet-java's schema of the file when primitives compare in their logical form, else null. */
    private final MessageType logicalSchema;

    CanonicalRows(List<ColumnDescriptor> projection) {
        this(projection, null);
    }

    private CanonicalRows(List<ColumnDescriptor> projection, MessageType logicalSchema) {
        this.projection = projection;
        this.logicalSchema = logicalSchema;
    }

    /** Both sides in the logical form: {@link #oursLogical} against {@link #oracle} with parquet-java's logical values. */
    static CanonicalRows logical(List<ColumnDescriptor> projection, MessageType schema) {
        return new CanonicalRows(projection, schema);
    }

    /**
     * pqflux's value {@code index} of {@code values} through {@code getObject} only: views for structs, lists
     * and maps (each must be the kind its field says), primitives in {@link LogicalOracle}'s form.
     */
    Object oursLogical(FieldValues values, int index) {
        Object value = values.getObject(index);
        if (value == null) {
            if (!values.isNull(index)) throw new AssertionError(values.field(index).name() + ": getObject is null but isNull is false");
            return null;
        }
        return switch (values.field(index)) {
            case NestedField.Primitive p -> LogicalOracle.ours(value, parquetType(p));
            case NestedField.EmptyGroup e -> throw new AssertionError(e.name() + ": an empty group's getObject is not null");
            case NestedField.Struct s -> {
                StructValue struct = (StructValue) value;
                Map<String, Object> members = new LinkedHashMap<>();
                for (int i = 0; i < struct.size(); i++) members.put(struct.field(i).name(), oursLogical(struct, i));
                yield members;
            }
            case NestedField.ListOf l -> {
                ListValue list = (ListValue) value;
                List<Object> elements = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) elements.add(oursLogical(list, i));
                yield elements;
            }
            case NestedField.MapOf m -> {
                MapValue map = (MapValue) value;
                List<Object> entries = new ArrayList<>();
                for (int i = 0; i < map.size(); i++) entries.add(Arrays.asList(oursLogical(map.keys(), i), oursLogical(map.values(), i)));
                yield entries;
            }
        };
    }

    private PrimitiveType parquetType(NestedField.Primitive field) {
        return logicalSchema.getType(projection.get(field.leaf()).path().toArray(String[]::new)).asPrimitiveType();
    }

    /** The columns of a flat row: one primitive per top-level field. */
    static List<ColumnDescriptor> flatColumns(RowCursor rows) {
        return rows.fields().stream().map(f -> ((NestedField.Primitive) f).column()).toList();
    }

    /** pqflux's value {@code index} of {@code values}. */
    static Object ours(FieldValues values, int index) {
        if (values.isNull(index)) return null;
        return switch (values.field(index)) {
            case NestedField.Primitive p -> switch (p.column().physicalType()) {
                case BOOLEAN -> values.getBoolean(index);
                case INT32 -> values.getInt(index);
                case INT64 -> values.getLong(index);
                case FLOAT -> "float:" + Float.floatToRawIntBits(values.getFloat(index));
                case DOUBLE -> "double:" + Double.doubleToRawLongBits(values.getDouble(index));
                case INT96, BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY -> HexFormat.of().formatHex(values.getBinary(index));
            };
            case NestedField.Struct s -> {
                StructValue struct = values.getStruct(index);
                Map<String, Object> members = new LinkedHashMap<>();
                for (int i = 0; i < struct.size(); i++) members.put(struct.field(i).name(), ours(struct, i));
                yield members;
            }
            case NestedField.ListOf l -> {
                ListValue list = values.getList(index);
                List<Object> elements = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) elements.add(ours(list, i));
                yield elements;
            }
            case NestedField.MapOf m -> {
                MapValue map = values.getMap(index);
                List<Object> entries = new ArrayList<>();
                for (int i = 0; i < map.size(); i++) entries.add(Arrays.asList(ours(map.keys(), i), ours(map.values(), i)));
                yield entries;
            }
            case NestedField.EmptyGroup e -> throw new AssertionError(e.name() + " is an empty group but not null");
        };
    }

    /** Every value below {@code values} through getObject, so logical conversions run on all of them; returns the count. */
    public static long touchAll(FieldValues values) {
        long count = 0;
        for (int i = 0; i < values.size(); i++) {
            Object value = values.getObject(i);
            count++;
            switch (value) {
                case FieldValues nested -> count += touchAll(nested);
                case MapValue map -> count += touchAll(map.keys()) + touchAll(map.values());
                case null, default -> { }
            }
        }
        return count;
    }

    /** parquet-java's value of {@code field}, found in the group holding the field's node. */
    Object oracle(Group holder, NestedField field) {
        if (field instanceof NestedField.EmptyGroup e) {
            // parquet-java never starts a group it has no column for: the field is absent, which is null here
            return holder.getFieldRepetitionCount(e.name()) == 0 ? null : "present";
        }
        String name = nodeName(field, field.level());
        boolean bareList = switch (field) {
            case NestedField.ListOf l -> l.level() == l.repeatedLevel();
            case NestedField.MapOf m -> m.level() == m.repeatedLevel();
            default -> false;
        };
        if (bareList) return elements(holder, field);
        if (holder.getFieldRepetitionCount(name) == 0) return null;
        return oracleValue(holder, name, 0, field);
    }

    /** Occurrence {@code index} of node {@code name} in {@code holder}, read as {@code field}; never null. */
    private Object oracleValue(Group holder, String name, int index, NestedField field) {
        return switch (field) {
            case NestedField.Primitive p when logicalSchema != null -> LogicalOracle.expected(holder, name, index);
            case NestedField.Primitive p -> switch (p.column().physicalType()) {
                case BOOLEAN -> holder.getBoolean(name, index);
                case INT32 -> holder.getInteger(name, index);
                case INT64 -> holder.getLong(name, index);
                case FLOAT -> "float:" + Float.floatToRawIntBits(holder.getFloat(name, index));
                case DOUBLE -> "double:" + Double.doubleToRawLongBits(holder.getDouble(name, index));
                case INT96 -> HexFormat.of().formatHex(holder.getInt96(name, index).getBytes());
                case BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY -> HexFormat.of().formatHex(holder.getBinary(name, index).getBytes());
            };
            case NestedField.Struct s -> {
                Group group = holder.getGroup(name, index);
                Map<String, Object> members = new LinkedHashMap<>();
                for (NestedField member : s.fields()) members.put(member.name(), oracle(group, member));
                yield members;
            }
            case NestedField.ListOf l -> elements(holder.getGroup(name, index), l);
            case NestedField.MapOf m -> elements(holder.getGroup(name, index), m);
            case NestedField.EmptyGroup e -> throw new IllegalArgumentException("read by oracle(): " + e);
        };
    }

    /** The elements (or [key, value] entries) of a list or map whose repeated node is a child of {@code holder}. */
    private List<Object> elements(Group holder, NestedField listOrMap) {
        int repeatedLevel = listOrMap instanceof NestedField.ListOf l ? l.repeatedLevel() : ((NestedField.MapOf) listOrMap).repeatedLevel();
        String repeated = nodeName(listOrMap, repeatedLevel);
        List<Object> result = new ArrayList<>();
        for (int j = 0; j < holder.getFieldRepetitionCount(repeated); j++) {
            switch (listOrMap) {
                case NestedField.ListOf l when l.element().level() == repeatedLevel ->
                        result.add(oracleValue(holder, repeated, j, l.element()));
                case NestedField.ListOf l -> result.add(oracle(holder.getGroup(repeated, j), l.element()));
                case NestedField.MapOf m -> {
                    Group entry = holder.getGroup(repeated, j);
                    result.add(Arrays.asList(oracle(entry, m.key()), oracle(entry, m.value())));
                }
                default -> throw new IllegalArgumentException(listOrMap.toString());
            }
        }
        return result;
    }

    private String nodeName(NestedField field, int level) {
        return projection.get(field.leaf()).path().get(level - 1);
    }
}
