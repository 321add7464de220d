package io.pqflux.storage.s3;

import io.pqflux.error.ParquetIOException;
import io.pqflux.io.ByteRange;
import io.pqflux.storage.FetchedRange;
import io.pqflux.storage.ObjectRequestException;
import io.pqflux.storage.RangeCoalescing;
import io.pqflux.storage.RequestFailure;
import io.pqflux.storage.RequestMetrics;
import io.pqflux.storage.RetryPolicy;
import io.pqflux.storage.s3.testkit.FaultyProxy;
import io.pqflux.storage.s3.testkit.LocalS3;
import io.pqflux.storage.s3.testkit.NoBufferLeaks;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads through a proxy that resets, truncates, stalls or drops a fraction of responses: every read returns
 * exactly the right bytes or fails with a typed error after its retries, and no buffer leaks either way.
 */
@ExtendWith(NoBufferLeaks.class)
class FaultInjectionTest {

    private static final byte[] DATA = S3FileTest.randomBytes(4 << 20, 21);
    private static final Duration TIMEOUT = Duration.ofMillis(400);

    private static LocalS3 s3;

    @BeforeAll
    static void start() throws Exception {
        s3 = new LocalS3();
        s3.createBucket("faults");
        s3.put("faults", "data.bin", DATA);
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    @Test
    void everyReadIsExactOrATypedFailureAfterItsRetries() throws Exception {
        List<FaultyProxy.Fault> all = List.of(FaultyProxy.Fault.values());
        try (FaultyProxy proxy = new FaultyProxy(s3.port(), 0.15, all, TIMEOUT.multipliedBy(2), Duration.ZERO, 99);
             S3Storage storage = S3Storage.create(config(proxy, 5))) {
            S3File file = openDespiteFaults(storage);
            Random random = new Random(5);
            Map<RequestFailure, Integer> failures = new EnumMap<>(RequestFailure.class);
            List<Mono<Boolean>> reads = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                long offset = random.nextInt(DATA.length);
                long length = 1 + random.nextInt((int) Math.min(300_000, DATA.length - offset));
                reads.add(file.read(offset, length).map(FaultInjectionTest::exact)
                        .onErrorResume(ParquetIOException.class, e -> Mono.just(typedFailure(e, 5, failures))));
            }
            List<Boolean> outcomes = Flux.merge(Flux.fromIterable(reads), 8).collectList().block();
            assertThat(outcomes).hasSize(300).containsOnly(true);
            RequestMetrics metrics = file.metrics();
            System.out.printf("300 reads: faults injected %s, %s, failed after 5 attempts: %s%n",
                    proxy.faultCounts(), metrics, failures);
            assertThat(proxy.faultsInjected()).isPositive();
            assertThat(metrics.retries()).isPositive();
            assertThat(failures.values().stream().mapToInt(Integer::intValue).sum())
                    .as("reads that failed after 5 attempts: %s; %s", failures, metrics)
                    .isLessThan(30);
        }
    }

    @Test
    void coalescedAndSynchronousReadsSurviveFaultsToo() throws Exception {
        List<FaultyProxy.Fault> all = List.of(FaultyProxy.Fault.values());
        try (FaultyProxy proxy = new FaultyProxy(s3.port(), 0.1, all, TIMEOUT.multipliedBy(2), Duration.ZERO, 7);
             S3Storage storage = S3Storage.create(config(proxy, 8).withCoalescing(new RangeCoalescing(20_000, 256 << 10)))) {
            S3File file = openDespiteFaults(storage);
            Random random = new Random(9);
            for (int round = 0; round < 20; round++) {
                List<ByteRange> ranges = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    long offset = random.nextInt(DATA.length - 50_000);
                    ranges.add(new ByteRange(offset, 1 + random.nextInt(50_000)));
                }
                try {
                    List<FetchedRange> fetched = file.readAll(ranges).collectList()
                            .doOnDiscard(FetchedRange.class, FetchedRange::close).block();
                    assertThat(fetched).hasSize(ranges.size()).allMatch(FaultInjectionTest::exact);
                } catch (ParquetIOException e) {
                    assertThat(typedFailure(e, 8, new EnumMap<>(RequestFailure.class))).isTrue();
                }
            }
            try (S3InputFile input = openInputDespiteFaults(storage); Arena arena = Arena.ofConfined()) {
                for (int i = 0; i < 20; i++) {
                    long offset = random.nextInt(DATA.length - 1_000_000);
                    int length = 1 + random.nextInt(1_000_000);
                    try {
                        MemorySegment bytes = input.read(offset, length, arena);
                        assertThat(bytes.toArray(ValueLayout.JAVA_BYTE))
                                .isEqualTo(Arrays.copyOfRange(DATA, (int) offset, (int) offset + length));
                    } catch (ParquetIOException e) {
                        assertThat(typedFailure(e, 8, new EnumMap<>(RequestFailure.class))).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void aServerThatNeverAnswersFailsAsATimeoutAfterEveryAttempt() throws Exception {
        try (FaultyProxy proxy = new FaultyProxy(s3.port(), 1.0, List.of(FaultyProxy.Fault.DROP), Duration.ZERO,
                Duration.ZERO, 1);
             S3Storage storage = S3Storage.create(config(proxy, 3))) {
            ParquetIOException e = org.junit.jupiter.api.Assertions.assertThrows(ParquetIOException.class,
                    () -> storage.open(S3Location.parse("s3://faults/data.bin")).block());
            ObjectRequestException cause = (ObjectRequestException) e.getCause();
            assertThat(cause.failure()).isEqualTo(RequestFailure.TIMEOUT);
            assertThat(cause.attempts()).isEqualTo(3);
            assertThat(cause.status()).isEqualTo(-1);
        }
    }

    private static S3Config config(FaultyProxy proxy, int attempts) {
        return LocalS3.configFor(proxy.endpoint())
                .withRequestTimeout(TIMEOUT)
                .withRetry(new RetryPolicy(attempts, Duration.ofMillis(5), Duration.ofMillis(100)));
    }

    /** Opening is a request like any other; with faults it may take a few tries. */
    private static S3File openDespiteFaults(S3Storage storage) {
        return Mono.defer(() -> storage.open(S3Location.parse("s3://faults/data.bin"))).retry(10).block();
    }

    private static S3InputFile openInputDespiteFaults(S3Storage storage) {
        return Mono.fromCallable(() -> storage.openInputFile(S3Location.parse("s3://faults/data.bin"))).retry(10).block();
    }

    private static boolean exact(FetchedRange range) {
        try (range) {
            int from = (int) range.offset();
            return Arrays.equals(range.segment().toArray(ValueLayout.JAVA_BYTE),
                    Arrays.copyOfRange(DATA, from, from + (int) range.length()));
        }
    }

    /** A failure is acceptable only as a retryable one that used up every attempt. */
    private static boolean typedFailure(ParquetIOException e, int attempts, Map<RequestFailure, Integer> failures) {
        if (!(e.getCause() instanceof ObjectRequestException cause)) return false;
        failures.merge(cause.failure(), 1, Integer::sum);
        return cause.failure().retryable() && cause.attempts() == attempts && cause.range() != null;
    }
}
