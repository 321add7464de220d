package io.pqflux.tempo.query;

import io.pqflux.tempo.TempoTenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.reader.OffHeapMemory;
import io.pqflux.testdata.Corpus;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

/**
 * A tenant search as a stream: results one at a time on demand, and a cancelled search leaves no memory behind, its
 * blocks searched whole or through the scan pipeline.
 */
class TempoSearchStreamTest {

    private static final TempoTenant TENANT = TempoTenant.local(Corpus.tempoBlock().getParent().getParent(), "single-tenant");

    @Test
    void resultsComeOnDemand() {
        StepVerifier.create(TempoQuerier.of(TENANT).search(SearchRequest.of("{ }").withLimit(0)), 1)
                .expectNextCount(1)
                .thenRequest(2)
                .expectNextCount(2)
                .thenCancel()
                .verify(Duration.ofSeconds(30));
    }

    @ParameterizedTest(name = "pipelined {0}")
    @ValueSource(booleans = {false, true})
    void aCancelledSearchReleasesWhatItRead(boolean pipelined) throws InterruptedException {
        long before = OffHeapMemory.liveBytes();
        StepVerifier.create((pipelined ? SearchPaths.pipelined(TENANT) : TempoQuerier.of(TENANT)).search(SearchRequest.of("{ span.http.method = \"GET\" } | count() > 0").withLimit(0)), 1)
                .expectNextCount(1)
                .thenCancel()
                .verify(Duration.ofSeconds(30));
        // the scan releases its slices once the work in flight ends, after the cancellation returned
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (OffHeapMemory.liveBytes() != before && System.nanoTime() < deadline) Thread.sleep(10);
        assertThat(OffHeapMemory.liveBytes()).isEqualTo(before);
    }

    @Test
    void theLimitEndsTheStream() {
        StepVerifier.create(TempoQuerier.of(TENANT).search(SearchRequest.of("{ }").withLimit(5)))
                .expectNextCount(5)
                .verifyComplete();
    }
}
