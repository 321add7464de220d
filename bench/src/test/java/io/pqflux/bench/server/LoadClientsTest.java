package io.pqflux.bench.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The load's clients against a server in this JVM over the bundled block: right answers pass, wrong ones count. */
class LoadClientsTest {

    private static ServedTenant served;
    private static LoadMix mix;

    @BeforeAll
    static void start() throws InterruptedException {
        served = ServedTenant.start(BundledTenant.root(), BundledTenant.NAME);
        mix = new LoadPlan(BundledTenant.root(), BundledTenant.NAME, 8, List.of(BundledTenant.SEARCH),
                BundledTenant::naive, BundledTenant.RANGE_QUERY).mix(new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterAll
    static void stop() {
        served.close();
    }

    @Test
    void everyKindOfRequestIsAnsweredRightUnderLoad() throws InterruptedException {
        LoadResults results = new LoadClients(served.uri(), BundledTenant.NAME, mix)
                .run(3, Duration.ZERO, Duration.ofSeconds(2), 10_000);
        assertThat(results.failures()).isEmpty();
        assertThat(results.failureCount()).isZero();
        List<LoadResults.Row> rows = results.rows();
        assertThat(rows).extracting(LoadResults.Row::name).containsExactly("trace-by-id", "search", "query_range", "all");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.answered()).as(row.name()).isPositive().isLessThanOrEqualTo(row.sent());
            assertThat(row.perSecond()).as(row.name()).isEqualTo(row.answered() / 2.0);
            assertThat(row.p50Millis()).as(row.name()).isPositive().isLessThanOrEqualTo(row.p99Millis());
        });
        // without a warm-up every request is sent within the measured window
        assertThat(rows.getLast().sent()).isEqualTo(rows.subList(0, 3).stream().mapToInt(LoadResults.Row::sent).sum())
                .isEqualTo((int) results.requests());
    }

    @Test
    void wrongAnswersAndRefusalsAreCountedAndTheRequestCountIsBounded() throws InterruptedException {
        LoadCall absentTrace = new LoadCall(LoadMix.TRACE_BY_ID, TempoApiPaths.traceV2("0123456789abcdef0123456789abcdef"),
                body -> null);
        LoadCall search = mix.call(1);
        LoadCall wrongRange = new LoadCall(LoadMix.QUERY_RANGE, mix.call(5).pathAndQuery(), body -> "wrong on purpose");
        LoadMix failing = new LoadMix(List.of(absentTrace), List.of(search), List.of(wrongRange));

        LoadResults results = new LoadClients(served.uri(), BundledTenant.NAME, failing)
                .run(2, Duration.ZERO, Duration.ofSeconds(30), 12);
        assertThat(results.requests()).isEqualTo(12);
        // of every six requests three are traces (all absent: 404) and one a metrics query (refused by its check)
        assertThat(results.failureCount()).isEqualTo(8);
        assertThat(results.failures()).anySatisfy(failure -> assertThat(failure).startsWith("trace-by-id: HTTP 404"))
                .anySatisfy(failure -> assertThat(failure).isEqualTo("query_range: wrong on purpose"))
                .noneSatisfy(failure -> assertThat(failure).startsWith("search"));
    }
}
