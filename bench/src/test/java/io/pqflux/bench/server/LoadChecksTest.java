package io.pqflux.bench.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.ObjectStores;
import io.pqflux.tempo.TempoTenant;
import io.pqflux.tempo.query.MetricsRequest;
import io.pqflux.tempo.query.QueryJson;
import io.pqflux.tempo.query.TempoQuerier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The load's checks accept the library's own answers and refuse wrong ones, on the bundled block. */
class LoadChecksTest {

    private static ObjectStore store;
    private static TempoTenant tenant;
    private static TempoQuerier querier;

    @BeforeAll
    static void open() {
        store = ObjectStores.local(BundledTenant.root());
        tenant = TempoTenant.of(store, BundledTenant.NAME);
        querier = TempoQuerier.of(tenant);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void aTraceMustBeTheOnesAskedForAndWhole() {
        List<ExpectedTraces.ExpectedTrace> traces = ExpectedTraces.sample(BundledTenant.root(), BundledTenant.NAME, tenant, 4);
        assertThat(traces).hasSize(4).extracting(ExpectedTraces.ExpectedTrace::id).doesNotHaveDuplicates();
        ExpectedTraces.ExpectedTrace first = traces.getFirst();
        ObjectNode own = (ObjectNode) answer(first.id());
        assertThat(first.problem(own)).isNull();
        assertThat(first.problem(answer(traces.get(1).id()))).contains("differs from the library's");
        own.put("status", "PARTIAL");
        assertThat(first.problem(own)).contains("answered PARTIAL");
    }

    @Test
    void aSearchAnswerMustHoldTheRightCountOfMatchingTracesMostRecentFirst() {
        ExpectedSearch expected = ExpectedSearch.of(querier, BundledTenant.SEARCH, BundledTenant.naive(BundledTenant.SEARCH));
        assertThat(expected.traceCount()).isEqualTo(134);
        ObjectNode whole = (ObjectNode) AnswerJson.parse(QueryJson.search(
                querier.searchResponse(ExpectedSearch.request(BundledTenant.SEARCH)).block()));
        assertThat(expected.problem(whole, 0)).isNull();

        ObjectNode limited = whole.deepCopy();
        ArrayNode traces = (ArrayNode) limited.get("traces");
        while (traces.size() > 20) traces.remove(traces.size() - 1);
        assertThat(expected.problem(limited, 20)).isNull();
        assertThat(expected.problem(limited, 0)).contains("20 traces, expected 134");

        ObjectNode reversed = limited.deepCopy();
        ArrayNode oldestFirst = reversed.putArray("traces");
        for (int i = traces.size() - 1; i >= 0; i--) oldestFirst.add(traces.get(i));
        assertThat(expected.problem(reversed, 20)).contains("not in most-recent-first order");

        ((ObjectNode) traces.get(3)).put("rootServiceName", "elsewhere");
        assertThat(expected.problem(limited, 20)).contains("differs from the library's answer");
        ((ObjectNode) traces.get(3)).put("traceID", "0123456789abcdef");
        assertThat(expected.problem(limited, 20)).contains("trace 0123456789abcdef does not match the query");
    }

    @Test
    void aMetricsAnswerMustHaveTheLibrarysSeriesAndSamples() {
        Instant start = Instant.parse("2022-07-04T11:11:00Z");
        Instant end = Instant.parse("2022-07-04T11:12:00Z");
        Duration step = Duration.ofSeconds(10);
        ExpectedQueryRange expected = ExpectedQueryRange.of(querier, BundledTenant.RANGE_QUERY, start, end, step);
        assertThat(expected.seriesCount()).isPositive();
        ObjectNode own = (ObjectNode) AnswerJson.parse(QueryJson.queryRange(querier.queryRange(
                new MetricsRequest(BundledTenant.RANGE_QUERY, start, end, step, false, 0)).block()));
        assertThat(expected.problem(own)).isNull();

        ObjectNode changed = own.deepCopy();
        ObjectNode sample = (ObjectNode) changed.get("series").get(0).get("samples").get(0);
        sample.put("value", sample.path("value").asDouble() + 1);
        assertThat(expected.problem(changed)).contains("samples of series");

        ObjectNode fewer = own.deepCopy();
        ((ArrayNode) fewer.get("series")).remove(0);
        assertThat(expected.problem(fewer)).contains("expected");
    }

    private static JsonNode answer(String traceId) {
        return AnswerJson.parse(ExpectedTraces.v2Json(ExpectedTraces.lookUp(tenant, traceId)));
    }
}
