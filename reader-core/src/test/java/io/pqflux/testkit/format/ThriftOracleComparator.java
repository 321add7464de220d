package io.pqflux.testkit.format;

import io.pqflux.format.meta.BinaryValue;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import shaded.parquet.org.apache.thrift.TBase;
import shaded.parquet.org.apache.thrift.TEnum;
import shaded.parquet.org.apache.thrift.TFieldIdEnum;
import shaded.parquet.org.apache.thrift.TUnion;
import shaded.parquet.org.apache.thrift.meta_data.FieldMetaData;

/**
 * Compares a Thrift object produced by parquet-format-structures with pqflux's metadata record, field by
 * field, driven by the Thrift classes' own field metadata: every field the oracle knows must exist in our
 * model under the same name (ignoring case and underscores) and hold an equal value. Shared through
 * reader-core's test-jar (only {@code io.pqflux.testkit}) by the footer differential tests and the footer
 * benchmark's check; so it needs nothing but parquet-format-structures and pqflux's model (no AssertJ).
 */
public final class ThriftOracleComparator {

    /** Union members whose record name is not simply the member name + "Type". */
    private static final Map<String, String> UNION_MEMBER_CLASS = Map.of(
            "INTEGER", "IntType",
            "UNKNOWN", "NullType");

    private final List<String> mismatches = new ArrayList<>();
    private long comparedValues;

    /** One line per differing value: its path, the oracle's value and ours. */
    public List<String> mismatches() {
        return mismatches;
    }

    /** Leaf values (and union members) compared so far. */
    public long comparedValues() {
        return comparedValues;
    }

    /** Compares {@code oracle} (a Thrift object, list or value) with {@code ours}, recording mismatches under {@code path}. */
    public void compare(String path, Object oracle, Object ours) {
        if (oracle == null || ours == null) {
            if (oracle != ours) mismatch(path, oracle, ours);
            return;
        }
        if (oracle instanceof TUnion<?, ?> union) {
            compareUnion(path, union, ours);
        } else if (oracle instanceof TBase<?, ?> struct) {
            compareStruct(path, struct, ours);
        } else if (oracle instanceof List<?> list) {
            if (!(ours instanceof List<?> ourList) || ourList.size() != list.size()) {
                mismatch(path + ".size", list.size(), ours instanceof List<?> l ? l.size() : ours);
                return;
            }
            for (int i = 0; i < list.size(); i++) compare(path + "[" + i + "]", list.get(i), ourList.get(i));
        } else if (oracle instanceof byte[] || oracle instanceof ByteBuffer) {
            byte[] expected = oracle instanceof byte[] b ? b : toArray((ByteBuffer) oracle);
            leaf(path, BinaryValue.wrap(expected), ours);
        } else if (oracle instanceof TEnum e) {
            leaf(path, ((Enum<?>) e).name(), ours instanceof Enum<?> o ? o.name() : ours);
        } else if (oracle instanceof Number n && ours instanceof Number m) {
            leaf(path, n.longValue(), m.longValue());
        } else {
            leaf(path, oracle, ours);
        }
    }

    private void compareStruct(String path, TBase<?, ?> struct, Object ours) {
        for (Map.Entry<? extends TFieldIdEnum, FieldMetaData> field : fields(struct).entrySet()) {
            String name = field.getValue().fieldName;
            Object value = isSet(struct, field.getKey()) ? fieldValue(struct, field.getKey()) : null;
            Object ourValue = component(ours, name, path);
            compare(path + "." + name, value, ourValue);
        }
    }

    private void compareUnion(String path, TUnion<?, ?> union, Object ours) {
        if (union.getSetField() == null) { // a member the oracle does not know either
            String name = ours instanceof Enum<?> e ? e.name() : ours.getClass().getSimpleName();
            leaf(path, "unrecognized member", name.equals("UNKNOWN") || name.equals("Unrecognized") ? "unrecognized member" : name);
            return;
        }
        String member = union.getSetField().getFieldName();
        Object value = union.getFieldValue();
        if (ours instanceof Enum<?> e) {
            leaf(path, normalize(member), normalize(e.name()));
            return;
        }
        RecordComponent mode = findComponent(ours.getClass(), "mode");
        if (mode != null) { // a union flattened into a record with a discriminating enum
            leaf(path + ".mode", normalize(member), normalize(((Enum<?>) read(ours, mode)).name()));
            compare(path + "." + member, value, ours);
            return;
        }
        String expectedClass = UNION_MEMBER_CLASS.getOrDefault(member, null);
        String actualClass = ours.getClass().getSimpleName();
        boolean sameMember = expectedClass != null
                ? expectedClass.equals(actualClass)
                : normalize(actualClass).equals(normalize(member)) || normalize(actualClass).equals(normalize(member) + "type");
        if (!sameMember) {
            mismatch(path, member, actualClass);
            return;
        }
        comparedValues++;
        if (value instanceof TBase<?, ?> struct && !(value instanceof TUnion<?, ?>)) compareStruct(path + "." + member, struct, ours);
    }

    private void leaf(String path, Object expected, Object actual) {
        comparedValues++;
        if (!expected.equals(actual)) mismatch(path, expected, actual);
    }

    private void mismatch(String path, Object expected, Object actual) {
        mismatches.add(path + ": parquet-format-structures=" + expected + " pqflux=" + actual);
    }

    private Object component(Object record, String thriftName, String path) {
        RecordComponent c = findComponent(record.getClass(), thriftName);
        if (c == null) {
            throw new AssertionError(path + ": field '" + thriftName + "' of the oracle has no counterpart in " + record.getClass().getName());
        }
        return read(record, c);
    }

    /** Per record class, its components by normalised name: looked up once (getRecordComponents builds new objects per call). */
    private static final ClassValue<Map<String, RecordComponent>> COMPONENTS = new ClassValue<>() {
        @Override
        protected Map<String, RecordComponent> computeValue(Class<?> type) {
            Map<String, RecordComponent> byName = new HashMap<>();
            if (type.isRecord()) {
                for (RecordComponent c : type.getRecordComponents()) {
                    c.getAccessor().setAccessible(true);
                    byName.put(normalize(c.getName()), c);
                }
            }
            return byName;
        }
    };

    private static RecordComponent findComponent(Class<?> type, String thriftName) {
        return COMPONENTS.get(type).get(normalize(thriftName));
    }

    private static Object read(Object record, RecordComponent c) {
        try {
            return c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<? extends TFieldIdEnum, FieldMetaData> fields(TBase<?, ?> struct) {
        return FieldMetaData.getStructMetaDataMap((Class) struct.getClass());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static boolean isSet(TBase struct, TFieldIdEnum field) {
        return struct.isSet(field);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object fieldValue(TBase struct, TFieldIdEnum field) {
        return struct.getFieldValue(field);
    }

    /** Names are few (Thrift fields, record components, enum constants); a footer compares millions of values. */
    private static final Map<String, String> NORMALIZED = new java.util.concurrent.ConcurrentHashMap<>();

    private static String normalize(String name) {
        return NORMALIZED.computeIfAbsent(name, n -> n.replace("_", "").toLowerCase(java.util.Locale.ROOT));
    }

    private static byte[] toArray(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
