package io.pqflux.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.error.ParquetIOException;
import io.pqflux.io.ByteRange;
import io.pqflux.storage.FetchedRange;
import io.pqflux.storage.ObjectRequestException;
import io.pqflux.storage.RangeCoalescing;
import io.pqflux.storage.RequestFailure;
import io.pqflux.storage.RequestMetrics;
import io.pqflux.storage.http.HttpObject;
import io.pqflux.storage.http.testkit.NoBufferLeaks;
import io.pqflux.storage.s3.testkit.LocalS3;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

/** The async API against S3Proxy: exact bytes, coalescing, typed failures, ownership of fetched ranges. */
@ExtendWith(NoBufferLeaks.class)
class S3FileTest {

    private static final String BUCKET = "files";
    private static final byte[] DATA = randomBytes(3 << 20, 1);

    private static LocalS3 s3;
    private static S3Storage storage;

    @BeforeAll
    static void start() throws Exception {
        s3 = new LocalS3();
        s3.createBucket(BUCKET);
        s3.put(BUCKET, "data.bin", DATA);
        storage = S3Storage.create(s3.config());
    }

    @AfterAll
    static void stop() throws Exception {
        storage.close();
        s3.close();
    }

    @Test
    void openReadsLengthAndEtagWithOneHead() {
        HttpObject file = storage.open(S3Location.parse("s3://files/data.bin")).block();
        assertThat(file.length()).isEqualTo(DATA.length);
        assertThat(file.etag()).isNotBlank();
        assertThat(file.metrics()).isEqualTo(new RequestMetrics(1, 0, 0));
    }

    @Test
    void signedRangedReadsReturnTheExactBytes() {
        HttpObject file = storage.open(S3Location.parse("s3://files/data.bin")).block();
        Random random = new Random(7);
        for (int i = 0; i < 40; i++) {
            long offset = random.nextInt(DATA.length);
            long length = 1 + random.nextInt((int) Math.min(200_000, DATA.length - offset));
            try (FetchedRange range = file.read(offset, length).block()) {
                assertThat(range.segment().toArray(ValueLayout.JAVA_BYTE))
                        .isEqualTo(Arrays.copyOfRange(DATA, (int) offset, (int) (offset + length)));
            }
        }
        assertThat(file.metrics().requests()).isEqualTo(41);
        assertThat(file.metrics().retries()).isZero();
    }

    @Test
    void keysNeedingEncodingAreSignedAndFound() {
        byte[] bytes = randomBytes(1000, 3);
        s3.put(BUCKET, "dir/a key+with ü & more=1.bin", bytes);
        HttpObject file = storage.open(new S3Location(BUCKET, "dir/a key+with ü & more=1.bin")).block();
        try (FetchedRange range = file.read(10, 20).block()) {
            assertThat(range.segment().toArray(ValueLayout.JAVA_BYTE)).isEqualTo(Arrays.copyOfRange(bytes, 10, 30));
        }
    }

    @Test
    void readAllCoalescesNearbyRangesAndEmitsOneOwnedRangePerRequest() {
        S3Storage coalescing = S3Storage.create(s3.config().withTransfer(t -> t.withCoalescing(new RangeCoalescing(1000, 1 << 20))));
        try (coalescing) {
            HttpObject file = coalescing.open(S3Location.parse("s3://files/data.bin")).block();
            List<ByteRange> ranges = List.of(new ByteRange(5000, 100), new ByteRange(0, 100), new ByteRange(600, 50),
                    new ByteRange(620, 10), new ByteRange(2_000_000, 10), new ByteRange(2_000_500, 10));
            List<FetchedRange> fetched = file.readAll(ranges).collectList().block();
            assertThat(fetched).extracting(FetchedRange::range).containsExactlyInAnyOrder(new ByteRange(0, 100),
                    new ByteRange(600, 50), new ByteRange(620, 10), new ByteRange(5000, 100),
                    new ByteRange(2_000_000, 10), new ByteRange(2_000_500, 10));
            for (FetchedRange range : fetched) {
                try (range) {
                    int from = (int) range.offset();
                    assertThat(range.segment().toArray(ValueLayout.JAVA_BYTE))
                            .isEqualTo(Arrays.copyOfRange(DATA, from, from + (int) range.length()));
                }
            }
            // HEAD + [0, 650) + [5000, 5100) + [2000000, 2000510)
            assertThat(file.metrics().requests()).isEqualTo(4);
            assertThat(file.metrics().bytesFetched()).isEqualTo(650 + 100 + 510);
        }
    }

