package io.pqflux.tempo.query.oracle;

import static io.pqflux.tempo.query.oracle.HandBuiltMetricsBlock.T1;
import static io.pqflux.tempo.query.oracle.HandBuiltMetricsBlock.T2;
import static io.pqflux.tempo.query.oracle.HandBuiltMetricsBlock.T3;
import static io.pqflux.tempo.query.oracle.HandBuiltMetricsBlock.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pqflux.tempo.query.MetricsResponse;
import io.pqflux.tempo.query.QueryJson;
import io.pqflux.traceql.TraceQlException;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Comparisons and arithmetic on metrics queries over {@link HandBuiltMetricsBlock}, answers worked out by hand. Per
 * step (T1, T2, T3): every span [2, 2, 3]; by service cart [2, 2, 1], shop [0, 0, 2]; errors a1 (cart, T1) and b2
 * (shop, T3).
 */
class MetricsArithmeticHandDerivedTest {

    private static HandBuiltMetricsBlock block;

    @BeforeAll
    static void write() throws IOException {
        block = HandBuiltMetricsBlock.write();
    }

    @AfterAll
    static void delete() throws IOException {
        block.close();
    }

    /** The same groups meet: errors / all per service; shop's first two steps divide 0 by 0, no value. */
    @Test
    void seriesOfTheSameLabelsMeet() {
        assertThat(series(block.range("({ status = error } | count_over_time() by (resource.service.name))"
                + " / ({ } | count_over_time() by (resource.service.name))"))).containsExactly(
                Map.entry("resource.service.name=cart", Map.of(T1, 0.5, T2, 0.0, T3, 0.0)),
                Map.entry("resource.service.name=shop", Map.of(T3, 0.5)));
        // groups that never meet make nothing
        assertThat(block.range("({ } | count_over_time() by (name)) + ({ } | count_over_time() by (resource.service.name))")
                .series()).isEmpty();
    }

    /**
     * An ungrouped side meets every series of the other, on either side, and its {@code __name__} goes: errors per
     * service / all [2, 2, 3], all / errors per service.
     */
    @Test
    void anUngroupedSideMeetsEverySeries() {
        Map<String, Map<Long, Double>> share = series(block.range(
                "({ status = error } | count_over_time() by (resource.service.name)) / ({ } | count_over_time())"));
        assertThat(share.keySet()).containsExactly("resource.service.name=cart", "resource.service.name=shop");
        assertThat(share.get("resource.service.name=cart")).isEqualTo(Map.of(T1, 0.5, T2, 0.0, T3, 0.0));
        assertThat(share.get("resource.service.name=shop").get(T3)).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(series(block.range(
                "({ } | count_over_time()) / ({ status = error } | count_over_time() by (resource.service.name))")))
                .containsExactly(Map.entry("resource.service.name=cart", Map.of(T1, 2.0)),
                        Map.entry("resource.service.name=shop", Map.of(T3, 3.0)));
    }

    /**
     * Without {@code __name__} on the right, Tempo removes the left's by moving its last label into its place:
     * {@code [__name__, service, name]} becomes {@code [name, service]}. all [2, 2, 3] × per (service, name).
     */
    @Test
    void labelsOfTheLeftThenTheRights() {
        assertThat(series(block.range(
                "({ } | count_over_time()) * ({ } | count_over_time() by (resource.service.name, name))")))
                .containsExactly(
                        Map.entry("name=GET,resource.service.name=cart", Map.of(T1, 4.0, T2, 4.0, T3, 0.0)),
                        Map.entry("name=GET,resource.service.name=shop", Map.of(T1, 0.0, T2, 0.0, T3, 3.0)),
                        Map.entry("name=POST,resource.service.name=cart", Map.of(T1, 0.0, T2, 0.0, T3, 3.0)),
                        Map.entry("name=POST,resource.service.name=shop", Map.of(T1, 0.0, T2, 0.0, T3, 3.0)));
    }

    /** Two ungrouped sides: {@code __name__} "(rate / count_over_time)", rate [0.2, 0.2, 0.3] / [2, 2, 3]. */
    @Test
    void ungroupedSidesCombineTheirNames() {
        MetricsResponse response = block.range("({ } | rate()) / ({ } | count_over_time())");
        Map<String, Map<Long, Double>> perSpan = series(response);
        assertThat(perSpan.keySet()).containsExactly("__name__=(rate / count_over_time)");
        assertThat(perSpan.get("__name__=(rate / count_over_time)").values()).allSatisfy(v -> assertThat(v)
                .isCloseTo(0.1, within(1e-15)));
        assertThat(QueryJson.queryRange(response)).startsWith("{\"series\":[{\"labels\":[{\"key\":\"__name__\",\"value\":"
                + "{\"stringValue\":\"(rate / count_over_time)\"}}],\"samples\":[{\"timestampMs\":\"1700000010000\","
                + "\"value\":0.1},");
        // numbers apply to every value, with the usual precedence: (100 × errors [1, 0, 1]) / all
        Map<String, Map<Long, Double>> percent = series(block.range(
                "100 * ({ status = error } | count_over_time()) / ({ } | count_over_time())"));
        assertThat(percent.keySet()).containsExactly("__name__=(count_over_time / count_over_time)");
        assertThat(percent.get("__name__=(count_over_time / count_over_time)").get(T1)).isEqualTo(50.0);
        assertThat(percent.get("__name__=(count_over_time / count_over_time)").get(T3)).isCloseTo(100.0 / 3, within(1e-12));
        // an instant query: (B+10 s, B+30 s] holds one error (b2) of five spans
        assertThat(series(block.instant("({ status = error } | count_over_time()) / ({ } | count_over_time())")))
                .containsExactly(Map.entry("__name__=(count_over_time / count_over_time)", Map.of(T3, 0.2)));
    }

