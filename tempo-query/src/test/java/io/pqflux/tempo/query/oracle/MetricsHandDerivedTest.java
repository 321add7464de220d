package io.pqflux.tempo.query.oracle;

import io.pqflux.tempo.query.TempoQuerier;
import io.pqflux.tempo.query.QueryJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.pqflux.tempo.query.MetricsRequest;
import io.pqflux.tempo.query.MetricsResponse;
import io.pqflux.tempo.TempoTenant;
import io.pqflux.traceql.TraceQlException;
import io.pqflux.tempo.query.internal.metrics.TimeGrid;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Metrics on {@link HandBuiltMetricsBlock}, answers worked out by hand (not by running the code). */
class MetricsHandDerivedTest {

    private static final long B = HandBuiltMetricsBlock.B;
    private static final long S = HandBuiltMetricsBlock.S;
    private static final long MS = HandBuiltMetricsBlock.MS;
    private static final long T1 = HandBuiltMetricsBlock.T1, T2 = HandBuiltMetricsBlock.T2, T3 = HandBuiltMetricsBlock.T3;
    private static HandBuiltMetricsBlock block;
    private static TempoTenant tenant;

    @BeforeAll
    static void write() throws IOException {
        block = HandBuiltMetricsBlock.write();
        tenant = block.tenant();
    }

    @AfterAll
    static void delete() throws IOException {
        block.close();
    }

    private static MetricsResponse range(String query) {
        return block.range(query);
    }

    private static MetricsResponse instant(String query) {
        return block.instant(query);
    }

    private static Map<String, Map<Long, Double>> series(MetricsResponse response) {
        return HandBuiltMetricsBlock.series(response);
    }

    @Test
    void countsPerStepWithTheStepInFrontAndRightClosedSteps() {
        assertThat(series(range("{ } | count_over_time()")))
                .containsExactly(Map.entry("__name__=count_over_time", Map.of(T1, 2.0, T2, 2.0, T3, 3.0)));
    }

    @Test
    void rateDividesByTheStepInSeconds() {
        assertThat(series(range("{ } | rate()")))
                .containsExactly(Map.entry("__name__=rate", Map.of(T1, 0.2, T2, 0.2, T3, 0.3)));
    }

    @Test
    void byLabelsSeriesInLabelOrderAndZeroSteps() {
        assertThat(series(range("{ } | count_over_time() by (resource.service.name)"))).containsExactly(
                Map.entry("resource.service.name=cart", Map.of(T1, 2.0, T2, 2.0, T3, 1.0)),
                Map.entry("resource.service.name=shop", Map.of(T1, 0.0, T2, 0.0, T3, 2.0)));
        // all nil: the first by() field as "nil"
        assertThat(series(range("{ } | count_over_time() by (span.nope)")))
                .containsExactly(Map.entry("span.nope=nil", Map.of(T1, 2.0, T2, 2.0, T3, 3.0)));
        // only errors: a1 (step 1), b2 (step 3)
        assertThat(series(range("{ status = error } | count_over_time() by (name)"))).containsExactly(
                Map.entry("name=GET", Map.of(T1, 1.0, T2, 0.0, T3, 0.0)),
                Map.entry("name=POST", Map.of(T1, 0.0, T2, 0.0, T3, 1.0)));
    }

    @Test
    void minMaxSumAvgOfDurationInSeconds() {
        assertThat(series(range("{ } | sum_over_time(duration)")).get("__name__=sum_over_time"))
                .containsExactly(Map.entry(T1, 0.004), Map.entry(T2, 0.011), Map.entry(T3, 1.102));
        assertThat(series(range("{ } | min_over_time(duration)")).get("__name__=min_over_time"))
                .containsExactly(Map.entry(T1, 0.001), Map.entry(T2, 0.005), Map.entry(T3, 0.002));
        assertThat(series(range("{ } | max_over_time(duration)")).get("__name__=max_over_time"))
                .containsExactly(Map.entry(T1, 0.003), Map.entry(T2, 0.006), Map.entry(T3, 1.0));
        Map<String, Map<Long, Double>> avg = series(range("{ } | avg_over_time(duration) by (resource.service.name)"));
        assertThat(avg.keySet()).containsExactly("resource.service.name=cart", "resource.service.name=shop");
        assertThat(avg.get("resource.service.name=cart").get(T1)).isCloseTo(0.002, within(1e-15));
        assertThat(avg.get("resource.service.name=cart").get(T2)).isCloseTo(0.0055, within(1e-15));
        assertThat(avg.get("resource.service.name=cart").get(T3)).isCloseTo(0.1, within(1e-15));
        // shop has no span in the first two steps: no samples there (not 0)
        assertThat(avg.get("resource.service.name=shop")).containsOnlyKeys(T3);
        assertThat(avg.get("resource.service.name=shop").get(T3)).isCloseTo(0.501, within(1e-15));
    }

