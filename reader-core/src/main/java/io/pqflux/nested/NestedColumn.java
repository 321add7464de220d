package io.pqflux.nested;

import io.pqflux.internal.codec.simd.DefinitionLevels;
import io.pqflux.internal.codec.simd.Kernels;
import io.pqflux.column.ColumnVector;
import io.pqflux.error.CorruptFileException;
import io.pqflux.format.meta.FieldRepetitionType;
import io.pqflux.schema.ColumnDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 *
 * <p>For a leaf under a repeated node, {@link #of} makes one pass over the levels that checks them, counts every
 * level's slots and places the leaf's values; the offsets and validity bits of the levels above are built on first
 * use. A wide nested projection (a Tempo trace has about a hundred leaves) asks for them on few leaves: the others are
 * read by value slot, and the structure they share is checked against their representative's levels
 * ({@link #sameRecords}) without being built.
 */
public final class NestedColumn {

    private static final VarHandle OFFSETS = MethodHandles.arrayElementVarHandle(int[][].class);
    private static final VarHandle VALIDITY = MethodHandles.arrayElementVarHandle(long[][].class);

    private final ColumnVector vector;
    private final FieldRepetitionType[] repetition;
    private final int[] definedAt;
    private final int[] repeatedAt;
    /** Per level, the definition level an entry needs to open a slot there (that of the innermost repeated node above). */
    private final int[] opensAt;
    private final int[] slotCounts;
    /** Per leaf slot, its value's index or -1; null when every slot holds a value (slot = value index). */
    private final int[] valueIndex;
    /**
     * Per level, the list offsets (repeated nodes) and validity bits (optional nodes); null where a level has none.
     * Under a repeated node each is built from the levels on first use, one level at a time (a benign race builds one
     * twice; arrays are published with release and read with acquire).
     */
    private final int[][] offsets;
    private final long[][] validity;
    /**
     * Per level, the leaf whose structure this one reads there: itself, or in a batch the level's representative,
     * which {@link NestedBatch} has checked describes the same records; so a node's offsets are built once, not once
     * per leaf below it.
     */
    private final NestedColumn[] structureOf;

    private NestedColumn(ColumnVector vector, FieldRepetitionType[] repetition, int[] definedAt, int[] repeatedAt,
                         int[] slotCounts, int[] valueIndex, long[][] validity) {
        this.vector = vector;
        this.repetition = repetition;
        this.definedAt = definedAt;
        this.repeatedAt = repeatedAt;
        this.opensAt = new int[repetition.length];
        for (int level = 1; level < repetition.length; level++) {
            opensAt[level] = repetition[level] == FieldRepetitionType.REPEATED ? definedAt[level] : opensAt[level - 1];
        }
        this.slotCounts = slotCounts;
        this.valueIndex = valueIndex;
        this.offsets = new int[repetition.length][];
        this.validity = validity != null ? validity : new long[repetition.length][];
        this.structureOf = new NestedColumn[repetition.length];
        Arrays.fill(structureOf, this);
    }

    /** Reads the structure at {@code level} from {@code representative}, which describes the same records there. */
    void shareStructure(int level, NestedColumn representative) {
        structureOf[level] = representative;
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
        if (column.maxRepetitionLevel() > 0) return repeated(vector, repetition, definedAt, repeatedAt, entries);
        int[] counts = new int[depth + 1];
        Arrays.fill(counts, entries);
        if (column.maxDefinitionLevel() == 0) {
            return new NestedColumn(vector, repetition, definedAt, repeatedAt, counts, null, new long[depth + 1][]);
        }
        return withoutRepetition(vector, repetition, definedAt, repeatedAt, counts);
    }

    /**
     * Without repeated nodes every level has one slot per entry, so the general pass reduces to validity bits
     * and value positions: the common case of flat optional columns, kept to one tight loop.
     */
    private static NestedColumn withoutRepetition(ColumnVector vector, FieldRepetitionType[] repetition, int[] definedAt,
                                                  int[] repeatedAt, int[] counts) {
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
        int[] valueIndex = null; // slot = value index until the first null
        int values = 0;
        for (int e = 0; e < entries; e++) {
            if ((defs.get(ValueLayout.JAVA_BYTE, e) & 0xFF) == maxDef) {
                if (valueIndex != null) valueIndex[e] = values;
                values++;
            } else {
                if (valueIndex == null) valueIndex = identity(entries, e);
                valueIndex[e] = -1;
            }
        }
        if (values != vector.valueCount()) {
            throw new CorruptFileException("column " + vector.column().dottedPath() + ": levels define " + values
                    + " values but the chunk holds " + vector.valueCount());
        }
        return new NestedColumn(vector, repetition, definedAt, repeatedAt, counts, valueIndex, validity);
    }

    /**
     * One pass over the levels of a leaf under a repeated node: checks them, counts the entries by (repetition,
     * definition) pair and places the leaf's values. An entry opens a slot at level {@code k} when its repetition
     * level is at most {@code k}'s and it defines the innermost repeated node at or above {@code k}, so the counts give
     * every level's slots.
     */
    private static NestedColumn repeated(ColumnVector vector, FieldRepetitionType[] repetition, int[] definedAt,
                                         int[] repeatedAt, int entries) {
        int depth = repetition.length - 1;
        MemorySegment defs = vector.definitionLevels();
        MemorySegment reps = vector.repetitionLevels();
        int maxDef = vector.column().maxDefinitionLevel();
        int maxRep = vector.column().maxRepetitionLevel();
        // the definition level an entry needs to continue the list at repetition level r, and to reach level k
        int[] continues = new int[maxRep + 1];
        int[] opensAt = new int[depth + 1];
        for (int level = 1; level <= depth; level++) {
            opensAt[level] = opensAt[level - 1];
            if (repetition[level] == FieldRepetitionType.REPEATED) {
                continues[repeatedAt[level]] = definedAt[level];
                opensAt[level] = definedAt[level];
            }
        }
        int reachesLeaf = opensAt[depth];
        int stride = maxDef + 1;
        int[] byLevels = new int[(maxRep + 1) * stride];
        int[] valueIndex = null; // slot = value index until the first slot without a value
        int slots = 0;
        int values = 0;
        int previous = 0;
        for (int e = 0; e < entries; e++) {
            int d = defs == null ? 0 : defs.get(ValueLayout.JAVA_BYTE, e) & 0xFF;
            int r = reps.get(ValueLayout.JAVA_BYTE, e) & 0xFF;
            if (r > maxRep) throw corrupt(vector, e, "repetition level " + r + " above the maximum " + maxRep);
            if (d > maxDef) throw corrupt(vector, e, "definition level " + d + " above the maximum " + maxDef);
            if (r > 0) {
                if (e == 0) throw corrupt(vector, e, "the first entry continues a list (repetition level " + r + ")");
                if (d < continues[r]) {
                    throw corrupt(vector, e, "repetition level " + r + " adds an element that definition level " + d + " says is absent");
                }
                if (previous < continues[r]) {
                    throw corrupt(vector, e, "repetition level " + r + " continues a list that the previous entry (definition level "
                            + previous + ") left empty or null");
                }
            }
            byLevels[r * stride + d]++;
            if (d >= reachesLeaf) {
                if (d == maxDef) {
                    if (valueIndex != null) valueIndex[slots] = values;
                    values++;
                } else {
                    if (valueIndex == null) valueIndex = identity(entries, slots);
                    valueIndex[slots] = -1;
                }
                slots++;
            }
            previous = d;
        }
        if (values != vector.valueCount()) {
            throw corrupt(vector, entries, "levels define " + values + " values but the chunk holds " + vector.valueCount());
        }
        int[] slotCounts = new int[depth + 1];
        for (int level = 0; level <= depth; level++) {
            int count = 0;
            for (int r = 0; r <= repeatedAt[level]; r++) {
                for (int d = opensAt[level]; d <= maxDef; d++) count += byLevels[r * stride + d];
            }
            slotCounts[level] = count;
        }
        return new NestedColumn(vector, repetition, definedAt, repeatedAt, slotCounts, valueIndex, null);
    }

    private static CorruptFileException corrupt(ColumnVector vector, int entry, String what) {
        return new CorruptFileException("column " + vector.column().dottedPath() + ", level entry " + entry + ": " + what);
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
        if (repetition[level] != FieldRepetitionType.OPTIONAL) return true;
        long[] bits = structureOf[level].validity(level);
        return (bits[slot >>> 6] & (1L << slot)) != 0;
    }

    /**
     * For a repeated node: the first element slot of parent slot {@code parentSlot}; the elements of that
     * parent are {@code offset(level, parentSlot)} until {@code offset(level, parentSlot + 1)}, and
     * {@code offset(level, slotCount(level - 1))} is {@code slotCount(level)}.
     */
    public int offset(int level, int parentSlot) {
        if (repetition[level] != FieldRepetitionType.REPEATED) {
            throw new IllegalArgumentException("level " + level + " of " + column().dottedPath() + " is not repeated");
        }
        return structureOf[level].offsets(level)[parentSlot];
    }

    private int[] offsets(int level) {
        int[] built = (int[]) OFFSETS.getAcquire(offsets, level);
        if (built == null) OFFSETS.setRelease(offsets, level, built = buildOffsets(level));
        return built;
    }

    private long[] validity(int level) {
        long[] built = (long[]) VALIDITY.getAcquire(validity, level);
        if (built == null) VALIDITY.setRelease(validity, level, built = buildValidity(level));
        return built;
    }

    /**
     * The offsets of the repeated node at {@code level}, from levels {@link #repeated} has checked: an entry opens a
     * slot at a level when its repetition level is at most the level's and it reaches the innermost repeated node at
     * or above it; a parent slot's offset is the number of element slots opened before it.
     */
    private int[] buildOffsets(int level) {
        MemorySegment defs = vector.definitionLevels();
        MemorySegment reps = vector.repetitionLevels();
        int parentRep = repeatedAt[level - 1];
        int parentOpens = opensAt[level - 1];
        int rep = repeatedAt[level];
        int def = definedAt[level];
        int[] built = new int[slotCounts[level - 1] + 1];
        int parents = 0;
        int elements = 0;
        for (int e = 0, entries = vector.size(); e < entries; e++) {
            int d = defs == null ? 0 : defs.get(ValueLayout.JAVA_BYTE, e) & 0xFF;
            int r = reps.get(ValueLayout.JAVA_BYTE, e) & 0xFF;
            if (r <= parentRep && d >= parentOpens) built[parents++] = elements;
            if (r <= rep && d >= def) elements++;
        }
        built[parents] = elements;
        return built;
    }

    /** The validity bits of the optional node at {@code level}: of the slots opened there, those that define it. */
    private long[] buildValidity(int level) {
        MemorySegment defs = vector.definitionLevels();
        MemorySegment reps = vector.repetitionLevels();
        int rep = repeatedAt[level];
        int opens = opensAt[level];
        int def = definedAt[level];
        long[] bits = new long[(slotCounts[level] + 63) >>> 6];
        int slot = 0;
        for (int e = 0, entries = vector.size(); e < entries; e++) {
            int d = defs.get(ValueLayout.JAVA_BYTE, e) & 0xFF;
            int r = reps == null ? 0 : reps.get(ValueLayout.JAVA_BYTE, e) & 0xFF;
            if (r <= rep && d >= opens) {
                if (d >= def) bits[slot >>> 6] |= 1L << slot;
                slot++;
            }
        }
        return bits;
    }

    /**
     * True when {@code other} records the same slots, validity and offsets at {@code level}: two leaves below
     * the same node must, since each repeats the structure of its ancestors.
     */
    boolean sameStructure(NestedColumn other, int level) {
        if (slotCounts[level] != other.slotCounts[level]) return false;
        if (level == 0) return true;
        if (slotCounts[level - 1] != other.slotCounts[level - 1]) return false;
        return switch (repetition[level]) {
            case REPEATED -> Arrays.equals(offsets(level), other.offsets(level));
            case OPTIONAL -> Arrays.equals(validity(level), other.validity(level));
            default -> true;
        };
    }

    /**
     * True when {@code other}, a leaf sharing this one's path down to {@code level}, describes the same records at
     * every level down to {@code level}: {@link #sameStructure} at each, decided from the levels without building
     * the structure. The entries that open a slot at or above {@code level} (repetition level at most its own), with
     * their definition levels capped at the node's, fix that structure and are fixed by it; the two leaves agree when
     * those sequences are equal. The two cursors, this leaf's and the other's, must be distinct.
     */
    boolean sameRecords(NestedColumn other, int level, LevelCursor mineCursor, LevelCursor theirCursor) {
        if (mineCursor == theirCursor) throw new IllegalArgumentException("one cursor for both leaves' levels");
        for (int l = 0; l <= level; l++) {
            if (slotCounts[l] != other.slotCounts[l]) return false;
        }
        int maxRep = repeatedAt[level];
        int maxDef = definedAt[level];
        if (maxRep == 0 && maxDef == 0) return true;
        MemorySegment myDefs = vector.definitionLevels();
        MemorySegment myReps = vector.repetitionLevels();
        MemorySegment theirDefs = other.vector.definitionLevels();
        MemorySegment theirReps = other.vector.repetitionLevels();
        int mine = vector.size();
        int theirs = other.vector.size();
        // leaves side by side under one node (an attribute's key and its type) have the very same levels
        if (mine == theirs && sameBytes(myReps, theirReps, mine) && sameBytes(myDefs, theirDefs, mine)) return true;
        LevelCursor my = mineCursor.over(myReps, myDefs, mine);
        LevelCursor their = theirCursor.over(theirReps, theirDefs, theirs);
        int i = 0;
        int j = 0;
        while (true) {
            while (i < mine && my.rep(i) > maxRep) i++;
            while (j < theirs && their.rep(j) > maxRep) j++;
            if (i == mine || j == theirs) return i == mine && j == theirs;
            if (my.rep(i) != their.rep(j) || Math.min(my.def(i), maxDef) != Math.min(their.def(j), maxDef)) {
                return false;
            }
            i++;
            j++;
        }
    }

    /**
     * A value index for {@code length} slots whose first {@code prefix} each hold a value: none is built while every
     * slot so far has one ({@link #valueIndex} reads null as slot = value index), as in most leaves.
     */
    private static int[] identity(int length, int prefix) {
        int[] valueIndex = new int[length];
        for (int i = 0; i < prefix; i++) valueIndex[i] = i;
        return valueIndex;
    }

    private static boolean sameBytes(MemorySegment a, MemorySegment b, int entries) {
        if (a == null || b == null) return a == b;
        return MemorySegment.mismatch(a, 0, entries, b, 0, entries) == -1;
    }

    /** Index of the leaf slot's value among the vector's non-null values, or -1 when the slot is null. */
    public int valueIndex(int leafSlot) {
        return valueIndex == null ? leafSlot : valueIndex[leafSlot];
    }
}
