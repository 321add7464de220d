package io.pqflux.bench.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LoadMixTest {

    @Test
    void halfAreTracesAThirdSearchesASixthMetricsEachCallInTurn() {
        List<LoadCall> traces = calls(LoadMix.TRACE_BY_ID, 4);
        List<LoadCall> searches = calls(LoadMix.SEARCH, 2);
        LoadMix mix = new LoadMix(traces, searches, calls(LoadMix.QUERY_RANGE, 1));
        Map<String, Integer> asked = new HashMap<>();
        for (long n = 0; n < 600; n++) asked.merge(mix.call(n).pathAndQuery(), 1, Integer::sum);
        assertThat(asked).hasSize(7);
        traces.forEach(call -> assertThat(asked.get(call.pathAndQuery())).isEqualTo(75));
        searches.forEach(call -> assertThat(asked.get(call.pathAndQuery())).isEqualTo(100));
        assertThat(asked.get("/query_range/0")).isEqualTo(100);
    }

    @Test
    void everyKindNeedsACall() {
        assertThatThrownBy(() -> new LoadMix(calls(LoadMix.TRACE_BY_ID, 1), List.of(), calls(LoadMix.QUERY_RANGE, 1)))
                .hasMessage("no search requests");
    }

    @Test
    void settingsDefaultAndRefuseNonsense() {
        assertThat(LoadSettings.parse()).isEqualTo(new LoadSettings(50, 60, 200, 30, 200_000));
        assertThat(LoadSettings.parse("4", "3", "10")).isEqualTo(new LoadSettings(4, 3, 10, 30, 200_000));
        assertThatThrownBy(() -> LoadSettings.parse("0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> LoadSettings.parse("four")).hasMessageContaining("not a number");
    }

    private static List<LoadCall> calls(String kind, int count) {
        return IntStream.range(0, count).mapToObj(i -> new LoadCall(kind, "/" + kind + "/" + i, body -> null)).toList();
    }
}
