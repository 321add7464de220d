package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.column.ColumnVector;
import io.pqflux.error.ParquetException;
import io.pqflux.io.BytesInputFile;
import io.pqflux.testkit.fuzz.FuzzInvariants;

/**
 * Reads one fuzzed file whole through the public reader, as rows or as column batches, under the fuzz invariants:
 * it reads to the end or fails with a {@link ParquetException} whose message names the file. A file may claim
 * what its bytes cannot justify (a 2 GiB page in a kilobyte), so the memory bound is the input's size times a
 * constant, never the claims.
 */
final class FuzzedFileReads {

    /** Heap and off-heap bytes an input byte may cost: decoded values, logical objects, levels, row views. */
    private static final FuzzInvariants INVARIANTS = FuzzInvariants.allowing(4096, ParquetException.class);
    static final String NAME = "fuzzed.parquet";

    private FuzzedFileReads() {
    }

    /** Every row of {@code file}, every value through {@code getObject}. */
    static void rows(byte[] file, ReadOptions options) {
        check(file, () -> {
            try (ParquetReader reader = ParquetReader.open(new BytesInputFile(NAME, file), options);
                 RowCursor rows = reader.rows()) {
                while (rows.next()) CanonicalRows.touchAll(rows);
            }
        });
    }

    /** Every row group of {@code file} as column vectors and their nesting, every value read. */
    static void columns(byte[] file, ReadOptions options) {
        check(file, () -> {
            try (ParquetReader reader = ParquetReader.open(new BytesInputFile(NAME, file), options)) {
                for (int g = 0; g < reader.rowGroupCount(); g++) {
                    try (RowGroupBatch batch = reader.readRowGroup(g)) {
                        for (ColumnVector vector : batch.columns()) touch(vector);
                        batch.nested().rowCount();
                    }
                }
            }
        });
    }

    private static void check(byte[] file, FuzzInvariants.Action read) {
        Throwable error = INVARIANTS.check(file.length, read);
        if (error != null) assertThat(error.getMessage()).as("a typed error names the file").contains(NAME);
    }

    private static void touch(ColumnVector vector) {
        for (int entry = 0; entry < vector.size(); entry++) {
            vector.definitionLevel(entry);
            vector.repetitionLevel(entry);
        }
        for (int value = 0; value < vector.valueCount(); value++) vector.getByteArray(value);
    }
}
