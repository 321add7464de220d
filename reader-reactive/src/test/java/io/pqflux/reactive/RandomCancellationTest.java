package io.pqflux.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.io.InputFile;
import io.pqflux.io.MappedInputFile;
import io.pqflux.storage.http.testkit.NoBufferLeaks;
import io.pqflux.storage.s3.S3Location;
import io.pqflux.storage.s3.S3Storage;
import io.pqflux.storage.s3.testkit.LocalS3;
import io.pqflux.reader.OffHeapMemory;
import io.pqflux.testdata.TestScale;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Subscription;
import reactor.blockhound.BlockHound;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * 10,000 scans cancelled at random: at a random stage (before the file is open, while slices are decoded, between
 * emissions, from another thread after a random delay), with random request patterns, read-ahead, batch sizes and
 * budgets, some with a failing source. After each, every byte of off-heap memory and every opened file must be
 * released.
 */
@ExtendWith(NoBufferLeaks.class)
class RandomCancellationTest {

    private static final int SCANS = TestScale.cases(5_000);
    private static final int S3_SCANS = TestScale.cases(300);

    @TempDir
    static Path directory;
    static Path file;

    enum Ending { CANCELLED_IN_ON_NEXT, CANCELLED_FROM_ANOTHER_THREAD, CANCELLED_AT_SUBSCRIBE, COMPLETED, FAILED }

    @BeforeAll
    static void setUp() {
        BlockHound.install();
        file = ScanFiles.write(directory, 2_000, 100);
    }

