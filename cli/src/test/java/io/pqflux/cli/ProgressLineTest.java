package io.pqflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.cli.ProgressLine.Counters;
import org.junit.jupiter.api.Test;

/** The progress line's text, from counters and elapsed time alone. */
class ProgressLineTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void barPercentBytesRateRowsAndEta() {
        // a quarter done after 10 s: 30 s left
        assertThat(ProgressLine.render(new Counters(40L << 20, 1_234_567, 0.25), 10 * SECOND))
                .isEqualTo("[###.........]  25%  40.0 MiB  4.0 MiB/s  1,234,567 rows  ETA 0:30");
    }

    @Test
    void theFirstSecondShowsNoRateAndNoEta() {
        assertThat(ProgressLine.render(new Counters(1536, 1, 0.001), SECOND - 1))
                .isEqualTo("[............]   0%  1.5 KiB  1 row");
        assertThat(ProgressLine.render(new Counters(1536, 1, 0.001), SECOND))
                .isEqualTo("[............]   0%  1.5 KiB  1.5 KiB/s  1 row");
    }

    /** The first seconds' pace is mostly start-up: a rate, but no ETA yet. */
    @Test
    void theFirstThreeSecondsShowNoEta() {
        assertThat(ProgressLine.render(new Counters(1536, 1, 0.14), 3 * SECOND - 1)).doesNotContain("ETA");
        assertThat(ProgressLine.render(new Counters(1536, 1, 0.5), 3 * SECOND)).endsWith("ETA 0:03");
    }

    /** Extrapolated from the first per mille, an ETA would be start-up cost times a thousand: none before 1 %. */
    @Test
    void noEtaBeforeOnePercent() {
        assertThat(ProgressLine.render(new Counters(1536, 1, 0.0099), 10 * SECOND)).doesNotContain("ETA");
        assertThat(ProgressLine.render(new Counters(1536, 1, 0.01), 10 * SECOND)).endsWith("ETA 16:30");
    }

    @Test
    void itemsAreCountedInTheCommandsUnit() {
        assertThat(ProgressLine.render(new Counters(2048, 12, Double.NaN, "record"), 2 * SECOND))
                .isEqualTo("2.0 KiB  1.0 KiB/s  12 records");
        assertThat(ProgressLine.render(new Counters(0, 1, Double.NaN, "trace"), 0)).isEqualTo("0 B  1 trace");
    }

    @Test
    void anUnknownWholeHasNoBarAndNoEta() {
        assertThat(ProgressLine.render(new Counters(3L << 30, 0, Double.NaN), 2 * SECOND))
                .isEqualTo("3.0 GiB  1.5 GiB/s  0 rows");
    }

    @Test
    void doneAndOverdoneFillTheBar() {
        assertThat(ProgressLine.render(new Counters(500, 10, 1.0), 5 * SECOND))
                .isEqualTo("[############] 100%  500 B  100 B/s  10 rows  ETA 0:00");
        assertThat(ProgressLine.render(new Counters(500, 10, 1.5), 5 * SECOND)).startsWith("[############] 100%  500 B");
    }

    @Test
    void byteUnits() {
        assertThat(ProgressLine.bytes(0)).isEqualTo("0 B");
        assertThat(ProgressLine.bytes(1023)).isEqualTo("1023 B");
        assertThat(ProgressLine.bytes(1024)).isEqualTo("1.0 KiB");
        assertThat(ProgressLine.bytes((5L << 40) + (1L << 39))).isEqualTo("5.5 TiB");
        assertThat(ProgressLine.bytes(Long.MAX_VALUE)).isEqualTo("8.0 EiB");
    }

    @Test
    void etaInMinutesAndHours() {
        assertThat(ProgressLine.eta(0, 5 * SECOND)).isEqualTo("?");
        assertThat(ProgressLine.eta(0.5, 59 * SECOND)).isEqualTo("0:59");
        assertThat(ProgressLine.eta(0.1, 400 * SECOND)).isEqualTo("1:00:00");
        // rounded up: never 0:00 while work is left
        assertThat(ProgressLine.eta(0.999, SECOND)).isEqualTo("0:01");
    }

    @Test
    void fitsAnEightyColumnTerminalAtTheLargestRealisticCounts() {
        // just below 1 PiB read at just below 1 TiB/s, ten billion rows, a day to go
        long bytes = (1L << 50) - 1;
        String line = ProgressLine.render(new Counters(bytes, 9_999_999_999L, 0.01), 1025 * SECOND);
        assertThat(line).isEqualTo("[............]   1%  1024.0 TiB  1023.0 GiB/s  9,999,999,999 rows  ETA 28:11:15")
                .hasSizeLessThan(80);
    }
}
