package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.testdata.Corpus;
import io.pqflux.testdata.Manifest;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Column chunks decoded as parallel tasks ({@link ReadOptions#withDecodeExecutor}) give the same rows as
 * parquet-java and the same typed errors as a sequential read, and leak nothing when a task fails.
 */
class ParallelDecodeTest {

    private static final ExecutorService POOL = Executors.newFixedThreadPool(3);
    private static final ReadOptions PARALLEL = ReadOptions.defaults().withDecodeExecutor(POOL);

    static Stream<Manifest.Entry> entries() {
        return Manifest.load().entries().stream().filter(e -> e.outcome() != Manifest.Outcome.EXPECTED);
    }

    @AfterAll
    static void shutDown() {
        POOL.shutdownNow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void readsAsTheManifestSays(Manifest.Entry entry) throws Exception {
        Path path = Corpus.file(entry.path());
        if (entry.outcome() == Manifest.Outcome.IDENTICAL) {
            CorpusDifferentialTest.assertIdenticalToParquetJava(path, PARALLEL);
        } else {
            assertThatThrownBy(() -> CorpusDifferentialTest.readEveryValue(path, PARALLEL))
                    .satisfies(e -> assertThat(e.getClass().getSimpleName()).isEqualTo(entry.errorType()))
                    .hasMessageContaining(entry.errorFragment())
                    .hasMessageContaining(path.toString());
        }
    }

    /** Closing while another thread decodes waits for it: the mapping stays until the read has finished. */
    @Test
    void closeWaitsForReadsInFlightAndLaterReadsAreRefused() throws Exception {
        CountDownLatch taskStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Executor gated = task -> POOL.execute(() -> {
            taskStarted.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            task.run();
        });
        Path path = Corpus.file("data/alltypes_plain.parquet");
        ParquetReader reader = ParquetReader.open(path, ReadOptions.defaults().withDecodeExecutor(gated));
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            Future<Long> read = callers.submit(() -> {
                try (RowGroupBatch batch = reader.readRowGroup(0)) {
                    return batch.rowCount();
                }
            });
            assertThat(taskStarted.await(10, TimeUnit.SECONDS)).isTrue();
            Future<?> close = callers.submit(reader::close);
            Thread.sleep(200);
            assertThat(close.isDone()).as("close returned while a read was decoding").isFalse();
            release.countDown();
            assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo(8);
            close.get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> reader.readRowGroup(0)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
        } finally {
            release.countDown();
            callers.shutdownNow();
        }
    }

    @Test
    void anExecutorThatRefusesWorkFailsTheReadWithoutLeaking() {
        ExecutorService closed = Executors.newSingleThreadExecutor();
        closed.shutdown();
        Path path = Corpus.file("data/alltypes_plain.parquet");
        assertThatThrownBy(() -> CorpusDifferentialTest.readEveryValue(path, ReadOptions.defaults().withDecodeExecutor(closed)))
                .isInstanceOf(RejectedExecutionException.class);
    }
}
