package io.pqflux.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.column.ColumnVector;
import io.pqflux.error.ParquetIOException;
import io.pqflux.error.SourceLocation;
import io.pqflux.io.InputFile;
import io.pqflux.io.MappedInputFile;
import io.pqflux.reactive.testkit.OffHeapReleased;
import io.pqflux.reader.OffHeapMemory;
import io.pqflux.reader.ReadOptions;
import io.pqflux.reader.RowGroupBatch;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.blockhound.BlockHound;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

@ExtendWith(OffHeapReleased.class)
class ParquetFluxTest {

    @TempDir
    static Path directory;
    /** 20,000 rows in 20 row groups. */
    static Path file;
    private long baseline;

    @BeforeAll
    static void setUp() {
        BlockHound.install();
        file = ScanFiles.write(directory, 20_000, 1_000);
    }

    @BeforeEach
    void recordHeldBytes() {
        baseline = OffHeapMemory.liveBytes();
    }

    /** The ids of a batch, copied out; closes the batch. */
    static List<Long> ids(ParquetBatch batch) {
        try (batch) {
            ColumnVector id = batch.batch().columns().getFirst();
            List<Long> out = new ArrayList<>(id.valueCount());
            for (int i = 0; i < id.valueCount(); i++) out.add(id.getLong(i));
            return out;
        }
    }

    static List<Long> expectedIds(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }

    @Test
    void batchesComeInFileOrderWithEveryRowOnce() {
        ScanOptions options = ScanOptions.defaults().withBatchRows(300).withSlicesInFlight(4);
        List<Long> ids = ParquetFlux.batches(file, options).concatMapIterable(ParquetFluxTest::ids).collectList().block();
        assertThat(ids).isEqualTo(expectedIds(0, 20_000));
    }

    @Test
    void slicesCutRowGroupsIntoBatchesOfAtMostTheBatchSize() {
        ScanOptions options = ScanOptions.defaults().withBatchRows(300);
        List<Long> sizes = ParquetFlux.batches(file, options).map(batch -> {
            try (batch) {
                return batch.batch().rowCount();
            }
        }).collectList().block();
        // 1,000-row groups cut at 300: 300, 300, 300, 100 each
        assertThat(sizes).hasSize(80).allMatch(n -> n <= 300);
        assertThat(sizes.subList(0, 4)).containsExactly(300L, 300L, 300L, 100L);
    }

    @Test
    void mappedValuesComeInOrderAndNoBatchOutlivesTheMapper() {
        ScanOptions options = ScanOptions.defaults().withBatchRows(512);
        List<Long> ids = ParquetFlux.read(file, options, batch -> {
            ColumnVector id = batch.columns().getFirst();
            List<Long> out = new ArrayList<>();
            for (int i = 0; i < id.valueCount(); i++) out.add(id.getLong(i));
            return out;
        }).collectList().block();
        assertThat(ids).isEqualTo(expectedIds(0, 20_000));
    }

    @Test
    void batchesAreMappedConcurrentlyOnTheDecodeSchedulerAndCancellationReleasesThem() {
        ScanOptions options = ScanOptions.defaults().withBatchRows(512).withSlicesInFlight(4)
                .withDecodeScheduler(Schedulers.newParallel("map-test", 2));
        AtomicInteger mapping = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Long> ids = ParquetFlux.read(file, options, batch -> {
            int now = mapping.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            threads.add(Thread.currentThread().getName());
            // busy-wait (BlockHound counts sleeping and even onSpinWait as blocking) until a second mapper runs
            // beside this one, or give up after a second
            long deadline = System.nanoTime() + 1_000_000_000L;
            while (mostAtOnce.get() < 2 && System.nanoTime() < deadline) {
                Math.sqrt(deadline);
            }
            try {
                return List.of(batch.columns().getFirst().getLong(0));
            } finally {
                mapping.decrementAndGet();
            }
        }).collectList().block();
        // 20 row groups of 1,000 rows, each cut into 512 + 488
        assertThat(ids).isEqualTo(LongStream.range(0, 40).map(i -> i / 2 * 1_000 + i % 2 * 512).boxed().toList());
        assertThat(mostAtOnce.get()).as("batches mapped at once").isEqualTo(2);
        assertThat(threads).allMatch(name -> name.startsWith("map-test"));

        StepVerifier.create(ParquetFlux.read(file, options, batch -> List.of(batch.rowCount())).take(5))
                .expectNextCount(5)
                .expectComplete()
                .verify(Duration.ofSeconds(30));
        OffHeapReleased.awaitReleased(baseline);
        options.decodeScheduler().dispose();
    }

    @Test
    void projectionAndPredicateReachTheReader() {
        ReadOptions read = ReadOptions.defaults().withColumns(List.of("score", "id"))
                .withFilter(io.pqflux.filter.Predicate.gtEq("id", 19_500L));
        AtomicReference<ScanMetrics> metrics = new AtomicReference<>();
        List<Long> ids = ParquetFlux.batches(file, ScanOptions.defaults().withReadOptions(read).withMetricsListener(metrics::set))
                .concatMapIterable(batch -> {
                    RowGroupBatch b = batch.batch();
                    assertThat(b.columns()).extracting(v -> v.column().dottedPath()).containsExactly("score", "id");
                    List<Long> out = new ArrayList<>();
                    try (batch) {
                        for (int i = 0; i < b.selectedRowCount(); i++) out.add(b.columns().get(1).getLong(b.selectedRow(i)));
                    }
                    return out;
                }).collectList().block();
        assertThat(ids).isEqualTo(expectedIds(19_500, 20_000));
        assertThat(metrics.get()).isNotNull();
        assertThat(metrics.get().read().rowGroupsSkipped()).isEqualTo(19);
        assertThat(metrics.get().requests()).as("no object storage").isZero();
    }

