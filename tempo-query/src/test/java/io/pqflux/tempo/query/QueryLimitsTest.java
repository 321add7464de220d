package io.pqflux.tempo.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.tempo.TempoTenant;
import io.pqflux.testdata.Corpus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The querier's limits on the bundled block: over a limit is a {@link QueryLimitException}, an open count is capped. */
class QueryLimitsTest {

    private static final Path ROOT = Corpus.tempoBlock().getParent().getParent();
    private static final TempoQuerier QUERIER = TempoQuerier.of(TempoTenant.local(ROOT, "single-tenant"));
    private static final Instant START = Instant.parse("2020-01-01T00:00:00Z");

    @Test
    void aStepThatMakesTooManyIntervalsIsRefused() {
        MetricsRequest hourAtOneMs = MetricsRequest.range("{ } | rate()", START, START.plusSeconds(3600))
                .withStep(Duration.ofMillis(1));
        assertThatThrownBy(() -> QUERIER.queryRange(hourAtOneMs).block())
                .isInstanceOf(QueryLimitException.class)
                .hasMessage("the step PT0.001S makes 3600001 intervals of the range; the limit is 10000: use a larger "
                        + "step or a shorter range");
        // at the limit: 10,000 steps of 360 ms (Tempo's alignment adds one step in front)
        MetricsRequest atLimit = hourAtOneMs.withStep(Duration.ofMillis(360));
        assertThatThrownBy(() -> QUERIER.queryRange(atLimit).block()).isInstanceOf(QueryLimitException.class);
        assertThat(QUERIER.withLimits(QueryLimits.DEFAULTS.withMaxIntervals(10_001)).queryRange(atLimit).block()
                .series()).isNotNull();
        // the default step and instant queries stay far inside it
        assertThat(QUERIER.queryRange(MetricsRequest.range("{ } | rate()", START, START.plusSeconds(30 * 86_400)))
                .block()).isNotNull();
        assertThat(QUERIER.queryRange(MetricsRequest.instant("{ } | rate()", START, START.plusSeconds(3600))).block()
                .instant()).isTrue();
    }

    @Test
    void aSearchLimitOrSpssOverTheLimitIsRefusedAndLimitZeroIsCapped() {
        assertThatThrownBy(() -> QUERIER.searchResponse(SearchRequest.of("{ }").withLimit(10_001)).block())
                .isInstanceOf(QueryLimitException.class)
                .hasMessage("limit 10001 is above the limit of 10000 traces");
        assertThatThrownBy(() -> QUERIER.search(SearchRequest.of("{ }").withSpansPerSpanSet(101)).blockLast())
                .isInstanceOf(QueryLimitException.class)
                .hasMessage("spss 101 is above the limit of 100 spans per spanset");
        int all = QUERIER.searchResponse(SearchRequest.of("{ }").withLimit(0)).block().traces().size();
        assertThat(all).isGreaterThan(2);
        TempoQuerier two = QUERIER.withLimits(QueryLimits.DEFAULTS.withMaxTraces(2));
        assertThat(two.searchResponse(SearchRequest.of("{ }").withLimit(0)).block().traces()).hasSize(2);
        assertThat(two.search(SearchRequest.of("{ }").withLimit(0)).collectList().block()).hasSize(2);
        assertThat(two.searchResponse(SearchRequest.of("{ } with(most_recent=true)").withLimit(0)).block().traces())
                .hasSize(2);
    }

    @Test
    void tagValuesOverTheLimitAreRefusedAndAnOpenCountIsCapped() {
        int all = QUERIER.tagValues(TagValuesRequest.of("name")).block().values().size();
        assertThat(all).isGreaterThan(2);
        TempoQuerier two = QUERIER.withLimits(QueryLimits.DEFAULTS.withMaxTagValues(2));
        assertThat(two.tagValues(TagValuesRequest.of("name")).block().values()).hasSize(2);
        assertThatThrownBy(() -> two.tagValues(TagValuesRequest.of("name").withLimit(3)).block())
                .isInstanceOf(QueryLimitException.class)
                .hasMessage("limit 3 is above the limit of 2 tag values");
    }

    @Test
    void limitsBelowOneAreRefused() {
        assertThatThrownBy(() -> QueryLimits.DEFAULTS.withMaxIntervals(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxIntervals must be at least 1, got 0");
    }
}
