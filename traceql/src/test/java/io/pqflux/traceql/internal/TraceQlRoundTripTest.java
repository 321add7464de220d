package io.pqflux.traceql.internal;

import io.pqflux.traceql.testing.RandomQueries;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** parse(print(q)) equals q for random valid ASTs, which also pass validation. */
class TraceQlRoundTripTest {

    private static final int QUERIES_PER_SEED = 1_000;

    @ParameterizedTest
    @ValueSource(longs = {1L, 20_260_821L, -7_046_029_254_386_353_131L})
    void randomQueriesRoundTripThroughThePrinter(long seed) {
        RandomQueries queries = new RandomQueries(seed);
        for (int i = 0; i < QUERIES_PER_SEED; i++) {
            Query query = queries.query();
            String printed = TraceQlPrinter.print(query);
            Query parsed = TraceQlParser.parse(printed);
            assertThat(parsed).as("query %d of seed %d: %s", i, seed, printed).isEqualTo(query);
            TraceQlValidator.validate(printed, parsed);
            assertThat(TraceQlPrinter.print(parsed)).isEqualTo(printed);
        }
    }
}
