package io.pqflux.storage.http.testkit;

import io.pqflux.error.ParquetIOException;
import io.pqflux.io.ByteRange;
import io.pqflux.storage.FetchedRange;
import io.pqflux.storage.ObjectRequestException;
import io.pqflux.storage.RangeCoalescing;
import io.pqflux.storage.RequestFailure;
import io.pqflux.storage.RequestMetrics;
import io.pqflux.storage.RetryPolicy;
import io.pqflux.io.InputFile;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.RemoteObject;
import io.pqflux.storage.http.HttpSettings;
import io.pqflux.storage.testkit.FaultyProxy;
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
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads through a proxy that resets, truncates, stalls or drops a fraction of responses: every read returns
 * exactly the right bytes or fails with a typed error after its retries, and no buffer leaks either way. Each HTTP
 * store runs it against its server (one subclass each), which is given {@link #DATA} as {@code faults/data.bin}.
 */
@ExtendWith(NoBufferLeaks.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class FaultInjectionContract {

    public static final byte[] DATA = randomBytes(4 << 20, 21);
    private static final Duration TIMEOUT = Duration.ofMillis(400);

    private ObjectServer server;

    /** The server the proxy stands in front of. */
    protected abstract ObjectServer start() throws Exception;

    @BeforeAll
    void upload() throws Exception {
        server = start();
        server.createContainer("faults");
        server.put("faults", "data.bin", DATA);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void everyReadIsExactOrATypedFailureAfterItsRetries() throws Exception {
        List<FaultyProxy.Fault> all = List.of(FaultyProxy.Fault.values());
        try (FaultyProxy proxy = new FaultyProxy(server.port(), 0.15, all, TIMEOUT.multipliedBy(2), Duration.ZERO, 99);
             ObjectStore storage = store(proxy, 5, t -> t)) {
            RemoteObject file = openDespiteFaults(storage);
            Random random = new Random(5);
            Map<RequestFailure, Integer> failures = new EnumMap<>(RequestFailure.class);
            List<Mono<Boolean>> reads = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                long offset = random.nextInt(DATA.length);
                long length = 1 + random.nextInt((int) Math.min(300_000, DATA.length - offset));
                reads.add(file.read(offset, length).map(FaultInjectionContract::exact)
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
        try (FaultyProxy proxy = new FaultyProxy(server.port(), 0.1, all, TIMEOUT.multipliedBy(2), Duration.ZERO, 7);
             ObjectStore storage = store(proxy, 8, t -> t.withCoalescing(new RangeCoalescing(20_000, 256 << 10)))) {
            RemoteObject file = openDespiteFaults(storage);
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
                    assertThat(fetched).hasSize(ranges.size()).allMatch(FaultInjectionContract::exact);
                } catch (ParquetIOException e) {
                    assertThat(typedFailure(e, 8, new EnumMap<>(RequestFailure.class))).isTrue();
                }
            }
            try (InputFile input = openInputDespiteFaults(storage); Arena arena = Arena.ofConfined()) {
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
        try (FaultyProxy proxy = new FaultyProxy(server.port(), 1.0, List.of(FaultyProxy.Fault.DROP), Duration.ZERO,
                Duration.ZERO, 1);
             ObjectStore storage = store(proxy, 3, t -> t)) {
            ParquetIOException e = org.junit.jupiter.api.Assertions.assertThrows(ParquetIOException.class,
                    () -> storage.open("data.bin").block());
            ObjectRequestException cause = (ObjectRequestException) e.getCause();
            assertThat(cause.failure()).isEqualTo(RequestFailure.TIMEOUT);
            assertThat(cause.attempts()).isEqualTo(3);
            assertThat(cause.status()).isEqualTo(-1);
        }
    }

    private ObjectStore store(FaultyProxy proxy, int attempts, UnaryOperator<HttpSettings> transfer) {
        return server.storeVia(proxy.endpoint(), "faults", "", transfer.apply(HttpSettings.defaults()
                .withRequestTimeout(TIMEOUT)
                .withRetry(new RetryPolicy(attempts, Duration.ofMillis(5), Duration.ofMillis(100)))));
    }

    /** Opening is a request like any other; with faults it may take a few tries. */
    private static RemoteObject openDespiteFaults(ObjectStore storage) {
        return Mono.defer(() -> storage.open("data.bin")).retry(10).block();
    }

    private static InputFile openInputDespiteFaults(ObjectStore storage) {
        return Mono.fromCallable(() -> storage.openInputFile("data.bin", 0)).retry(10).block();
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
