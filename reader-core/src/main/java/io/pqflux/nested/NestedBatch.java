package io.pqflux.nested;

import io.pqflux.column.ColumnVector;
import io.pqflux.error.CorruptFileException;
import io.pqflux.error.SourceLocation;
import java.util.List;

/**
 * The projected leaves of one row group as {@link NestedColumn}s, checked to agree with each other: every
 * node shared by several leaves must have the same slots, validity and offsets in each, since each leaf
 * repeats the structure of its ancestors. Does not own the vectors.
 */
public final class NestedBatch {

    private final NestedSchema schema;
    private final NestedColumn[] columns;
    private final int rowCount;
    private final SourceLocation location;

    private NestedBatch(NestedSchema schema, NestedColumn[] columns, int rowCount, SourceLocation location) {
        this.schema = schema;
        this.columns = columns;
        this.rowCount = rowCount;
        this.location = location;
    }

    /**
     * @param vectors      one per projected leaf, in projection order
     * @param declaredRows the row group's row count, which every leaf must match
     * @param location     the file and row group, for errors raised while reading values
     * @throws CorruptFileException when the leaves disagree on the records they describe
     */
    public static NestedBatch of(NestedSchema schema, List<ColumnVector> vectors, long declaredRows,
                                 SourceLocation location) {
        if (vectors.size() != schema.leafCount()) {
            throw new IllegalArgumentException(vectors.size() + " vectors for " + schema.leafCount() + " projected leaves");
        }
        NestedColumn[] columns = new NestedColumn[vectors.size()];
        for (int leaf = 0; leaf < columns.length; leaf++) columns[leaf] = NestedColumn.of(vectors.get(leaf));
        // a leaf's representative may come later in the projection, which keeps the caller's column order. A leaf
        // agreeing with its representative at the deepest node they share agrees at every node above it, where that
        // representative is itself checked: one comparison per leaf
        LevelCursor representativeLevels = new LevelCursor();
        LevelCursor leafLevels = new LevelCursor();
        for (int leaf = 0; leaf < columns.length; leaf++) {
            int shared = columns[leaf].depth();
            while (shared >= 0 && schema.representative(leaf, shared) == leaf) shared--;
            if (shared >= 0 && !columns[schema.representative(leaf, shared)].sameRecords(columns[leaf], shared,
                    representativeLevels, leafLevels)) {
                throw disagreement(schema, columns, leaf, shared);
            }
            for (int level = 0; level <= shared; level++) {
                columns[leaf].shareStructure(level, columns[schema.representative(leaf, level)]);
            }
        }
        if (columns.length > 0 && columns[0].rowCount() != declaredRows) {
            throw new CorruptFileException("the row group declares " + declaredRows + " rows but column "
                    + columns[0].column().dottedPath() + " holds " + columns[0].rowCount());
        }
        return new NestedBatch(schema, columns, Math.toIntExact(declaredRows), location);
    }

    /** The first node at or above {@code shared} where {@code leaf} and its representative describe different records. */
    private static CorruptFileException disagreement(NestedSchema schema, NestedColumn[] columns, int leaf, int shared) {
        int level = 0;
        while (level < shared && columns[schema.representative(leaf, level)].sameStructure(columns[leaf], level)) level++;
        NestedColumn other = columns[schema.representative(leaf, level)];
        return new CorruptFileException("columns " + other.column().dottedPath() + " and "
                + columns[leaf].column().dottedPath() + " disagree on the "
                + (level == 0 ? "rows" : "'" + other.column().path().get(level - 1) + "' entries")
                + " they describe (" + other.slotCount(level) + " vs " + columns[leaf].slotCount(level) + ")");
    }

    public NestedSchema schema() {
        return schema;
    }

    /** The file and row group the batch was read from. */
    public SourceLocation location() {
        return location;
    }

    public int rowCount() {
        return rowCount;
    }

    /**
     * Row {@code row} of the batch as named values: its top-level fields, as a {@link io.pqflux.reader.RowCursor}
     * shows them, for code that walks a batch's rows itself (a dataset scan's batches). Valid while the batch is open.
     */
    public NamedFieldValues row(int row) {
        if (row < 0 || row >= rowCount) throw new IndexOutOfBoundsException("row " + row + " of " + rowCount);
        // the row as a struct that cannot be null, whose members live at the row's slot
        return new StructValue(this, new NestedField.Struct("", schema.fields(), 0, 0, -1), row);
    }

    /** The columnar view of the projected leaf at {@code leaf}. */
    public NestedColumn column(int leaf) {
        return columns[leaf];
    }
}
