package io.pqflux.nested;

import io.pqflux.internal.codec.simd.DefinitionLevels;
import io.pqflux.internal.codec.simd.Kernels;
import io.pqflux.column.ColumnVector;
import io.pqflux.error.CorruptFileException;
import io.pqflux.format.meta.FieldRepetitionType;
import io.pqflux.schema.ColumnDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.List;

/**
 * The columnar view of one decoded leaf: for every node on its path, the structure the definition and
 * repetition levels encode, in the offsets-and-validity form of Arrow-style nested arrays.
 *
 * <p>Level 0 is the record; level {@code i} (1..{@link #depth()}) is the {@code i}-th node of the leaf's
 * path. Each level has a number of <em>slots</em>: level 0 has one per row; a non-repeated node has one
 * per slot of its parent (a null parent still has a — null — child slot, as in Arrow structs); a repeated
 * node has, for each parent slot, a run of element slots given by {@link #offset(int, int)}. An optional
 * node has a validity bit per slot. The leaf's slots map to the densely packed values of the vector through
 * {@link #valueIndex(int)}.
 *
 * <p>Consumers (the row API, the Tempo and OTAP assemblers) walk these arrays without creating an object
 * per value. The view does not own the vector.
 */
public final class NestedColumn {

    private final ColumnVector vector;
    private final FieldRepetitionType[] repetition;
    private final int[] slotCounts;
    private final long[][] validity;
    private final int[][] offsets;
    private final int[] valueIndex;

    private NestedColumn(ColumnVector vector, FieldRepetitionType[] repetition, int[] slotCounts, long[][] validity,
                         int[][] offsets, int[] valueIndex) {
        this.vector = vector;
        this.repetition = repetition;
        this.slotCounts = slotCounts;
        this.validity = validity;
        this.offsets = offsets;
        this.valueIndex = valueIndex;
    }

    /**
     * Computes the structure from the vector's levels.
     *
     * @throws CorruptFileException when the levels do not describe records of this column's schema
     */
    public static NestedColumn of(ColumnVector vector) {
        ColumnDescriptor column = vector.column();
        List<FieldRepetitionType> path = column.pathRepetitions();
        int depth = path.size();
        FieldRepetitionType[] repetition = new FieldRepetitionType[depth + 1];
        int[] definedAt = new int[depth + 1];
        int[] repeatedAt = new int[depth + 1];
        for (int level = 1; level <= depth; level++) {
            FieldRepetitionType r = path.get(level - 1);
            repetition[level] = r;
            definedAt[level] = definedAt[level - 1] + (r == FieldRepetitionType.REQUIRED ? 0 : 1);
            repeatedAt[level] = repeatedAt[level - 1] + (r == FieldRepetitionType.REPEATED ? 1 : 0);
        }
        int entries = vector.size();
        if (column.maxRepetitionLevel() > 0) return new Builder(vector, repetition, definedAt, repeatedAt, entries).build();
        int[] counts = new int[depth + 1];
        Arrays.fill(counts, entries);
        if (column.maxDefinitionLevel() == 0) {
            return new NestedColumn(vector, repetition, counts, new long[depth + 1][], new int[depth + 1][], null);
        }
        return withoutRepetition(vector, repetition, definedAt, counts);
    }

    /**
     * Without repeated nodes every level has one slot per entry, so the general pass reduces to validity bits
     * and value positions: the common case of flat optional columns, kept to one tight loop.
     */
    private static NestedColumn withoutRepetition(ColumnVector vector, FieldRepetitionType[] repetition, int[] definedAt,
                                                  int[] counts) {
        int entries = counts[0];
        MemorySegment defs = vector.definitionLevels();
        long[][] validity = new long[repetition.length][];
        for (int level = 1; level < repetition.length; level++) {
            if (repetition[level] == FieldRepetitionType.OPTIONAL) {
                validity[level] = new long[(entries + 63) >>> 6];
                // built from a vector through public API, with no read options to carry kernels: the JVM's choice
                DefinitionLevels.validity(Kernels.active(), defs, 0, entries, definedAt[level], validity[level]);
            }
        }
        int maxDef = vector.column().maxDefinitionLevel();
        int[] valueIndex = new int[entries];
        int values = 0;
        for (int e = 0; e < entries; e++) {
            valueIndex[e] = (defs.get(ValueLayout.JAVA_BYTE, e) & 0xFF) == maxDef ? values++ : -1;
        }
        if (values != vector.valueCount()) {
            throw new CorruptFileException("column " + vector.column().dottedPath() + ": levels define " + values
                    + " values but the chunk holds " + vector.valueCount());
        }
        return new NestedColumn(vector, repetition, counts, validity, new int[repetition.length][], valueIndex);
    }

    public ColumnVector vector() {
        return vector;
    }

    public ColumnDescriptor column() {
        return vector.column();
    }

    /** Number of nodes on the leaf's path. */
    public int depth() {
        return repetition.length - 1;
    }

    public int rowCount() {
        return slotCounts[0];
    }

    /** Repetition of the node at {@code level} (1..depth). */
    public FieldRepetitionType repetition(int level) {
        return repetition[level];
    }

    public int slotCount(int level) {
        return slotCounts[level];
    }

    /** False only for a null slot of an optional node; required and repeated nodes are always valid. */
    public boolean isValid(int level, int slot) {
        long[] bits = validity[level];
        return bits == null || (bits[slot >>> 6] & (1L << slot)) != 0;
    }

