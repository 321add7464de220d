package io.pqflux.tempo.internal.assembly;

import com.google.protobuf.ByteString;
import io.pqflux.column.ColumnVector;
import io.pqflux.nested.NestedColumn;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * One decoded leaf column of a batch, read by slot: the slot of the entity (trace, resource, span, attribute, list
 * element) the value belongs to, in the slot space of the leaf's {@link NestedColumn}. Dictionary-encoded strings are
 * decoded once per dictionary entry (attribute keys, service and span names repeat a lot). Valid while the batch is
 * open; everything it returns is a copy.
 */
public final class Leaf {

    private final NestedColumn structure;
    private final ColumnVector vector;
    private final MemorySegment dictionaryIds;
    private final String[] dictionaryStrings;

    public Leaf(NestedColumn structure) {
        this.structure = structure;
        this.vector = structure.vector();
        this.dictionaryIds = vector.isDictionaryEncoded() ? vector.dictionaryIds() : null;
        this.dictionaryStrings = dictionaryIds == null ? null : new String[vector.dictionarySize()];
    }

    /** First element slot of {@code parentSlot}'s list, whose repeated node is at {@code level}. */
    public int first(int level, int parentSlot) {
        return structure.offset(level, parentSlot);
    }

    /** One past the last element slot of {@code parentSlot}'s list. */
    public int end(int level, int parentSlot) {
        return structure.offset(level, parentSlot + 1);
    }

    public boolean isNull(int slot) {
        return structure.valueIndex(slot) < 0;
    }

    public String string(int slot) {
        int value = structure.valueIndex(slot);
        if (dictionaryIds == null) return utf8(vector.getBytes(value));
        int id = dictionaryIds.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, value);
        String s = dictionaryStrings[id];
        if (s == null) dictionaryStrings[id] = s = utf8(vector.getBytes(value));
        return s;
    }

    /** The string, or null for a null slot (optional leaves). */
    public String stringOrNull(int slot) {
        return isNull(slot) ? null : string(slot);
    }

    public ByteString bytes(int slot) {
        MemorySegment bytes = vector.getBytes(structure.valueIndex(slot));
        return bytes.byteSize() == 0 ? ByteString.EMPTY : ByteString.copyFrom(bytes.asByteBuffer());
    }

    public long int64(int slot) {
        return vector.getLong(structure.valueIndex(slot));
    }

    public int int32(int slot) {
        return vector.getInt(structure.valueIndex(slot));
    }

    public double float64(int slot) {
        return vector.getDouble(structure.valueIndex(slot));
    }

    public boolean bool(int slot) {
        return vector.getBoolean(structure.valueIndex(slot));
    }

    private static String utf8(MemorySegment bytes) {
        return new String(bytes.toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
    }
}
