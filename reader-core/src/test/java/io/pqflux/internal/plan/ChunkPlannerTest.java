package io.pqflux.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.filter.RowRanges;
import io.pqflux.format.meta.ColumnMetaData;
import io.pqflux.format.meta.OffsetIndex;
import io.pqflux.format.meta.PageLocation;
import io.pqflux.format.meta.PhysicalType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which bytes of a column chunk a read of some rows needs. */
class ChunkPlannerTest {

    /** Dictionary at 100..150, then five pages of 20 rows, 50 bytes each, back to back from 150. */
    private static final ColumnMetaData META = new ColumnMetaData(PhysicalType.INT64, List.of(), List.of("x"), null, 100, 0,
            300, null, 150, null, 100L, null, null, null, null, null, null);
    private static final OffsetIndex OFFSETS = new OffsetIndex(List.of(new PageLocation(150, 50, 0), new PageLocation(200, 50, 20),
            new PageLocation(250, 50, 40), new PageLocation(300, 50, 60), new PageLocation(350, 50, 80)), null);

    @Test
    void withoutAnOffsetIndexTheWholeChunkIsRead() {
        ChunkPlan plan = ChunkPlanner.plan(META, null, 100, RowRanges.range(30, 35));
        assertThat(plan).isEqualTo(new ChunkPlan.WholeChunk(new ByteRange(100, 400), 100));
        assertThat(plan.pageRows()).isEqualTo(RowRanges.all(100));
    }

    @Test
    void theDictionaryAndThePagesOverlappingTheRowsAreRead() {
        ChunkPlan plan = ChunkPlanner.plan(META, OFFSETS, 100, RowRanges.range(30, 35));
        // the dictionary region touches the first page only when that page is read
        ChunkPlan.SelectedPages selected = (ChunkPlan.SelectedPages) plan;
        assertThat(selected.ranges()).containsExactly(new ByteRange(100, 150), new ByteRange(200, 250));
        assertThat(selected.pageRows()).isEqualTo(RowRanges.range(20, 40));
        assertThat(selected.pageCount()).isEqualTo(5);
        assertThat(selected.pages()).containsExactly(1);
    }

    @Test
    void adjacentPagesAreOneRange() {
        RowRanges rows = RowRanges.range(5, 6).union(RowRanges.range(39, 45)).union(RowRanges.range(99, 100));
        ChunkPlan plan = ChunkPlanner.plan(META, OFFSETS, 100, rows);
        assertThat(plan.ranges()).containsExactly(new ByteRange(100, 300), new ByteRange(350, 400));
        assertThat(plan.pageRows()).isEqualTo(RowRanges.range(0, 60).union(RowRanges.range(80, 100)));
        assertThat(((ChunkPlan.SelectedPages) plan).pages()).containsExactly(0, 1, 2, 4);
    }
}
