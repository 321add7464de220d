package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.filter.Predicate;
import io.pqflux.filter.RowRanges;
import io.pqflux.io.ByteRange;
import io.pqflux.io.RecordingInputFile;
import io.pqflux.testdata.Corpus;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A row group planned once and read in slices ({@link ParquetReader#planRowGroup}): every slice's batch is what reading
 * its rows alone makes, the row group's bytes are fetched once for all slices (only page indexes are read after the
 * fetch), and the bytes read are counted once: what reading the row group whole counts as skipped, the slices do too,
 * they count its pages and pages decoded as reading it whole does, and they count fewer bytes than the same slices
 * planned one by one, which re-read the dictionaries and the pages two slices straddle.
 */
class RowGroupPlanTest {

    private static final Path FILE = Corpus.file("data/alltypes_tiny_pages_plain.parquet");
    private static final ReadOptions PROJECTED = ReadOptions.defaults().withColumns(List.of("string_col", "bigint_col", "id"));
    /** {@code id} is read only for the filter; the page index narrows the rows. */
    private static final ReadOptions FILTERED = ReadOptions.defaults().withColumns(List.of("string_col", "bigint_col"))
            .withFilter(Predicate.and(Predicate.gtEq("id", 3_000), Predicate.lt("id", 5_100)));
    private static final int SLICE_ROWS = 700;

    @Test
    void slicesReadWhatTheirRowsReadAloneFromOneFetchCountedOnce() {
        for (ReadOptions options : List.of(PROJECTED, FILTERED)) {
            RecordingInputFile file = RecordingInputFile.of(FILE);
            try (ParquetReader sliced = ParquetReader.open(file, options); ParquetReader alone = ParquetReader.open(FILE, options);
                 ParquetReader whole = ParquetReader.open(FILE, options)) {
                int slices = 0;
                for (int g = 0; g < sliced.rowGroupCount(); g++) {
                    long rows = sliced.metaData().rowGroups().get(g).numRows();
                    file.clear();
                    try (RowGroupPlan plan = sliced.planRowGroup(g, RowRanges.all(rows))) {
                        file.clear();
                        plan.fetch();
                        List<long[]> fetched = file.reads();
                        assertThat(fetched).extracting(r -> new ByteRange(r[0], r[1] - r[0])).containsExactlyElementsOf(plan.ranges());
                        for (long start = 0; start < rows; start += SLICE_ROWS) {
                            RowRanges range = RowRanges.range(start, Math.min(rows, start + SLICE_ROWS));
                            try (RowGroupRead slice = plan.slice(range); RowGroupRead single = alone.plan(g, range)) {
                                try (RowGroupBatch ours = decoded(slice); RowGroupBatch theirs = decoded(single)) {
                                    SameBatch.assertSameBatch(ours, theirs);
                                }
                            }
                            slices++;
                        }
                        List<long[]> later = file.reads().subList(fetched.size(), file.reads().size());
                        for (long[] read : later) {
                            for (ByteRange range : plan.ranges()) {
                                assertThat(read[1] <= range.offset() || read[0] >= range.offset() + range.length())
                                        .as("nothing of the fetched ranges read again: [%d, %d)", read[0], read[1]).isTrue();
                            }
                        }
                    }
                    whole.readRowGroup(g).close();
                }
                assertThat(slices).isGreaterThan(sliced.rowGroupCount());
                ReadMetrics ours = sliced.metrics();
                assertThat(ours.rowGroups()).isEqualTo(whole.metrics().rowGroups());
                assertThat(ours.rows()).isEqualTo(whole.metrics().rows());
                assertThat(ours.bytesSkipped()).as("every page of the row group read, once").isEqualTo(whole.metrics().bytesSkipped());
                assertThat(ours.pages()).as("each chunk's pages counted once").isEqualTo(whole.metrics().pages());
                assertThat(ours.pagesRead()).as("each page decoded counted once, however many slices straddle it")
                        .isEqualTo(whole.metrics().pagesRead()).isPositive();
                assertThat(alone.metrics().pagesRead()).as("slices planned one by one count straddled pages again")
                        .isGreaterThan(ours.pagesRead());
                assertThat(ours.bytesRead()).isLessThan(alone.metrics().bytesRead());
            }
        }
    }

    @Test
    void aClosedPlanMakesNoSlicesAndFreesItsBytesWithItsLastSlice() {
        AtomicInteger released = new AtomicInteger();
        try (ParquetReader reader = ParquetReader.open(FILE, PROJECTED); ParquetReader reference = ParquetReader.open(FILE, PROJECTED)) {
            long rows = reader.metaData().rowGroups().get(0).numRows();
            RowGroupPlan plan = reader.planRowGroup(0, RowRanges.all(rows));
            plan.whenReleased(released::incrementAndGet);
            RowGroupRead first = plan.slice(RowRanges.range(0, 100));
            RowGroupRead second = plan.slice(RowRanges.range(50, 400));
            plan.close();
            plan.close();
            assertThatThrownBy(() -> plan.slice(RowRanges.range(0, 10))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
            first.close();
            assertThat(released.get()).as("the second slice still holds the bytes").isZero();
            try (second; RowGroupRead expected = reference.plan(0, RowRanges.range(50, 400))) {
                try (RowGroupBatch ours = decoded(second); RowGroupBatch theirs = decoded(expected)) {
                    SameBatch.assertSameBatch(ours, theirs);
                }
            }
            assertThat(released.get()).isEqualTo(1);
            plan.whenReleased(released::incrementAndGet);
            assertThat(released.get()).as("a release action added afterwards runs at once").isEqualTo(2);
        }
    }

    @Test
    void aSliceOutsideThePrunedRowsIsEmpty() {
        try (ParquetReader reader = ParquetReader.open(FILE, FILTERED)) {
            long rows = reader.metaData().rowGroups().get(0).numRows();
            try (RowGroupPlan plan = reader.planRowGroup(0, RowRanges.all(rows))) {
                assertThat(plan.rows().isEmpty()).isFalse();
                assertThat(plan.rows().overlaps(0, 100)).as("the page index leaves out the first ids").isFalse();
                try (RowGroupRead slice = plan.slice(RowRanges.range(0, 100)); RowGroupBatch batch = slice.finish()) {
                    assertThat(slice.columnCount()).isZero();
                    assertThat(batch.rowCount()).isZero();
                }
            }
        }
    }

    private static RowGroupBatch decoded(RowGroupRead read) {
        for (int c = 0; c < read.columnCount(); c++) read.decodeColumn(c);
        return read.finish();
    }

}
