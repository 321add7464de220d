package io.pqflux.nested;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.column.ColumnVector;
import io.pqflux.internal.decode.LevelsOnlyVectors;
import io.pqflux.error.CorruptFileException;
import io.pqflux.error.SourceLocation;
import io.pqflux.schema.MessageSchema;
import io.pqflux.schema.TextSchemas;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Leaves below a shared node must describe the same records there, or the file is corrupt. */
class NestedBatchTest {

    private static final MessageSchema SCHEMA = TextSchemas.parse("""
            message m { required group l (LIST) { repeated group list { required group element { optional int32 a; optional int32 b; } } } }""");
    private static final NestedSchema NESTED = NestedSchema.of(SCHEMA, SCHEMA.columns());

    @Test
    void leavesThatAgreeMakeABatch() {
        // row 0: [{a:1,b:null}, {a:2,b:3}], row 1: []
        try (ColumnVector a = LevelsOnlyVectors.of(SCHEMA.columns().get(0), new int[] {2, 2, 0}, new int[] {0, 1, 0});
             ColumnVector b = LevelsOnlyVectors.of(SCHEMA.columns().get(1), new int[] {1, 2, 0}, new int[] {0, 1, 0})) {
            NestedBatch batch = NestedBatch.of(NESTED, List.of(a, b), 2, SourceLocation.ofFile("levels.parquet"));
            assertThat(batch.rowCount()).isEqualTo(2);
            assertThat(batch.column(1).valueIndex(0)).isEqualTo(-1);
        }
    }

    @Test
    void aRowShowsItsTopLevelFields() {
        try (ColumnVector a = LevelsOnlyVectors.of(SCHEMA.columns().get(0), new int[] {2, 2, 0}, new int[] {0, 1, 0});
             ColumnVector b = LevelsOnlyVectors.of(SCHEMA.columns().get(1), new int[] {1, 2, 0}, new int[] {0, 1, 0})) {
            NestedBatch batch = NestedBatch.of(NESTED, List.of(a, b), 2, SourceLocation.ofFile("levels.parquet"));
            assertThat(batch.row(0).fields()).extracting(NestedField::name).containsExactly("l");
            assertThat(batch.row(0).getList("l").size()).isEqualTo(2);
            assertThat(batch.row(0).getList(0).getStruct(0).isNull("b")).isTrue();
            assertThat(batch.row(1).getList("l").size()).isZero();
            assertThatThrownBy(() -> batch.row(2)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void leavesWithTheSameCountsButDifferentListsAreCorrupt() {
        // a: row 0 has two elements, row 1 none; b: row 0 none, row 1 two — same totals, different records
        try (ColumnVector a = LevelsOnlyVectors.of(SCHEMA.columns().get(0), new int[] {2, 2, 0}, new int[] {0, 1, 0});
             ColumnVector b = LevelsOnlyVectors.of(SCHEMA.columns().get(1), new int[] {0, 2, 2}, new int[] {0, 0, 1})) {
            assertThatThrownBy(() -> NestedBatch.of(NESTED, List.of(a, b), 2, SourceLocation.ofFile("levels.parquet")))
                    .isInstanceOf(CorruptFileException.class)
                    .hasMessageContaining("columns l.list.element.a and l.list.element.b disagree on the 'list' entries");
        }
    }

    @Test
    void aRowCountOtherThanTheRowGroupsIsCorrupt() {
        try (ColumnVector a = LevelsOnlyVectors.of(SCHEMA.columns().get(0), new int[] {2, 2, 0}, new int[] {0, 1, 0});
             ColumnVector b = LevelsOnlyVectors.of(SCHEMA.columns().get(1), new int[] {1, 2, 0}, new int[] {0, 1, 0})) {
            assertThatThrownBy(() -> NestedBatch.of(NESTED, List.of(a, b), 3, SourceLocation.ofFile("levels.parquet")))
                    .isInstanceOf(CorruptFileException.class)
                    .hasMessageContaining("the row group declares 3 rows but column l.list.element.a holds 2");
        }
    }
}