    @Test
    void requestOneAtATime() {
        ScanOptions options = ScanOptions.defaults().withBatchRows(5_000);
        StepVerifier.create(ParquetFlux.batches(file, options).map(ParquetFluxTest::ids), 0)
                .thenRequest(1).assertNext(ids -> assertThat(ids).isEqualTo(expectedIds(0, 1_000)))
                .expectNoEvent(Duration.ofMillis(50))
                .thenRequest(1).assertNext(ids -> assertThat(ids).isEqualTo(expectedIds(1_000, 2_000)))
                .thenRequest(18).expectNextCount(18)
                .expectComplete()
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void cancelAfterSomeBatchesReleasesEverything() {
        ScanOptions options = ScanOptions.defaults().withBatchRows(250).withSlicesInFlight(6);
        StepVerifier.create(ParquetFlux.batches(file, options).map(ParquetFluxTest::ids).take(3))
                .expectNext(expectedIds(0, 250), expectedIds(250, 500), expectedIds(500, 750))
                .expectComplete()
                .verify(Duration.ofSeconds(30));
        OffHeapReleased.awaitReleased(baseline);
    }

    @Test
    void anErrorInTheDecodeStageArrivesTypedAfterEverythingIsReleased() {
        // the 12th row group's chunks cannot be read: a failing source, as a disk or a remote store fails
        long failAt = rowGroupOffset(11);
        ScanOptions options = ScanOptions.defaults().withBatchRows(1_000).withSlicesInFlight(4);
        List<Long> emitted = new ArrayList<>();
        StepVerifier.create(ParquetFlux.batches("failing", () -> new FailingAt(MappedInputFile.open(file), failAt), options)
                        .map(ParquetFluxTest::ids).doOnNext(emitted::addAll))
                .thenConsumeWhile(ids -> true)
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(ParquetIOException.class).hasMessageContaining("failing")
                            .hasMessageContaining("injected");
                    // delivered only once everything in flight was released
                    assertThat(OffHeapMemory.liveBytes()).isEqualTo(baseline);
                })
                .verify(Duration.ofSeconds(30));
        // fail fast: the batches before the failing one that were already decoded may or may not have been emitted,
        // but what was emitted is the file's prefix, in order
        assertThat(emitted.size()).isLessThanOrEqualTo(11_000);
        assertThat(emitted).isEqualTo(expectedIds(0, emitted.size()));
    }

    @Test
    void aSlowSubscriberKeepsTheScanWithinItsBudget() {
        long budget = 256 << 10;
        ScanOptions options = ScanOptions.defaults().withBatchRows(1_000).withSlicesInFlight(8).withMemoryBudget(budget);
        long largestBatch = ParquetFlux.batches(file, ScanOptions.defaults().withBatchRows(1_000)).map(batch -> {
            try (batch) {
                return batch.batch().offHeapBytes();
            }
        }).reduce(Math::max).block();
        OffHeapMemory.resetPeakBytes();
        long start = OffHeapMemory.liveBytes();
        // delayElements asks for one batch at a time, every 5 ms
        StepVerifier.create(ParquetFlux.batches(file, options).delayElements(Duration.ofMillis(5)).map(ParquetFluxTest::ids))
                .expectNextCount(20)
                .expectComplete()
                .verify(Duration.ofSeconds(30));
        assertThat(largestBatch * 3).as("the budget must bind").isLessThan(budget * 2);
        assertThat(OffHeapMemory.peakBytes() - start).as("peak held bytes").isLessThanOrEqualTo(budget + largestBatch);
    }

    private static long rowGroupOffset(int rowGroup) {
        try (var reader = io.pqflux.reader.ParquetReader.open(file)) {
            return reader.metaData().rowGroups().get(rowGroup).columns().getFirst().metaData().chunkStart();
        }
    }

    /** A source whose reads of ranges at or after {@code failAt} fail (the footer at the end excepted). */
    static final class FailingAt implements InputFile {
        private final InputFile delegate;
        private final long failAt;

        FailingAt(InputFile delegate, long failAt) {
            this.delegate = delegate;
            this.failAt = failAt;
        }

        @Override
        public String name() {
            return "failing";
        }

        @Override
        public long length() {
            return delegate.length();
        }

        @Override
        public MemorySegment read(long offset, long length, Arena arena) {
            if (offset >= failAt && offset + length < delegate.length() - 8 - footerLength()) {
                throw new ParquetIOException("injected read failure", SourceLocation.ofFile("failing").withOffset(offset),
                        new IOException("injected"));
            }
            return delegate.read(offset, length, arena);
        }

        private long footerLength() {
            try (Arena arena = Arena.ofConfined()) {
                return delegate.read(delegate.length() - 8, 4, arena).get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, 0);
            }
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
