package io.pqflux.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.io.ByteRange;
import io.pqflux.storage.http.HttpInputFile;
import io.pqflux.storage.http.testkit.NoBufferLeaks;
import io.pqflux.storage.s3.testkit.LocalS3;
import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.ResolveIdentityRequest;

/**
 * BlockHound (installed for every test of this module by its JUnit Platform listener) fails any blocking call on
 * a non-blocking thread: the async path runs start to finish from Reactor's parallel scheduler and netty's event
 * loops, credential providers that block included; the synchronous path refuses to run there.
 */
@ExtendWith(NoBufferLeaks.class)
class NonBlockingTest {

    private static final byte[] DATA = S3FileTest.randomBytes(2 << 20, 11);

    private static LocalS3 s3;

    @BeforeAll
    static void start() throws Exception {
        s3 = new LocalS3();
        s3.createBucket("nonblocking");
        s3.put("nonblocking", "data.bin", DATA);
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    @Test
    void blockHoundIsWatching() {
        StepVerifier.create(Mono.fromCallable(() -> {
                    Thread.sleep(1);
                    return 1;
                }).subscribeOn(Schedulers.parallel()))
                .expectError(BlockingOperationError.class)
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void openAndReadFromANonBlockingThreadWithABlockingCredentialProvider() {
        try (S3Storage storage = S3Storage.create(s3.config().withCredentials(new SlowCredentials()))) {
            List<ByteRange> ranges = new ArrayList<>();
            for (int i = 0; i < 20; i++) ranges.add(new ByteRange(i * 100_000L, 30_000 + i));
            Mono<Long> checked = storage.open(S3Location.parse("s3://nonblocking/data.bin"))
                    .flatMapMany(file -> Flux.concat(file.read(12345, 678), file.readAll(ranges)))
                    .map(range -> {
                        try (range) {
                            int from = (int) range.offset();
                            assertThat(range.segment().toArray(ValueLayout.JAVA_BYTE))
                                    .isEqualTo(Arrays.copyOfRange(DATA, from, from + (int) range.length()));
                            return range.length();
                        }
                    })
                    .count()
                    .subscribeOn(Schedulers.parallel());
            StepVerifier.create(checked).expectNext(21L).verifyComplete();
        }
    }

    @Test
    void theSynchronousPathRefusesToBlockANonBlockingThread() {
        try (S3Storage storage = S3Storage.create(s3.config());
             HttpInputFile file = storage.openInputFile(S3Location.parse("s3://nonblocking/data.bin"))) {
            Mono<?> blockingRead = Mono.fromCallable(() -> {
                try (Arena arena = Arena.ofConfined()) {
                    return file.read(0, 100, arena);
                }
            }).subscribeOn(Schedulers.parallel());
            assertThatThrownBy(blockingRead::block).isInstanceOf(IllegalStateException.class).hasMessageContaining("blocks");
        }
    }

    /** Reads "from disk" the slow way: sleeps, as a profile or metadata lookup would block. */
    private static final class SlowCredentials implements IdentityProvider<AwsCredentialsIdentity> {
        @Override
        public Class<AwsCredentialsIdentity> identityType() {
            return AwsCredentialsIdentity.class;
        }

        @Override
        public java.util.concurrent.CompletableFuture<AwsCredentialsIdentity> resolveIdentity(ResolveIdentityRequest request) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return java.util.concurrent.CompletableFuture.completedFuture(
                    AwsBasicCredentials.create(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY));
        }
    }
}