    /**
     * For a repeated node: the first element slot of parent slot {@code parentSlot}; the elements of that
     * parent are {@code offset(level, parentSlot)} until {@code offset(level, parentSlot + 1)}, and
     * {@code offset(level, slotCount(level - 1))} is {@code slotCount(level)}.
     */
    public int offset(int level, int parentSlot) {
        int[] o = offsets[level];
        if (o == null) throw new IllegalArgumentException("level " + level + " of " + column().dottedPath() + " is not repeated");
        return o[parentSlot];
    }

    /**
     * True when {@code other} records the same slots, validity and offsets at {@code level}: two leaves below
     * the same node must, since each repeats the structure of its ancestors.
     */
    boolean sameStructure(NestedColumn other, int level) {
        if (slotCounts[level] != other.slotCounts[level]) return false;
        if (level == 0) return true;
        int parents = slotCounts[level - 1] + 1;
        int words = (slotCounts[level] + 63) >>> 6;
        return (offsets[level] == null || Arrays.equals(offsets[level], 0, parents, other.offsets[level], 0, parents))
                && (validity[level] == null || Arrays.equals(validity[level], 0, words, other.validity[level], 0, words));
    }

    /** Index of the leaf slot's value among the vector's non-null values, or -1 when the slot is null. */
    public int valueIndex(int leafSlot) {
        return valueIndex == null ? leafSlot : valueIndex[leafSlot];
    }

    /** One pass over the levels; every array is sized by the entry count, which bounds every level's slots. */
    private static final class Builder {
        private final ColumnVector vector;
        private final FieldRepetitionType[] repetition;
        private final int[] definedAt;
        private final int[] repeatedAt;
        private final int entries;
        private final int depth;
        private final int[] slotCounts;
        private final long[][] validity;
        private final int[][] offsets;
        private final int[] valueIndex;

        Builder(ColumnVector vector, FieldRepetitionType[] repetition, int[] definedAt, int[] repeatedAt, int entries) {
            this.vector = vector;
            this.repetition = repetition;
            this.definedAt = definedAt;
            this.repeatedAt = repeatedAt;
            this.entries = entries;
            this.depth = repetition.length - 1;
            this.slotCounts = new int[depth + 1];
            this.validity = new long[depth + 1][];
            this.offsets = new int[depth + 1][];
            for (int level = 1; level <= depth; level++) {
                switch (repetition[level]) {
                    case OPTIONAL -> validity[level] = new long[(entries + 63) >>> 6];
                    case REPEATED -> offsets[level] = new int[entries + 1];
                    default -> { }
                }
            }
            this.valueIndex = new int[entries];
        }

        NestedColumn build() {
            MemorySegment defs = vector.definitionLevels();
            MemorySegment reps = vector.repetitionLevels();
            int maxDef = vector.column().maxDefinitionLevel();
            int maxRep = vector.column().maxRepetitionLevel();
            int values = 0;
            int previousDefinition = 0;
            for (int e = 0; e < entries; e++) {
                int d = defs == null ? 0 : defs.get(ValueLayout.JAVA_BYTE, e) & 0xFF;
                int r = reps == null ? 0 : reps.get(ValueLayout.JAVA_BYTE, e) & 0xFF;
                if (r > maxRep) throw corrupt(e, "repetition level " + r + " above the maximum " + maxRep);
                boolean opens = r == 0;
                if (opens) slotCounts[0]++;
                for (int level = 1; level <= depth; level++) {
                    switch (repetition[level]) {
                        case REPEATED -> {
                            if (opens) offsets[level][slotCounts[level - 1] - 1] = slotCounts[level];
                            boolean continues = r == repeatedAt[level];
                            if (continues && e == 0) throw corrupt(e, "the first entry continues a list (repetition level " + r + ")");
                            if (continues && d < definedAt[level]) {
                                throw corrupt(e, "repetition level " + r + " adds an element that definition level " + d + " says is absent");
                            }
                            if (continues && previousDefinition < definedAt[level]) {
                                throw corrupt(e, "repetition level " + r + " continues a list that the previous entry (definition level "
                                        + previousDefinition + ") left empty or null");
                            }
                            opens = (opens || continues) && d >= definedAt[level];
                        }
                        case OPTIONAL -> {
                            if (opens && d >= definedAt[level]) {
                                int slot = slotCounts[level];
                                validity[level][slot >>> 6] |= 1L << slot;
                            }
                        }
                        case REQUIRED -> { }
                    }
                    if (opens) slotCounts[level]++;
                }
                if (opens) valueIndex[slotCounts[depth] - 1] = d == maxDef ? values++ : -1;
                previousDefinition = d;
            }
            if (values != vector.valueCount()) {
                throw corrupt(entries, "levels define " + values + " values but the chunk holds " + vector.valueCount());
            }
            for (int level = 1; level <= depth; level++) {
                if (offsets[level] != null) offsets[level][slotCounts[level - 1]] = slotCounts[level];
            }
            return new NestedColumn(vector, repetition, slotCounts, validity, offsets, valueIndex);
        }

        private CorruptFileException corrupt(int entry, String what) {
            return new CorruptFileException("column " + vector.column().dottedPath() + ", level entry " + entry + ": " + what);
        }
    }
}
