package io.pqflux.nested;

import io.pqflux.column.ColumnVector;
import io.pqflux.format.meta.FieldRepetitionType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The values of one leaf of a nested column, read by slot: the slot of the entity (row, struct, list element) a value
 * belongs to, in the slot space of the leaf's {@link NestedColumn}. Mappers that rebuild objects from a batch (traces,
 * joined logs) read each leaf through one of these, walking lists with {@link #first}/{@link #end}.
 *
 * <p>Dictionary-encoded strings are decoded once per dictionary entry and then shared: attribute keys, names and units
 * repeat far more often than they differ. A leaf the file lacks can be read through {@link #absent()}, where every slot
 * is null and every list empty, so optional columns need no special case. Valid while the batch is open; strings and
 * arrays it returns are copies, {@link #bytes} and {@link #byteStore} are views of the batch.
 */
public final class SlotReader {

    private static final SlotReader ABSENT = new SlotReader(null);

    private final NestedColumn structure;
    private final ColumnVector vector;
    private final int innermostRepeatedLevel;
    private final MemorySegment dictionaryIds;
    private final String[] dictionaryStrings;
    /** The vector's value store, taken when first asked for. */
    private MemorySegment byteStore;

    private SlotReader(NestedColumn structure) {
        this.structure = structure;
        this.vector = structure == null ? null : structure.vector();
        int repeated = -1;
        if (structure != null) {
            for (int level = 1; level <= structure.depth(); level++) {
                if (structure.repetition(level) == FieldRepetitionType.REPEATED) repeated = level;
            }
        }
        this.innermostRepeatedLevel = repeated;
        this.dictionaryIds = vector != null && vector.isDictionaryEncoded() ? vector.dictionaryIds() : null;
        this.dictionaryStrings = dictionaryIds == null ? null : new String[vector.dictionarySize()];
    }

    /** Reads the leaf {@code structure} describes. */
    public static SlotReader of(NestedColumn structure) {
        return new SlotReader(Objects.requireNonNull(structure, "structure"));
    }

    /** Reads a decoded leaf vector, building its structure from its levels. */
    public static SlotReader of(ColumnVector vector) {
        return of(NestedColumn.of(vector));
    }

    /** A leaf the file does not have: every slot null, every list empty. */
    public static SlotReader absent() {
        return ABSENT;
    }

    /** False for {@link #absent()}. */
    public boolean isPresent() {
        return structure != null;
    }

    /** First element slot of {@code parentSlot}'s list, whose repeated node is at {@code level} (1 = top field). */
    public int first(int level, int parentSlot) {
        return structure == null ? 0 : structure.offset(level, parentSlot);
    }

    /** One past the last element slot of {@code parentSlot}'s list; equal to {@link #first} for a null or empty list. */
    public int end(int level, int parentSlot) {
        return structure == null ? 0 : structure.offset(level, parentSlot + 1);
    }

    /** First element slot of {@code row}'s list, for a leaf under one repeated node (0 for a leaf under none). */
    public int first(int row) {
        return innermostRepeatedLevel < 0 ? 0 : first(innermostRepeatedLevel, row);
    }

    /** One past the last element slot of {@code row}'s list, for a leaf under one repeated node. */
    public int end(int row) {
        return innermostRepeatedLevel < 0 ? 0 : end(innermostRepeatedLevel, row);
    }

    public boolean isNull(int slot) {
        return structure == null || structure.valueIndex(slot) < 0;
    }

    /** Whether the node at {@code level} of the leaf's path (1 = its top-level field) is non-null in {@code slot}. */
    public boolean isValid(int level, int slot) {
        return structure != null && structure.isValid(level, slot);
    }

    public int int32(int slot) {
        return vector.getInt(structure.valueIndex(slot));
    }

    public long int64(int slot) {
        return vector.getLong(structure.valueIndex(slot));
    }

    public float float32(int slot) {
        return vector.getFloat(structure.valueIndex(slot));
    }

    public double float64(int slot) {
        return vector.getDouble(structure.valueIndex(slot));
    }

    public boolean bool(int slot) {
        return vector.getBoolean(structure.valueIndex(slot));
    }

    /** The binary value, a view valid while the batch is open. */
    public MemorySegment bytes(int slot) {
        return vector.getBytes(structure.valueIndex(slot));
    }

    /**
     * The store the leaf's binary values lie in, a view valid while the batch is open: slot {@code s}'s value is its
     * {@link #byteLength} bytes from {@link #byteOffset}. For consumers that copy many values, without a slice each.
     */
    public MemorySegment byteStore() {
        if (byteStore == null) byteStore = vector.valueStore();
        return byteStore;
    }

    /** Where the binary value starts in {@link #byteStore()}. */
    public long byteOffset(int slot) {
        return vector.getByteOffset(structure.valueIndex(slot));
    }

    /** The binary value's length in bytes. */
    public int byteLength(int slot) {
        return vector.getByteLength(structure.valueIndex(slot));
    }

    /** The binary value's first eight bytes, big-endian, zero-padded on the right ({@link ColumnVector#getBytePrefix}). */
    public long bytePrefix(int slot) {
        return vector.getBytePrefix(structure.valueIndex(slot));
    }

    /** A copy of the binary value. */
    public byte[] byteArray(int slot) {
        return vector.getByteArray(structure.valueIndex(slot));
    }

    /** The value as UTF-8 text, decoded once per dictionary entry. */
    public String string(int slot) {
        int value = structure.valueIndex(slot);
        if (dictionaryIds == null) return utf8(value);
        int id = dictionaryIds.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, value);
        String s = dictionaryStrings[id];
        if (s == null) dictionaryStrings[id] = s = utf8(value);
        return s;
    }

    /**
     * The slot's entry in the chunk's dictionary, or -1 when the leaf is not dictionary-encoded or the slot is null:
     * for callers that turn a repeating value into something costly (a parsed object) once per entry.
     */
    public int dictionaryIndex(int slot) {
        if (dictionaryIds == null) return -1;
        int value = structure.valueIndex(slot);
        return value < 0 ? -1 : dictionaryIds.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, value);
    }

    /** Entries of the leaf's dictionary; 0 when it is not dictionary-encoded. */
    public int dictionarySize() {
        return dictionaryStrings == null ? 0 : dictionaryStrings.length;
    }

    // ---- with a default for null slots (and absent leaves)

    public String stringOr(int slot, String ifNull) {
        return isNull(slot) ? ifNull : string(slot);
    }

    public long int64Or(int slot, long ifNull) {
        return isNull(slot) ? ifNull : int64(slot);
    }

    public int int32Or(int slot, int ifNull) {
        return isNull(slot) ? ifNull : int32(slot);
    }

    public double float64Or(int slot, double ifNull) {
        return isNull(slot) ? ifNull : float64(slot);
    }

    private String utf8(int value) {
        return new String(vector.getByteArray(value), StandardCharsets.UTF_8);
    }
}
