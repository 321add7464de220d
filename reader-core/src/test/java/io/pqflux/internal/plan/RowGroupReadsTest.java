package io.pqflux.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.column.ColumnVector;
import io.pqflux.error.CorruptFileException;
import io.pqflux.filter.RowRanges;
import io.pqflux.io.RecordingInputFile;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.testdata.Corpus;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Merging the byte ranges of a row group's column chunks into reads, fetching them lazily and freeing them. */
class RowGroupReadsTest {

    private static final byte[] FILE = new byte[100_000];
    private static final CoalescingOptions OPTIONS = new CoalescingOptions(1000, 10_000, Double.POSITIVE_INFINITY);

    static {
        new Random(1).nextBytes(FILE);
    }

    @Test
    void closeRangesOfDifferentChunksAreOneRead() {
        RecordingInputFile file = new RecordingInputFile("test.parquet", FILE);
        // two chunks 500 bytes apart, the second in two ranges, and a third 5000 bytes further on
        List<ChunkPlan> plans = List.of(pages(range(100, 2000)), pages(range(2500, 3000), range(3100, 3500)),
                pages(range(8500, 9000)));
        try (RowGroupReads reads = new RowGroupReads(file, plans, OPTIONS, false)) {
            assertThat(reads(file)).isEmpty();
            assertBytes(reads, plans, 1);
            assertThat(reads(file)).containsExactly(range(100, 3500));
            assertBytes(reads, plans, 0);
            assertBytes(reads, plans, 2);
            assertThat(reads(file)).containsExactly(range(100, 3500), range(8500, 9000));
        }
    }

    @Test
    void mergedReadsStopGrowingAtTheirLimitButLargeRangesStayWhole() {
        RecordingInputFile file = new RecordingInputFile("test.parquet", FILE);
        List<ChunkPlan> plans = List.of(pages(range(0, 4000)), pages(range(4500, 8000)), pages(range(8500, 12_000)),
                pages(range(12_000, 30_000)), pages(range(30_500, 31_000)));
        try (RowGroupReads reads = new RowGroupReads(file, plans, OPTIONS, false)) {
            for (int chunk = 0; chunk < plans.size(); chunk++) assertBytes(reads, plans, chunk);
            assertThat(reads(file)).containsExactly(range(0, 8000), range(8500, 12_000), range(12_000, 30_000),
                    range(30_500, 31_000));
        }
    }

    @Test
    void aRangeOutsideTheFileIsReadAloneSoOnlyItsChunkFails() {
        RecordingInputFile file = new RecordingInputFile("test.parquet", FILE);
        List<ChunkPlan> plans = List.of(pages(range(90_000, 99_000)), pages(range(99_500, 120_000)), pages(range(99_100, 99_200)));
        try (RowGroupReads reads = new RowGroupReads(file, plans, OPTIONS, false)) {
            assertThatThrownBy(() -> reads.lease(1, plans.get(1).ranges()).bytes()).isInstanceOf(CorruptFileException.class).hasMessageContaining("outside the file");
            assertBytes(reads, plans, 0);
            assertBytes(reads, plans, 2);
            assertThat(reads(file)).containsExactly(range(99_500, 120_000), range(90_000, 99_200));
        }
    }

    @Test
    @SuppressWarnings("try") // closes inside its try block: what close releases is under test
    void aReadIsFreedOnceThePlanGaveUpItsHoldAndTheLastLeaseUsingItIsReleased() {
        RecordingInputFile file = new RecordingInputFile("test.parquet", FILE);
        List<ChunkPlan> plans = List.of(pages(range(0, 100)), pages(range(200, 300)), pages(range(50_000, 50_100)));
        try (RowGroupReads reads = new RowGroupReads(file, plans, OPTIONS, true)) {
            RowGroupReads.Lease firstLease = reads.lease(0, plans.get(0).ranges());
            RowGroupReads.Lease secondLease = reads.lease(1, plans.get(1).ranges());
            RowGroupReads.Lease thirdLease = reads.lease(2, plans.get(2).ranges());
            MemorySegment first = firstLease.bytes().getFirst();
            MemorySegment third = thirdLease.bytes().getFirst();
            firstLease.release();
            secondLease.release();
            assertThat(first.scope().isAlive()).as("the plan still holds it: more slices may lease it").isTrue();
            RowGroupReads.Lease again = reads.lease(0, plans.get(0).ranges());
            reads.releasePlanHold();
            assertThat(first.scope().isAlive()).isTrue();
            again.release();
            again.release();
            assertThat(first.scope().isAlive()).isFalse();
            assertThatThrownBy(() -> reads.lease(1, plans.get(1).ranges())).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("freed already");
            assertThat(third.scope().isAlive()).isTrue();
            reads.close();
            assertThat(third.scope().isAlive()).isFalse();
        }
    }

