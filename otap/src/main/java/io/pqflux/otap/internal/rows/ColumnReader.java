package io.pqflux.otap.internal.rows;

import com.google.protobuf.ByteString;
import io.pqflux.column.ColumnVector;
import io.pqflux.format.meta.FieldRepetitionType;
import io.pqflux.nested.NestedColumn;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * One leaf of a decoded chunk of a table, read by slot (the row for flat leaves, the element for list leaves). A leaf
 * the file lacks reads as all null: the exporter drops columns its templates do not know and other writers may drop
 * more, so every column is optional to the reader. Dictionary strings are decoded once per entry (keys, names and
 * units repeat). Valid while the chunk is open; everything it returns is a copy.
 */
final class ColumnReader {

    private static final ColumnReader ABSENT = new ColumnReader(null);

    private final NestedColumn structure;
    private final ColumnVector vector;
    private final int repeatedLevel;
    private final MemorySegment dictionaryIds;
    private final String[] dictionaryStrings;

    private ColumnReader(NestedColumn structure) {
        this.structure = structure;
        this.vector = structure == null ? null : structure.vector();
        int repeated = -1;
        if (structure != null) {
            for (int level = 1; level <= structure.depth(); level++) {
                if (structure.repetition(level) == FieldRepetitionType.REPEATED) repeated = level;
            }
        }
        this.repeatedLevel = repeated;
        this.dictionaryIds = vector != null && vector.isDictionaryEncoded() ? vector.dictionaryIds() : null;
        this.dictionaryStrings = dictionaryIds == null ? null : new String[vector.dictionarySize()];
    }

    static ColumnReader of(ColumnVector vector) {
        return new ColumnReader(NestedColumn.of(vector));
    }

    static ColumnReader absent() {
        return ABSENT;
    }

    boolean isPresent() {
        return structure != null;
    }

    boolean isNull(int slot) {
        return structure == null || structure.valueIndex(slot) < 0;
    }

    /** Whether the node at {@code level} of the leaf's path (1 = its top-level field) is non-null in {@code slot}. */
    boolean isValid(int level, int slot) {
        return structure != null && structure.isValid(level, slot);
    }

    /** First element slot of row {@code row}'s list (leaves under one repeated node). */
    int first(int row) {
        return structure == null || repeatedLevel < 0 ? 0 : structure.offset(repeatedLevel, row);
    }

    /** One past the last element slot of row {@code row}'s list; equal to {@link #first} for a null or empty list. */
    int end(int row) {
        return structure == null || repeatedLevel < 0 ? 0 : structure.offset(repeatedLevel, row + 1);
    }

    int int32(int slot) {
        return vector.getInt(structure.valueIndex(slot));
    }

    long int64(int slot) {
        return vector.getLong(structure.valueIndex(slot));
    }

    double float64(int slot) {
        return vector.getDouble(structure.valueIndex(slot));
    }

    boolean bool(int slot) {
        return vector.getBoolean(structure.valueIndex(slot));
    }

    ByteString bytes(int slot) {
        MemorySegment bytes = vector.getBytes(structure.valueIndex(slot));
        return bytes.byteSize() == 0 ? ByteString.EMPTY : ByteString.copyFrom(bytes.asByteBuffer());
    }

    byte[] byteArray(int slot) {
        return vector.getBytes(structure.valueIndex(slot)).toArray(ValueLayout.JAVA_BYTE);
    }

    String string(int slot) {
        int value = structure.valueIndex(slot);
        if (dictionaryIds == null) return utf8(vector.getBytes(value));
        int id = dictionaryIds.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, value);
        String s = dictionaryStrings[id];
        if (s == null) dictionaryStrings[id] = s = utf8(vector.getBytes(value));
        return s;
    }

    // ---- with OTLP's defaults for null (or absent) values

    String stringOr(int slot, String absent) {
        return isNull(slot) ? absent : string(slot);
    }

    long int64Or(int slot, long absent) {
        return isNull(slot) ? absent : int64(slot);
    }

    int int32Or(int slot, int absent) {
        return isNull(slot) ? absent : int32(slot);
    }

    double float64Or(int slot, double absent) {
        return isNull(slot) ? absent : float64(slot);
    }

    ByteString bytesOr(int slot, ByteString absent) {
        return isNull(slot) ? absent : bytes(slot);
    }

    private static String utf8(MemorySegment bytes) {
        return new String(bytes.toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
    }
}
