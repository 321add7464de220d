package io.pqflux.conformance;

import io.pqflux.column.ColumnVector;
import io.pqflux.io.InputFile;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import io.pqflux.reader.RowGroupBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** pqflux's side of the leaf comparison: the decoded vectors of every row group, as {@link LeafColumn}s. */
final class PqfluxLeaves {

    private PqfluxLeaves() {
    }

    /** Row groups in order, each with the projected leaves in schema order; the reader is closed afterwards. */
    static List<List<LeafColumn>> read(ParquetReader reader) {
        return read(reader, vector -> { });
    }

    /** As {@link #read(ParquetReader)}, showing each decoded vector to {@code inspect} first. */
    static List<List<LeafColumn>> read(ParquetReader reader, Consumer<ColumnVector> inspect) {
        try (reader) {
            List<List<LeafColumn>> rowGroups = new ArrayList<>();
            for (int g = 0; g < reader.rowGroupCount(); g++) {
                try (RowGroupBatch batch = reader.readRowGroup(g)) {
                    List<LeafColumn> leaves = new ArrayList<>();
                    for (ColumnVector vector : batch.columns()) {
                        inspect.accept(vector);
                        leaves.add(LeafColumn.of(vector));
                    }
                    rowGroups.add(leaves);
                }
            }
            return rowGroups;
        }
    }

    static List<List<LeafColumn>> read(InputFile file, ReadOptions options) {
        return read(ParquetReader.open(file, options));
    }
}
