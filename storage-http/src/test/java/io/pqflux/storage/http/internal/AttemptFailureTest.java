package io.pqflux.storage.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.pqflux.storage.RequestFailure;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class AttemptFailureTest {

    @Test
    void aConnectionClosedBeforeTheHeadersIsARetryableConnectionFailure() {
        // seen on CI: a reset by the fault proxy surfaced as netty's decoder exception, untyped and not retried
        Throwable classified = AttemptFailure.classify(
                new PrematureChannelClosureException("Connection closed before received headers"));
        assertThat(classified).isInstanceOf(AttemptFailure.class);
        assertThat(((AttemptFailure) classified).failure()).isEqualTo(RequestFailure.CONNECTION);
        assertThat(RequestFailure.CONNECTION.retryable()).isTrue();
    }

    @Test
    void aMalformedResponseIsABadResponseAndOtherErrorsStayAsTheyAre() {
        Throwable malformed = AttemptFailure.classify(new DecoderException("bad chunk size"));
        assertThat(((AttemptFailure) malformed).failure()).isEqualTo(RequestFailure.BAD_RESPONSE);
        assertThat(((AttemptFailure) AttemptFailure.classify(new IOException("reset"))).failure())
                .isEqualTo(RequestFailure.CONNECTION);
        IllegalStateException bug = new IllegalStateException("a bug");
        assertThat(AttemptFailure.classify(bug)).isSameAs(bug);
    }
}