    @Test
    void aClosedRangeFailsLoudly() {
        HttpObject file = storage.open(S3Location.parse("s3://files/data.bin")).block();
        FetchedRange range = file.read(0, 64).block();
        range.close();
        range.close();
        assertThatThrownBy(range::segment).isInstanceOf(IllegalStateException.class).hasMessageContaining("released");
    }

    @Test
    void cancellingReadAllReleasesWhatIsInFlight() {
        S3Storage small = S3Storage.create(s3.config().withTransfer(t -> t.withCoalescing(new RangeCoalescing(60_000, 400_000))));
        try (small) {
            HttpObject file = small.open(S3Location.parse("s3://files/data.bin")).block();
            List<ByteRange> ranges = new ArrayList<>();
            for (int i = 0; i < 30; i++) ranges.add(new ByteRange(i * 100_000L, 50_000));
            StepVerifier.create(file.readAll(ranges).doOnNext(FetchedRange::close), 3)
                    .expectNextCount(3)
                    .thenCancel()
                    .verify();
            Random random = new Random(3);
            for (int i = 0; i < 40; i++) {
                int keep = random.nextInt(12);
                // cancelled from another thread while GETs are in flight, or by take(keep) on an event loop; what
                // the operators drop on cancellation reaches the discard hook. (Not take(Duration): completing on a
                // timer races with a range in flight, which Reactor then drops as onNextDropped, past every hook.)
                Disposable reading = file.readAll(ranges).take(keep)
                        .doOnNext(FetchedRange::close)
                        .doOnDiscard(FetchedRange.class, FetchedRange::close)
                        .subscribe();
                LockSupport.parkNanos(Duration.ofMillis(random.nextInt(30)).toNanos());
                reading.dispose();
            }
        }
    }

    @Test
    void aMissingObjectIsATypedErrorWithoutRetries() {
        assertThatThrownBy(() -> storage.open(S3Location.parse("s3://files/missing.bin")).block())
                .isInstanceOf(ParquetIOException.class)
                .hasMessageContaining("s3://files/missing.bin")
                .cause().isInstanceOfSatisfying(ObjectRequestException.class, e -> {
                    assertThat(e.failure()).isEqualTo(RequestFailure.NOT_FOUND);
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.attempts()).isEqualTo(1);
                });
    }

    @Test
    void wrongCredentialsAreATypedErrorWithoutRetries() {
        S3Config wrong = s3.config().withCredentials(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider
                .create(software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(LocalS3.ACCESS_KEY, "wrong")));
        try (S3Storage denied = S3Storage.create(wrong)) {
            HttpObject file = storage.open(S3Location.parse("s3://files/data.bin")).block();
            assertThatThrownBy(() -> denied.open(S3Location.parse("s3://files/data.bin")).block())
                    .isInstanceOf(ParquetIOException.class)
                    .cause().isInstanceOfSatisfying(ObjectRequestException.class, e -> {
                        assertThat(e.failure()).isEqualTo(RequestFailure.ACCESS_DENIED);
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.attempts()).isEqualTo(1);
                    });
            assertThat(file.length()).isEqualTo(DATA.length);
        }
    }

    @Test
    void aReplacedObjectFailsInsteadOfMixingVersions() {
        s3.put(BUCKET, "changing.bin", randomBytes(10_000, 4));
        HttpObject file = storage.open(S3Location.parse("s3://files/changing.bin")).block();
        file.read(0, 100).block().close();
        s3.put(BUCKET, "changing.bin", randomBytes(10_000, 5));
        assertThatThrownBy(() -> file.read(100, 100).block())
                .isInstanceOf(ParquetIOException.class)
                .hasMessageContaining("replaced")
                .cause().isInstanceOfSatisfying(ObjectRequestException.class, e -> {
                    assertThat(e.failure()).isEqualTo(RequestFailure.OBJECT_CHANGED);
                    assertThat(e.status()).isEqualTo(412);
                    assertThat(e.attempts()).isEqualTo(1);
                    assertThat(e.range()).isEqualTo(new ByteRange(100, 100));
                });
    }

    @Test
    void rangesOutsideTheObjectAreRefusedBeforeAnyRequest() {
        HttpObject file = storage.open(S3Location.parse("s3://files/data.bin")).block();
        assertThatThrownBy(() -> file.read(DATA.length - 10, 11).block())
                .isInstanceOf(io.pqflux.error.CorruptFileException.class);
        assertThat(file.metrics().requests()).isEqualTo(1);
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
