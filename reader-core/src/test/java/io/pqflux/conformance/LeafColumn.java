package io.pqflux.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.column.ColumnVector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.parquet.column.ColumnReader;

/**
 * One leaf column of one row group the way both readers can state it without assembling records: a
 * definition and repetition level per entry, and the non-null values in order, each as its PLAIN bytes
 * (little-endian; floats as raw bits so NaN payloads and signed zeros count; booleans as one byte).
 */
record LeafColumn(String path, int maxDefinitionLevel, int[] definitionLevels, int[] repetitionLevels,
                  List<byte[]> values) {

    /** pqflux's decoded vector. */
    static LeafColumn of(ColumnVector vector) {
        int size = vector.size();
        int maxDefinition = vector.column().maxDefinitionLevel();
        int[] definition = new int[size];
        int[] repetition = new int[size];
        List<byte[]> values = new ArrayList<>(vector.valueCount());
        for (int i = 0; i < size; i++) {
            definition[i] = vector.definitionLevel(i);
            repetition[i] = vector.repetitionLevel(i);
            if (definition[i] == maxDefinition) values.add(valueBytes(vector, values.size()));
        }
        String path = vector.column().dottedPath();
        assertThat(values).as(path + ": values counted by the vector vs definition levels at the maximum")
                .hasSize(vector.valueCount());
        return new LeafColumn(path, maxDefinition, definition, repetition, values);
    }

    /** parquet-java's low-level column reader, consumed for the chunk's {@code entries} (its page reader's count). */
    static LeafColumn of(ColumnReader reader, long entries) {
        org.apache.parquet.column.ColumnDescriptor column = reader.getDescriptor();
        int size = Math.toIntExact(entries);
        int[] definition = new int[size];
        int[] repetition = new int[size];
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            definition[i] = reader.getCurrentDefinitionLevel();
            repetition[i] = reader.getCurrentRepetitionLevel();
            if (definition[i] == column.getMaxDefinitionLevel()) values.add(valueBytes(reader));
            reader.consume();
        }
        return new LeafColumn(String.join(".", column.getPath()), column.getMaxDefinitionLevel(), definition, repetition,
                values);
    }

    private static byte[] valueBytes(ColumnVector v, int index) {
        return switch (v.column().physicalType()) {
            case BOOLEAN -> new byte[] {(byte) (v.getBoolean(index) ? 1 : 0)};
            case INT32 -> le(4).putInt(v.getInt(index)).array();
            case INT64 -> le(8).putLong(v.getLong(index)).array();
            case FLOAT -> le(4).putInt(Float.floatToRawIntBits(v.getFloat(index))).array();
            case DOUBLE -> le(8).putLong(Double.doubleToRawLongBits(v.getDouble(index))).array();
            case INT96, BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY -> v.getByteArray(index);
        };
    }

    private static byte[] valueBytes(ColumnReader r) {
        return switch (r.getDescriptor().getPrimitiveType().getPrimitiveTypeName()) {
            case BOOLEAN -> new byte[] {(byte) (r.getBoolean() ? 1 : 0)};
            case INT32 -> le(4).putInt(r.getInteger()).array();
            case INT64 -> le(8).putLong(r.getLong()).array();
            case FLOAT -> le(4).putInt(Float.floatToRawIntBits(r.getFloat())).array();
            case DOUBLE -> le(8).putLong(Double.doubleToRawLongBits(r.getDouble())).array();
            case INT96, BINARY, FIXED_LEN_BYTE_ARRAY -> r.getBinary().getBytes();
        };
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Fails at the first entry where {@code actual} differs, naming the entry, its row and both sides. */
    static void assertSame(LeafColumn expected, LeafColumn actual, String where) {
        String column = where + " column " + expected.path;
        assertThat(actual.path).as(column + ": path").isEqualTo(expected.path);
        assertThat(actual.maxDefinitionLevel).as(column + ": max definition level").isEqualTo(expected.maxDefinitionLevel);
        assertThat(actual.definitionLevels.length).as(column + ": entries").isEqualTo(expected.definitionLevels.length);
        int entry = Arrays.mismatch(expected.repetitionLevels, actual.repetitionLevels);
        if (entry >= 0) throw differs(expected, column, entry, "repetition level", actual.repetitionLevels[entry]);
        entry = Arrays.mismatch(expected.definitionLevels, actual.definitionLevels);
        if (entry >= 0) throw differs(expected, column, entry, "definition level", actual.definitionLevels[entry]);
        assertThat(actual.values).as(column + ": value count").hasSameSizeAs(expected.values);
        for (int v = 0; v < expected.values.size(); v++) {
            if (!Arrays.equals(expected.values.get(v), actual.values.get(v))) {
                throw differs(expected, column, expected.entryOfValue(v), "value " + v,
                        HexFormat.of().formatHex(actual.values.get(v)));
            }
        }
    }

    private int entryOfValue(int value) {
        for (int i = 0, seen = 0; i < definitionLevels.length; i++) {
            if (definitionLevels[i] == maxDefinitionLevel && seen++ == value) return i;
        }
        throw new IllegalArgumentException("no value " + value);
    }

    private static AssertionError differs(LeafColumn expected, String column, int entry, String what, Object actual) {
        int row = -1;
        for (int i = 0; i <= entry; i++) if (expected.repetitionLevels[i] == 0) row++;
        int value = -1;
        for (int i = 0; i <= entry; i++) if (expected.definitionLevels[i] == expected.maxDefinitionLevel) value++;
        String expectedValue = expected.definitionLevels[entry] == expected.maxDefinitionLevel
                ? HexFormat.of().formatHex(expected.values.get(value)) : "null";
        return new AssertionError(column + " entry " + entry + " (row " + row + " of the row group): " + what
                + " differs: expected rep " + expected.repetitionLevels[entry] + " def " + expected.definitionLevels[entry]
                + " value " + expectedValue + ", but got " + actual);
    }
}