    /**
     * Durations bucketed to the power of two at or above their nanoseconds: 1 ms → 2^20, 2 ms → 2^21, 3 ms → 2^22,
     * 5 and 6 ms → 2^23, 100 ms → 2^27, 1 s → 2^30 (in seconds: 0.001048576 …).
     */
    @Test
    void histogramSeriesPerBucket() {
        assertThat(series(range("{ } | histogram_over_time(duration)"))).containsExactly(
                Map.entry("__bucket=0.001048576", Map.of(T1, 1.0, T2, 0.0, T3, 0.0)),
                Map.entry("__bucket=0.002097152", Map.of(T1, 0.0, T2, 0.0, T3, 1.0)),
                Map.entry("__bucket=0.004194304", Map.of(T1, 1.0, T2, 0.0, T3, 0.0)),
                Map.entry("__bucket=0.008388608", Map.of(T1, 0.0, T2, 2.0, T3, 0.0)),
                Map.entry("__bucket=0.134217728", Map.of(T1, 0.0, T2, 0.0, T3, 1.0)),
                Map.entry("__bucket=1.073741824", Map.of(T1, 0.0, T2, 0.0, T3, 1.0)));
    }

    /**
     * p50: step 1 {2^20, 2^22}: the 1st of 2 values is the first bucket's last → 2^20. Step 2 {2^23 ×2}: the 1st of 2
     * is inside the bucket → interpolated half way from 2^22 (no bucket before: half the bound) to 2^23 in log2, i.e.
     * 2^22.5. Step 3 {2^21, 2^27, 2^30}: the 2nd of 3 → 2^27. p100 is each step's top bucket.
     */
    @Test
    void quantilesFromLog2BucketsWithInterpolation() {
        Map<String, Map<Long, Double>> q = series(range("{ } | quantile_over_time(duration, .5, 1)"));
        assertThat(q.keySet()).containsExactly("p=0.5", "p=1.0");
        assertThat(q.get("p=0.5").get(T1)).isEqualTo(0.001048576);
        assertThat(q.get("p=0.5").get(T2)).isCloseTo(Math.pow(2, 22.5) / 1e9, within(1e-15));
        assertThat(q.get("p=0.5").get(T3)).isEqualTo(0.134217728);
        assertThat(q.get("p=1.0")).containsExactly(Map.entry(T1, 0.004194304), Map.entry(T2, 0.008388608),
                Map.entry(T3, 1.073741824));
        // by: one series per value and quantile, the quantile label last
        assertThat(series(range("{ } | quantile_over_time(duration, .5) by (resource.service.name)")).keySet())
                .containsExactly("resource.service.name=cart,p=0.5", "resource.service.name=shop,p=0.5");
    }

