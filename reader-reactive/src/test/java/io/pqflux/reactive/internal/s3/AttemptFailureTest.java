package io.pqflux.reactive.internal.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.pqflux.reactive.s3.S3Failure;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class AttemptFailureTest {

    @Test
    void aConnectionClosedBeforeTheHeadersIsARetryableConnectionFailure() {
        // seen on CI: a reset by the fault proxy surfaced as netty's decoder exception, untyped and not retried
        Throwable classified = AttemptFailure.classify(
                new PrematureChannelClosureException("Connection closed before received headers"));
        assertThat(classified).isInstanceOf(AttemptFailure.class);
        assertThat(((AttemptFailure) classified).failure()).isEqualTo(S3Failure.CONNECTION);
        assertThat(S3Failure.CONNECTION.retryable()).isTrue();
    }

    @Test
    void aMalformedResponseIsABadResponseAndOtherErrorsStayAsTheyAre() {
        Throwable malformed = AttemptFailure.classify(new DecoderException("bad chunk size"));
        assertThat(((AttemptFailure) malformed).failure()).isEqualTo(S3Failure.BAD_RESPONSE);
        assertThat(((AttemptFailure) AttemptFailure.classify(new IOException("reset"))).failure())
                .isEqualTo(S3Failure.CONNECTION);
        IllegalStateException bug = new IllegalStateException("a bug");
        assertThat(AttemptFailure.classify(bug)).isSameAs(bug);
    }
}
