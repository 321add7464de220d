package io.pqflux.tempo.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TempoDurationsTest {

    @ParameterizedTest
    @CsvSource({"15, PT15S", "0.5, PT0.5S", "30s, PT30S", "1h30m, PT1H30M", "250ms, PT0.25S", "1.5s, PT1.5S",
            "2us, PT0.000002S", "3µs, PT0.000003S", "7ns, PT0.000000007S", ".5m, PT30S", "0, PT0S"})
    void secondsOrGoDurations(String text, Duration expected) {
        assertThat(TempoDurations.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "-5s", "5 s", "1d", "s", "1e3", "NaN", "99999999999999999h", "1h30"})
    void anythingElseIsRefusedWithTheForms(String text) {
        assertThatThrownBy(() -> TempoDurations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a duration");
    }
}