    /** count by name: GET [2, 2, 1], POST [0, 0, 2]. */
    @Test
    void topkAndBottomkChooseSeriesStepByStep() {
        assertThat(series(range("{ } | count_over_time() by (name) | topk(1)"))).containsExactly(
                Map.entry("name=GET", Map.of(T1, 2.0, T2, 2.0)),
                Map.entry("name=POST", Map.of(T3, 2.0)));
        assertThat(series(range("{ } | count_over_time() by (name) | bottomk(1)"))).containsExactly(
                Map.entry("name=GET", Map.of(T3, 1.0)),
                Map.entry("name=POST", Map.of(T1, 0.0, T2, 0.0)));
        // as many series as asked: unchanged
        assertThat(series(range("{ } | count_over_time() by (name) | topk(2)"))).hasSize(2)
                .containsEntry("name=POST", Map.of(T1, 0.0, T2, 0.0, T3, 2.0));
        assertThat(series(range("{ } | count_over_time() by (name) > 1"))).containsExactly(
                Map.entry("name=GET", Map.of(T1, 2.0, T2, 2.0)),
                Map.entry("name=POST", Map.of(T3, 2.0)));
        // a duration threshold is compared in seconds
        assertThat(series(range("{ } | max_over_time(duration) >= 6ms"))).containsExactly(
                Map.entry("__name__=max_over_time", Map.of(T2, 0.006, T3, 1.0)));
    }

    /** Instant: one step (B+10, B+30], not aligned: a2, a2b, a3, b1, b2; rate over 20 s. */
    @Test
    void instantQueryIsOneStepOverTheRange() {
        assertThat(series(instant("{ } | count_over_time()"))).containsExactly(
                Map.entry("__name__=count_over_time", Map.of(T3, 5.0)));
        assertThat(series(instant("{ } | rate()"))).containsExactly(Map.entry("__name__=rate", Map.of(T3, 0.25)));
        assertThat(QueryJson.queryInstant(instant("{ } | count_over_time() by (resource.service.name)")))
                .startsWith("{\"series\":[{\"labels\":[{\"key\":\"resource.service.name\",\"value\":{\"stringValue\":\"cart\"}}],"
                        + "\"value\":3},{\"labels\":[{\"key\":\"resource.service.name\",\"value\":{\"stringValue\":\"shop\"}}],"
                        + "\"value\":2}],\"metrics\":{\"inspectedTraces\":2,");
    }

    @Test
    void queryRangeJsonInTempoShape() {
        assertThat(QueryJson.queryRange(range("{ status = error } | count_over_time() by (resource.service.name)")))
                .startsWith("{\"series\":[{\"labels\":[{\"key\":\"resource.service.name\",\"value\":{\"stringValue\":\"cart\"}}],"
                        + "\"samples\":[{\"timestampMs\":\"1700000010000\",\"value\":1},{\"timestampMs\":\"1700000020000\"},"
                        + "{\"timestampMs\":\"1700000030000\"}]},{\"labels\":[{\"key\":\"resource.service.name\",\"value\":"
                        + "{\"stringValue\":\"shop\"}}],\"samples\":[{\"timestampMs\":\"1700000010000\"},{\"timestampMs\":"
                        + "\"1700000020000\"},{\"timestampMs\":\"1700000030000\",\"value\":1}]}],\"metrics\":{");
    }

    /**
     * One exemplar per trace, its first counted span: a0 (B+5 s, step 1) and b1 (B+21 s, step 3); a rate()
     * exemplar takes its step's value.
     */
    @Test
    void exemplarsOnePerTraceWithTheirStepsValue() {
        MetricsResponse response = TempoQuerier.of(tenant).queryRange(new MetricsRequest("{ } | rate()", Instant.ofEpochSecond(1_700_000_010L),
                Instant.ofEpochSecond(1_700_000_030L), Duration.ofSeconds(10), false, 10)).block();
        List<MetricsResponse.Exemplar> exemplars = response.series().getFirst().exemplars();
        assertThat(exemplars).extracting(MetricsResponse.Exemplar::timestampMs).containsExactly(1_700_000_005_000L, 1_700_000_021_000L);
        assertThat(exemplars).extracting(MetricsResponse.Exemplar::value).containsExactly(0.2, 0.3);
        assertThat(exemplars.getFirst().labels()).extracting(KeyValue::getKey).containsExactly("trace:id", "span:id");
        assertThat(exemplars.getFirst().labels().get(1).getValue().getStringValue()).isEqualTo("00000000000000a0");
        // the query's hint sets the limit (a number), or turns exemplars off; sampling hints change nothing
        assertThat(TempoQuerier.of(tenant).queryRange(new MetricsRequest("{ } | rate() with(exemplars=1)", Instant.ofEpochSecond(1_700_000_010L),
                Instant.ofEpochSecond(1_700_000_030L), Duration.ofSeconds(10), false, 10)).block().series().getFirst()
                .exemplars()).hasSize(1);
        assertThat(TempoQuerier.of(tenant).queryRange(new MetricsRequest("{ } | rate() with(exemplars=false, sample=0.1)",
                Instant.ofEpochSecond(1_700_000_010L), Instant.ofEpochSecond(1_700_000_030L), Duration.ofSeconds(10), false,
                10)).block().series()).singleElement().satisfies(s -> {
                    assertThat(s.exemplars()).isEmpty();
                    assertThat(s.samples()).extracting(MetricsResponse.Sample::value).containsExactly(0.2, 0.2, 0.3);
                });
        // an instant query has none
        assertThat(TempoQuerier.of(tenant).queryRange(MetricsRequest.instant("{ } | rate()", Instant.ofEpochSecond(1_700_000_010L),
                Instant.ofEpochSecond(1_700_000_030L)).withExemplars(10)).block().series().getFirst().exemplars()).isEmpty();
    }