    /** A division by zero is no value: every step of {@code / 0}; 0 / errors [1, 0, 1] at T2. */
    @Test
    void divisionByZeroLeavesNoValue() {
        assertThat(block.range("({ } | rate()) / 0").series()).isEmpty();
        assertThat(series(block.range("0 / ({ status = error } | count_over_time())")))
                .containsExactly(Map.entry("__name__=count_over_time", Map.of(T1, 0.0, T3, 0.0)));
    }

    /**
     * Second stages in the parentheses run before the arithmetic, those after it on its result: topk(1) by service
     * keeps cart at T1, T2 and shop at T3; × 2 > 3 keeps cart [4, 4, -] and shop [-, -, 4].
     */
    @Test
    void secondStagesInsideAndAfter() {
        assertThat(series(block.range("({ } | count_over_time() by (resource.service.name) | topk(1)) - 1")))
                .containsExactly(Map.entry("resource.service.name=cart", Map.of(T1, 1.0, T2, 1.0)),
                        Map.entry("resource.service.name=shop", Map.of(T3, 1.0)));
        assertThat(series(block.range("({ } | count_over_time() by (resource.service.name)) * 2 > 3 | topk(1)")))
                .containsExactly(Map.entry("resource.service.name=cart", Map.of(T1, 4.0, T2, 4.0)),
                        Map.entry("resource.service.name=shop", Map.of(T3, 4.0)));
        // a lone parenthesised query with a comparison is the query with it
        assertThat(block.range("({ } | count_over_time() by (resource.service.name)) > 1"))
                .isEqualTo(block.range("{ } | count_over_time() by (resource.service.name) > 1"));
    }

    /**
     * Exemplars (a0 at T1 and b1 at T3, one per trace): a number applies to their values too, a counting function's
     * placeholder taking the step's final value; between two ungrouped queries both sides' are kept, between grouped
     * and ungrouped only the grouped side's (a1 for cart, b2 for shop); a comparison drops placeholders.
     */
    @Test
    void exemplarsFollowTheArithmetic() {
        assertThat(block.range("({ } | rate()) * 10", 10).series().getFirst().exemplars())
                .extracting(MetricsResponse.Exemplar::value).containsExactly(2.0, 3.0);
        assertThat(block.range("({ } | max_over_time(duration)) * 1000", 10).series().getFirst().exemplars())
                .extracting(MetricsResponse.Exemplar::value).containsExactly(1.0, 1000.0);
        MetricsResponse.Series perSpan = block.range("({ } | rate()) / ({ } | count_over_time())", 10).series().getFirst();
        assertThat(perSpan.exemplars()).extracting(MetricsResponse.Exemplar::timestampMs)
                .containsExactly(1_700_000_005_000L, 1_700_000_005_000L, 1_700_000_021_000L, 1_700_000_021_000L);
        assertThat(perSpan.exemplars()).extracting(MetricsResponse.Exemplar::value)
                .containsExactly(perSpan.samples().get(0).value(), perSpan.samples().get(0).value(),
                        perSpan.samples().get(2).value(), perSpan.samples().get(2).value());
        MetricsResponse share = block.range(
                "({ status = error } | count_over_time() by (resource.service.name)) / ({ } | count_over_time())", 10);
        assertThat(share.series().get(0).exemplars()).singleElement().satisfies(e -> {
            assertThat(e.labels().get(1).getValue().getStringValue()).isEqualTo("00000000000000a1");
            assertThat(e.value()).isEqualTo(0.5);
        });
        assertThat(share.series().get(1).exemplars()).singleElement().satisfies(e ->
                assertThat(e.labels().get(1).getValue().getStringValue()).isEqualTo("00000000000000b2"));
        assertThat(block.range("({ } | rate()) * 10 > 0", 10).series().getFirst().exemplars()).isEmpty();
    }

    @Test
    void compareTakesNoPartInArithmetic() {
        assertThatThrownBy(() -> block.range("({ } | compare({ status = error })) * 2"))
                .isInstanceOf(TraceQlException.class).hasMessageContaining("compare() cannot take part in arithmetic");
    }
}
