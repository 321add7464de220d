package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.filter.Predicate;
import io.pqflux.filter.RowRanges;
import io.pqflux.io.ByteRange;
import io.pqflux.testdata.Corpus;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The staged read ({@link ParquetReader#plan}): bytes supplied by the caller, columns decoded in any order on other
 * threads, a filter column read only for matching; the batch equals {@code readRowGroup}'s, and what the read holds
 * is released by {@code finish} or {@code close}.
 */
class RowGroupReadTest {

    private static final Path FILE = Corpus.file("data/alltypes_tiny_pages_plain.parquet");
    /** {@code id} is read only for the filter; the page index narrows the rows. */
    private static final ReadOptions FILTERED = ReadOptions.defaults().withColumns(List.of("string_col", "bigint_col"))
            .withFilter(Predicate.and(Predicate.gtEq("id", 3_000), Predicate.lt("id", 3_100)));

    @Test
    void suppliedBytesAndColumnsDecodedInReverseOnOtherThreadsMakeTheBatchReadRowGroupMakes() {
        AtomicInteger released = new AtomicInteger();
        try (ParquetReader reader = ParquetReader.open(FILE, FILTERED); ParquetReader reference = ParquetReader.open(FILE, FILTERED);
             Arena arena = Arena.ofShared()) {
            for (int g = 0; g < reader.rowGroupCount(); g++) {
                RowGroupBatch batch;
                int supplied = 0;
                try (RowGroupRead read = reader.plan(g, RowRanges.all(reader.metaData().rowGroups().get(g).numRows()))) {
                    assertThat(read.columns()).extracting(c -> c.dottedPath()).startsWith("string_col", "bigint_col");
                    for (ByteRange range : read.ranges()) {
                        // the caller's own copy of the bytes, as an asynchronous fetch would hand over
                        MemorySegment copy = arena.allocate(range.length());
                        try (var file = io.pqflux.io.MappedInputFile.open(FILE)) {
                            copy.copyFrom(file.read(range.offset(), range.length(), arena));
                        }
                        read.supply(range.offset(), copy, released::incrementAndGet);
                        supplied++;
                    }
                    List<CompletableFuture<Void>> tasks = new ArrayList<>();
                    for (int c = read.columnCount() - 1; c >= 0; c--) {
                        int column = c;
                        tasks.add(CompletableFuture.runAsync(() -> read.decodeColumn(column)));
                    }
                    tasks.forEach(CompletableFuture::join);
                    assertThat(released.get()).as("supplied bytes released after their last column").isEqualTo(supplied);
                    released.set(0);
                    batch = read.finish();
                    assertThatThrownBy(read::finish).isInstanceOf(IllegalStateException.class);
                }
                try (batch; RowGroupBatch expected = reference.readRowGroup(g)) {
                    SameBatch.assertSameBatch(batch, expected);
                }
            }
            assertThat(reader.metrics()).isEqualTo(reference.metrics());
        }
    }

    @Test
    void closingBeforeFinishReleasesDecodedColumnsAndBytesAndLaterSuppliesAtOnce() {
        AtomicInteger released = new AtomicInteger();
        try (ParquetReader reader = ParquetReader.open(FILE, FILTERED); Arena arena = Arena.ofConfined()) {
            RowGroupRead read = reader.plan(0, RowRanges.all(reader.metaData().rowGroups().get(0).numRows()));
            List<ByteRange> ranges = read.ranges();
            assertThat(ranges).isNotEmpty();
            read.decodeColumn(0);
            assertThatThrownBy(() -> read.decodeColumn(0)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(read::finish).isInstanceOf(IllegalStateException.class).hasMessageContaining("not decoded");
            read.close();
            read.supply(ranges.getFirst().offset(), arena.allocate(ranges.getFirst().length()), released::incrementAndGet);
            assertThat(released.get()).isEqualTo(1);
            assertThatThrownBy(() -> read.decodeColumn(1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
        }
        // LeakDetectionExtension checks that the decoded column was freed
    }
}