    /** Tempo's default step: about 240 points, rounded down to 50 ms under a minute, to whole granularities above. */
    @Test
    void defaultStepAndAlignment() {
        assertThat(TimeGrid.defaultStep(0, 20 * S)).isEqualTo(50 * MS);       // 20 s / 240 = 83 ms → 50 ms
        assertThat(TimeGrid.defaultStep(0, 30 * S)).isEqualTo(100 * MS);      // 125 ms → 100 ms
        assertThat(TimeGrid.defaultStep(0, 3600 * S)).isEqualTo(15 * S);      // 15 s: not above 15 s, so in 5 s units → 15 s
        assertThat(TimeGrid.defaultStep(0, 24 * 3600 * S)).isEqualTo(300 * S); // 360 s → 5 min
        assertThat(TimeGrid.defaultStep(0, 10 * S)).isEqualTo(50 * MS);       // 41 ms → the 50 ms minimum
        // 12 s .. 37 s by 10 s: start down to 10 s, end up to 40 s; a step goes in front only when the start is
        // past the first step (10 s is not above 10 s) → (10, 40], 3 steps
        TimeGrid grid = TimeGrid.range(12 * S, 37 * S, 10 * S);
        assertThat(grid.start()).isEqualTo(10 * S);
        assertThat(grid.end()).isEqualTo(40 * S);
        assertThat(grid.intervals()).isEqualTo(3);
        assertThat(grid.interval(10 * S)).isEqualTo(-1);
        assertThat(grid.interval(10 * S + 1)).isZero();
        assertThat(grid.interval(20 * S)).isZero();
        assertThat(grid.interval(40 * S)).isEqualTo(2);
        assertThat(grid.timestampMs(2)).isEqualTo(40_000L);
        // 22 s .. 37 s: start 20 s is past the first step → one step in front: (10, 40]
        assertThat(TimeGrid.range(22 * S, 37 * S, 10 * S).start()).isEqualTo(10 * S);
    }

