package io.pqflux.reactive.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.column.ColumnVector;
import io.pqflux.error.InvalidAnnotationException;
import io.pqflux.reactive.ScanOptions;
import io.pqflux.reactive.testkit.OffHeapReleased;
import io.pqflux.reader.ReadOptions;
import io.pqflux.testdata.ForeignWriterFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset holding a file whose annotations do not fit its columns' types (a DECIMAL on a BOOLEAN, a STRING on an
 * INT32): its schema and scans refuse it by default; {@link Dataset#withLenientAnnotations} reads the physical types.
 */
@ExtendWith(OffHeapReleased.class)
class DatasetAnnotationsTest {

    @TempDir
    static Path root;

    @BeforeAll
    static void write() {
        ForeignWriterFiles.misannotated(root);
    }

    private static ScanOptions columns(String... names) {
        return ScanOptions.defaults().withReadOptions(ReadOptions.defaults().withColumns(List.of(names)));
    }

    @Test
    void aStrictDatasetRefusesTheFileNamingItAndTheColumn() {
        assertThatThrownBy(() -> Dataset.local(root).schema().block())
                .isInstanceOfSatisfying(InvalidAnnotationException.class, e -> {
                    assertThat(e.location().file()).endsWith("misannotated.parquet");
                    assertThat(e.location().column()).isEqualTo("flag");
                });
        assertThatThrownBy(() -> Dataset.local(root).batches(columns("id", "n")).collectList().block())
                .isInstanceOf(InvalidAnnotationException.class);
    }

    @Test
    void aLenientDatasetReadsThePhysicalTypes() {
        Dataset lenient = Dataset.local(root).withLenientAnnotations(true);
        DatasetSchema schema = lenient.schema().block();
        assertThat(schema.column("flag").orElseThrow().type().logicalType()).isNull();
        assertThat(schema.column("n").orElseThrow().type().logicalType()).isNull();
        List<Integer> n = new ArrayList<>();
        lenient.batches(columns("id", "n")).toIterable().forEach(batch -> {
            try (batch) {
                if (!(batch.column("n") instanceof DatasetBatch.Column.Vector(ColumnVector v))) throw new AssertionError();
                for (int row = 0, value = 0; row < batch.data().selectedRowCount(); row++) {
                    n.add(v.isNull(row) ? null : v.getInt(value++));
                }
            }
        });
        assertThat(n).containsExactly(1, -2, null);
    }
}