    @Test
    void everyCancellationReleasesEverything() throws InterruptedException {
        SplittableRandom random = new SplittableRandom(0x5ca77e7L);
        long baseline = OffHeapMemory.liveBytes();
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        Map<Ending, Integer> endings = new EnumMap<>(Ending.class);
        ThreadPoolExecutor io = new ThreadPoolExecutor(4, 4, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>());
        ThreadPoolExecutor decode = new ThreadPoolExecutor(2, 2, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>());
        Scheduler ioScheduler = Schedulers.fromExecutorService(io);
        Scheduler decodeScheduler = Schedulers.fromExecutorService(decode);
        for (int scan = 0; scan < SCANS; scan++) {
            SplittableRandom r = random.split();
            ScanOptions options = ScanOptions.defaults().withIoScheduler(ioScheduler).withDecodeScheduler(decodeScheduler)
                    .withBatchRows(new int[] {37, 100, 250, 5_000}[r.nextInt(4)])
                    .withSlicesInFlight(1 + r.nextInt(6))
                    .withMemoryBudget(r.nextBoolean() ? 16 << 10 : 64L << 20);
            long failAt = r.nextInt(8) == 0 ? r.nextLong(4, 12_000) : Long.MAX_VALUE;
            // views taken by the decoding tasks, or blocking reads on the I/O scheduler
            boolean inPlace = r.nextBoolean();
            FileScan fileScan = new FileScan("scan-" + scan, () -> {
                Counted counted = new Counted(MappedInputFile.open(file), closed, failAt, inPlace);
                opened.incrementAndGet();
                return counted;
            }, options);
            RandomSubscriber subscriber = new RandomSubscriber(r);
            fileScan.batches().subscribe(subscriber);
            if (subscriber.cancelFromOutside) {
                LockSupport.parkNanos(r.nextLong(0, 300_000));
                subscriber.cancel();
            }
            assertThat(subscriber.done.await(30, TimeUnit.SECONDS)).as("scan %d ended", scan).isTrue();
            endings.merge(subscriber.ending(), 1, Integer::sum);
            // work started before the cancellation runs to its end on the workers: wait until they are idle
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((busy(io) || busy(decode) || OffHeapMemory.liveBytes() != baseline || opened.get() != closed.get())
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(OffHeapMemory.liveBytes()).as("bytes held after scan %d", scan).isEqualTo(baseline);
            assertThat(closed.get()).as("files closed after scan %d (%s, batches %d, error %s)", scan, subscriber.ending(),
                    subscriber.received, subscriber.error).isEqualTo(opened.get());
        }
        ioScheduler.dispose();
        decodeScheduler.dispose();
        System.out.println("random cancellations: " + SCANS + " scans, " + opened.get() + " files opened and closed, endings "
                + endings + ", 0 bytes left held");
        assertThat(endings.get(Ending.CANCELLED_IN_ON_NEXT)).isPositive();
        assertThat(endings.get(Ending.CANCELLED_FROM_ANOTHER_THREAD)).isPositive();
        assertThat(endings.get(Ending.FAILED)).isPositive();
    }

    /**
     * Scans of an object in S3 (S3Proxy in this JVM) cancelled at random, so cancellations also land while ranged
     * GETs are in flight and their buffers are being handed to the reads, and while columns decode on the parallel
     * scheduler. After each, every off-heap byte is back; netty's leak detector (PARANOID) checks every buffer.
     */
    @Test
    void everyCancellationOfAnS3ScanReleasesEverything() throws Exception {
        SplittableRandom random = new SplittableRandom(0x53ca7L);
        long baseline = OffHeapMemory.liveBytes();
        Map<Ending, Integer> endings = new EnumMap<>(Ending.class);
        try (LocalS3 s3 = new LocalS3()) {
            s3.createBucket("random");
            s3.put("random", "ids.parquet", java.nio.file.Files.readAllBytes(file));
            S3Location location = S3Location.parse("s3://random/ids.parquet");
            try (S3Storage storage = S3Storage.create(s3.config())) {
                for (int scan = 0; scan < S3_SCANS; scan++) {
                    SplittableRandom r = random.split();
                    ScanOptions options = ScanOptions.defaults()
                            .withBatchRows(new int[] {37, 100, 250, 5_000}[r.nextInt(4)])
                            .withSlicesInFlight(1 + r.nextInt(6))
                            .withMemoryBudget(r.nextBoolean() ? 16 << 10 : 64L << 20);
                    RandomSubscriber subscriber = new RandomSubscriber(r);
                    ParquetFlux.batches(storage.store(location.bucket(), ""), location.key(), 0, options).subscribe(subscriber);
                    if (subscriber.cancelFromOutside) {
                        LockSupport.parkNanos(r.nextLong(0, 20_000_000));
                        subscriber.cancel();
                    }
                    assertThat(subscriber.done.await(30, TimeUnit.SECONDS)).as("S3 scan %d ended", scan).isTrue();
                    endings.merge(subscriber.ending(), 1, Integer::sum);
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (OffHeapMemory.liveBytes() != baseline && System.nanoTime() < deadline) Thread.onSpinWait();
                    assertThat(OffHeapMemory.liveBytes()).as("bytes held after S3 scan %d (%s, error %s)", scan,
                            subscriber.ending(), subscriber.error).isEqualTo(baseline);
                    assertThat(subscriber.error).as("S3 scan %d", scan).isNull();
                }
            }
        }
        System.out.println("random S3 cancellations: " + S3_SCANS + " scans, endings " + endings + ", 0 bytes left held");
        assertThat(endings.get(Ending.CANCELLED_IN_ON_NEXT)).isPositive();
        assertThat(endings.get(Ending.CANCELLED_FROM_ANOTHER_THREAD)).isPositive();
    }

    private static boolean busy(ThreadPoolExecutor executor) {
        return executor.getActiveCount() > 0 || !executor.getQueue().isEmpty();
    }

    /** Requests in random amounts, closes what it gets, and cancels when its random plan says so. */
    static final class RandomSubscriber extends BaseSubscriber<ParquetBatch> {
        private final SplittableRandom random;
        final boolean cancelFromOutside;
        private final boolean cancelAtSubscribe;
        private final int cancelAfter;
        private int received;
        private volatile Ending ending;
        volatile Throwable error;
        final CountDownLatch done = new CountDownLatch(1);

        RandomSubscriber(SplittableRandom random) {
            this.random = random;
            int plan = random.nextInt(10);
            this.cancelAtSubscribe = plan == 0;
            this.cancelFromOutside = plan >= 1 && plan <= 3;
            this.cancelAfter = plan >= 4 && plan <= 8 ? random.nextInt(1, 30) : Integer.MAX_VALUE;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            if (cancelAtSubscribe) {
                ending = Ending.CANCELLED_AT_SUBSCRIBE;
                cancel();
                return;
            }
            ask(1 + random.nextInt(4));
        }

        private long outstanding;

        private void ask(int n) {
            outstanding += n;
            request(n);
        }

        @Override
        protected void hookOnNext(ParquetBatch batch) {
            batch.close();
            outstanding--;
            if (++received >= cancelAfter) {
                ending = Ending.CANCELLED_IN_ON_NEXT;
                cancel();
                return;
            }
            // bursts, or one more only when the demand runs out
            if (random.nextInt(3) == 0) ask(1 + random.nextInt(3));
            else if (outstanding == 0) ask(1);
        }

        @Override
        protected void hookOnComplete() {
            ending = Ending.COMPLETED;
        }

        @Override
        protected void hookOnError(Throwable throwable) {
            error = throwable;
            ending = Ending.FAILED;
        }

        @Override
        protected void hookOnCancel() {
            if (ending == null) ending = Ending.CANCELLED_FROM_ANOTHER_THREAD;
        }

        @Override
        protected void hookFinally(SignalType type) {
            done.countDown();
        }

        Ending ending() {
            return ending;
        }
    }

    /** Counts closes, and fails reads of data at or after {@code failAt} (the footer still reads). */
    static final class Counted implements InputFile {
        private final InputFile delegate;
        private final AtomicInteger closed;
        private final long failAt;
        private final boolean inPlace;
        private boolean closedOnce;

        Counted(InputFile delegate, AtomicInteger closed, long failAt, boolean inPlace) {
            this.delegate = delegate;
            this.closed = closed;
            this.failAt = failAt;
            this.inPlace = inPlace;
        }

        @Override
        public boolean readsInPlace() {
            return inPlace;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public long length() {
            return delegate.length();
        }

        @Override
        public MemorySegment read(long offset, long length, Arena arena) {
            if (offset >= failAt && offset + length <= footerStart()) {
                throw new io.pqflux.error.ParquetIOException("injected", io.pqflux.error.SourceLocation.ofFile(name())
                        .withOffset(offset), new java.io.IOException("injected"));
            }
            return delegate.read(offset, length, arena);
        }

        private long footerStart() {
            try (Arena arena = Arena.ofConfined()) {
                long length = delegate.length();
                return length - 8 - delegate.read(length - 8, 4, arena).get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, 0);
            }
        }

        @Override
        public synchronized void close() {
            if (closedOnce) return;
            closedOnce = true;
            closed.incrementAndGet();
            delegate.close();
        }
    }
}
