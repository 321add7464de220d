package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pqflux.column.ColumnVector;
import io.pqflux.column.DictionaryForm;
import io.pqflux.testdata.Corpus;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Memory misuse fails loudly: closed vectors and batches say so, and stores show only their own contents. */
class VectorLifecycleTest {

    private static final Path FILE = Corpus.file("data/alltypes_plain.parquet");

    @Test
    void aClosedBatchAndItsVectorsSaySo() {
        try (ParquetReader reader = ParquetReader.open(FILE, ReadOptions.defaults())) {
            RowGroupBatch batch = reader.readRowGroup(0);
            ColumnVector id = batch.columns().getFirst();
            batch.close();
            batch.close();
            assertThatThrownBy(batch::columns).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("row group 0 is already closed");
            assertThatThrownBy(batch::nested).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(id::valueStore).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ColumnVector of id is already closed");
            assertThatThrownBy(id::definitionLevels).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> id.getInt(0)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already closed");
        }
    }

    @Test
    void storesAreExactlyAsLongAsTheirContents() {
        for (DictionaryForm form : DictionaryForm.values()) {
            try (ParquetReader reader = ParquetReader.open(FILE, ReadOptions.defaults().withDictionaryForm(form));
                 RowGroupBatch batch = reader.readRowGroup(0)) {
                assertThat(batch.offHeapBytes()).isEqualTo(batch.columns().stream().mapToLong(ColumnVector::offHeapBytes).sum())
                        .isGreaterThan(0);
                for (ColumnVector vector : batch.columns()) {
                    assertThat(vector.offHeapBytes()).isGreaterThanOrEqualTo(vector.valueStore().byteSize());
                    long entries = vector.isDictionaryEncoded() ? vector.dictionarySize() : vector.valueCount();
                    MemorySegment offsets = vector.offsetStore();
                    if (offsets == null) {
                        assertThat(vector.valueStore().byteSize()).as(vector.column().dottedPath())
                                .isEqualTo(entries * vector.column().valueWidth());
                    } else {
                        assertThat(offsets.byteSize()).isEqualTo((entries + 1) * Long.BYTES);
                        assertThat(vector.valueStore().byteSize())
                                .isEqualTo(offsets.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, entries));
                    }
                }
            }
        }
    }

    @Test
    void aViewKeptPastTheCloseThrowsInPoolDebugMode() {
        assumeTrue(Boolean.getBoolean("pqflux.pool.debug"), "only pool debug mode frees memory at every close");
        MemorySegment view;
        try (ParquetReader reader = ParquetReader.open(FILE, ReadOptions.defaults());
             RowGroupBatch batch = reader.readRowGroup(0)) {
            view = batch.columns().getFirst().valueStore();
        }
        assertThatThrownBy(() -> view.get(ValueLayout.JAVA_BYTE, 0)).isInstanceOf(IllegalStateException.class);
    }
}