    @Test
    void slicesLeasePagesWithinTheChunksPlannedRangesFromOneRead() {
        RecordingInputFile file = new RecordingInputFile("test.parquet", FILE);
        // the row group's plan reads whole chunks; two slices each read the dictionary and some of the pages
        List<ChunkPlan> plans = List.of(pages(range(1000, 5000)), pages(range(5000, 9000)));
        try (RowGroupReads reads = new RowGroupReads(file, plans, OPTIONS, false)) {
            assertLease(reads.lease(0, List.of(range(1000, 1200), range(1200, 2500))));
            assertLease(reads.lease(0, List.of(range(1000, 1200), range(2400, 5000))));
            assertLease(reads.lease(1, List.of(range(5000, 9000))));
            assertThat(reads(file)).as("one read for both chunks and both slices").containsExactly(range(1000, 9000));
            assertThatThrownBy(() -> reads.lease(0, List.of(range(4000, 6000)))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("outside chunk 0's planned ranges");
        }
    }

    /** Through the reader: the chunks of a small row group's columns arrive in one read, and decode as before. */
    @Test
    void aRowGroupOfSmallChunksIsOneRead() {
        Path path = Corpus.file("data/alltypes_plain.parquet");
        RecordingInputFile file = RecordingInputFile.of(path);
        try (ParquetReader reader = ParquetReader.open(file, ReadOptions.defaults());
             ParquetReader reference = ParquetReader.open(path)) {
            file.clear();
            try (RowGroupBatch batch = reader.readRowGroup(0); RowGroupBatch expected = reference.readRowGroup(0)) {
                assertThat(reads(file)).hasSize(1);
                assertThat(batch.columns()).hasSize(11);
                for (int c = 0; c < batch.columns().size(); c++) {
                    ColumnVector ours = batch.columns().get(c);
                    ColumnVector theirs = expected.columns().get(c);
                    assertThat(ours.valueCount()).isEqualTo(theirs.valueCount());
                    for (int v = 0; v < ours.valueCount(); v++) assertThat(ours.getByteArray(v)).isEqualTo(theirs.getByteArray(v));
                }
            }
        }
    }

    @Test
    void concurrentReadsMergeGapsOnlyWithinTheirShareOfTheBytesRead() {
        RecordingInputFile file = new RecordingInputFile("test.parquet", FILE);
        // 500 bytes between two 1000-byte ranges exceed 10% of 2000; 200 between two larger ones stay within it
        List<ChunkPlan> plans = List.of(pages(range(0, 1000)), pages(range(1500, 2500)), pages(range(10_000, 14_000)),
                pages(range(14_200, 19_000)));
        try (RowGroupReads reads = new RowGroupReads(file, plans, new CoalescingOptions(1000, 100_000, 0.1), false)) {
            assertThat(reads.fetchRanges()).containsExactly(new io.pqflux.io.ByteRange(0, 1000),
                    new io.pqflux.io.ByteRange(1500, 1000), new io.pqflux.io.ByteRange(10_000, 9000));
        }
    }

    @Test
    @SuppressWarnings("try") // closes inside its try block: what close releases is under test
    void suppliedBytesAreUsedInsteadOfTheFileAndReleasedAfterTheirLastChunk() {
        RecordingInputFile file = new RecordingInputFile("test.parquet", FILE);
        List<ChunkPlan> plans = List.of(pages(range(100, 2000)), pages(range(2500, 3000)), pages(range(8500, 9000)));
        List<String> released = new ArrayList<>();
        try (RowGroupReads reads = new RowGroupReads(file, plans, OPTIONS, true); Arena arena = Arena.ofConfined()) {
            assertThat(reads.fetchRanges()).containsExactly(new io.pqflux.io.ByteRange(100, 2900),
                    new io.pqflux.io.ByteRange(8500, 500));
            MemorySegment fetched = arena.allocate(2900).copyFrom(MemorySegment.ofArray(FILE).asSlice(100, 2900));
            reads.supply(100, fetched, () -> released.add("first"));
            assertThatThrownBy(() -> reads.supply(200, fetched.asSlice(0, 10), () -> released.add("unknown")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(released).containsExactly("unknown");
            reads.supply(100, fetched, () -> released.add("again"));
            assertThat(released).as("a second supply is refused and released").containsExactly("unknown", "again");
            RowGroupReads.Lease firstLease = reads.lease(0, plans.get(0).ranges());
            RowGroupReads.Lease secondLease = reads.lease(1, plans.get(1).ranges());
            assertLease(firstLease);
            assertLease(secondLease);
            assertThat(reads(file)).as("nothing read from the file for supplied bytes").isEmpty();
            reads.fetchAll();
            assertThat(reads(file)).containsExactly(range(8500, 9000));
            reads.releasePlanHold();
            firstLease.release();
            assertThat(released).hasSize(2);
            secondLease.release();
            assertThat(released).as("released after its last chunk").containsExactly("unknown", "again", "first");
            reads.close();
            reads.supply(8500, fetched.asSlice(0, 500), () -> released.add("late"));
            assertThat(released).as("supplied after close: released at once").endsWith("late");
        }
    }

    private static void assertBytes(RowGroupReads reads, List<ChunkPlan> plans, int chunk) {
        assertLease(reads.lease(chunk, plans.get(chunk).ranges()));
    }

    /** The lease's bytes are the file's bytes of its ranges. */
    private static void assertLease(RowGroupReads.Lease lease) {
        List<MemorySegment> bytes = lease.bytes();
        List<ByteRange> ranges = lease.ranges();
        assertThat(bytes).hasSameSizeAs(ranges);
        for (int r = 0; r < ranges.size(); r++) {
            byte[] expected = new byte[(int) ranges.get(r).length()];
            System.arraycopy(FILE, (int) ranges.get(r).start(), expected, 0, expected.length);
            assertThat(bytes.get(r).toArray(ValueLayout.JAVA_BYTE)).as("range %d", r).isEqualTo(expected);
        }
    }

    private static ChunkPlan pages(ByteRange... ranges) {
        return new ChunkPlan.SelectedPages(List.of(ranges), RowRanges.all(1), 1, new int[] {0}, new int[ranges.length]);
    }

    private static ByteRange range(long start, long end) {
        return new ByteRange(start, end);
    }

    private static List<ByteRange> reads(RecordingInputFile file) {
        return file.reads().stream().map(r -> range(r[0], r[1])).toList();
    }
}
