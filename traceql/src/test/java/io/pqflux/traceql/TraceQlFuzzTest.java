package io.pqflux.traceql;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pqflux.testkit.fuzz.FuzzInvariants;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * The TraceQL front end on arbitrary text (the bytes as UTF-8, malformed sequences replaced): lexing, parsing,
 * Tempo's checks and the canonical print. A query either fails with a {@link TraceQlException} or prints to text that
 * is itself valid and prints to the same text again. Seeds: queries of the conformance corpus, valid and not.
 */
class TraceQlFuzzTest {

    /** A parse is a few nodes per token, each token at least one character; the limits bound depth and length. */
    private static final FuzzInvariants INVARIANTS = FuzzInvariants.allowing(2048, TraceQlException.class);

    @FuzzTest
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void query(byte[] input) {
        String query = new String(input, StandardCharsets.UTF_8);
        INVARIANTS.check(input.length, () -> {
            String canonical = TraceQl.canonical(query);
            assertThat(TraceQl.canonical(canonical)).as("the canonical print of %s", query).isEqualTo(canonical);
        });
    }
}