    /**
     * compare({status = error}, 1): a1 and b2 are the selection, a0, a2, a2b, a3 and b1 the baseline. Each span counts
     * once for each of its 9 attributes (no span or scope attributes here): rootName, rootServiceName,
     * resource.service.name, instrumentation:name and :version (""), name, status, statusMessage (""), kind.
     * Baseline by step: {a0}, {a2, a2b}, {a3, b1}; selection: {a1}, {}, {b2}.
     */
    @Test
    void compareCountsEachAttributeValueOfSelectionAndBaseline() {
        Map<String, Map<Long, Double>> s = series(range("{ } | compare({ status = error }, 1)"));
        assertThat(s).hasSize(9 * 4);
        // baseline names: GET a0 | a2 a2b | b1, POST only a3: GET is the top value
        assertThat(s.get("__meta_type=baseline,name=GET")).isEqualTo(Map.of(T1, 1.0, T2, 2.0, T3, 1.0));
        assertThat(s).doesNotContainKey("__meta_type=baseline,name=POST");
        assertThat(s.get("__meta_type=baseline,resource.service.name=cart")).isEqualTo(Map.of(T1, 1.0, T2, 2.0, T3, 1.0));
        assertThat(s.get("__meta_type=baseline,status=unset")).isEqualTo(Map.of(T1, 1.0, T2, 2.0, T3, 2.0));
        assertThat(s.get("__meta_type=baseline,kind=unspecified")).isEqualTo(Map.of(T1, 1.0, T2, 2.0, T3, 2.0));
        assertThat(s.get("__meta_type=baseline,statusMessage=")).isEqualTo(Map.of(T1, 1.0, T2, 2.0, T3, 2.0));
        assertThat(s.get("__meta_type=baseline_total,name=nil")).isEqualTo(Map.of(T1, 1.0, T2, 2.0, T3, 2.0));
        // selection: a1 (GET, cart) and b2 (POST, shop) tie at one each: the first by text is kept; 0 where none
        assertThat(s.get("__meta_type=selection,name=GET")).isEqualTo(Map.of(T1, 1.0, T2, 0.0, T3, 0.0));
        assertThat(s.get("__meta_type=selection,rootServiceName=cart")).isEqualTo(Map.of(T1, 1.0, T2, 0.0, T3, 0.0));
        assertThat(s.get("__meta_type=selection,status=error")).isEqualTo(Map.of(T1, 1.0, T2, 0.0, T3, 1.0));
        assertThat(s.get("__meta_type=selection,rootName=GET")).isEqualTo(Map.of(T1, 1.0, T2, 0.0, T3, 1.0));
        assertThat(s.get("__meta_type=selection_total,instrumentation:name=nil")).isEqualTo(Map.of(T1, 1.0, T2, 0.0, T3, 1.0));
    }

    /** A window (B+20 s, B+30 s]: a1 (10 s) falls out of the selection into the baseline; b2 (30 s) stays. */
    @Test
    void compareWindowNarrowsTheSelection() {
        Map<String, Map<Long, Double>> s = series(range("{ } | compare({ status = error }, 10, "
                + (B + 20 * S) + ", " + (B + 30 * S) + ")"));
        assertThat(s.get("__meta_type=selection,status=error")).isEqualTo(Map.of(T1, 0.0, T2, 0.0, T3, 1.0));
        assertThat(s.get("__meta_type=baseline,status=error")).isEqualTo(Map.of(T1, 1.0, T2, 0.0, T3, 0.0));
        assertThat(s.get("__meta_type=baseline,status=unset")).isEqualTo(Map.of(T1, 1.0, T2, 2.0, T3, 2.0));
        assertThat(s.get("__meta_type=baseline,name=POST")).isEqualTo(Map.of(T1, 0.0, T2, 0.0, T3, 1.0));
    }

    /** Instant (B+10 s, B+30 s]: a2, a2b, a3, b1 in the baseline (GET 3, POST 1), b2 the selection. */
    @Test
    void compareInstant() {
        Map<String, Map<Long, Double>> s = series(instant("{ } | compare({ status = error })"));
        assertThat(s.get("__meta_type=baseline,name=GET")).isEqualTo(Map.of(T3, 3.0));
        assertThat(s.get("__meta_type=baseline,name=POST")).isEqualTo(Map.of(T3, 1.0));
        assertThat(s.get("__meta_type=selection,name=POST")).isEqualTo(Map.of(T3, 1.0));
        assertThat(s.get("__meta_type=selection_total,status=nil")).isEqualTo(Map.of(T3, 1.0));
        assertThat(s).doesNotContainKey("__meta_type=selection,name=GET");
    }

    @Test
    void searchQueriesAreNotMetricsQueries() {
        assertThatThrownBy(() -> range("{ status = error }")).isInstanceOf(TraceQlException.class)
                .hasMessageContaining("not a metrics query");
        assertThatThrownBy(() -> range("{ } | compare({ status = error }, 1001)")).isInstanceOf(TraceQlException.class)
                .hasMessageContaining("between 1 and 1000");
    }
}
