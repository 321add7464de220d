package io.pqflux.storage.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.pqflux.storage.RequestFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
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

    @Test
    void connectionFailuresAreWordsNamingTheAddressNotJavaClasses() {
        assertThat(detail(new ConnectException("Connection refused: /127.0.0.1:9")))
                .isEqualTo("cannot connect to 127.0.0.1:9 (connection refused)");
        assertThat(detail(new ConnectException("connection timed out after 10000 ms: s3.example.com/10.0.0.1:443")))
                .isEqualTo("cannot connect to 10.0.0.1:443 (connection timed out after 10000 ms)");
        assertThat(detail(new UnknownHostException("Failed to resolve 'bucket.no-such-host.invalid' [A(1), AAAA(28)] "
                + "after 2 queries "))).isEqualTo("cannot resolve host bucket.no-such-host.invalid");
        assertThat(detail(new UnknownHostException("no-such-host.invalid")))
                .isEqualTo("cannot resolve host no-such-host.invalid");
        assertThat(detail(new ClosedChannelException())).isEqualTo("the connection closed before the response ended");
        assertThat(detail(new IOException("Connection reset by peer"))).isEqualTo("connection failed: Connection reset by peer");
        assertThat(detail(new IOException())).isEqualTo("connection failed: no detail");
    }

    private static String detail(Throwable error) {
        return ((AttemptFailure) AttemptFailure.classify(error)).getMessage();
    }
}
