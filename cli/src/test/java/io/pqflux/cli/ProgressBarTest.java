package io.pqflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.cli.ProgressLine.Counters;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Redrawing in place at most ten times a second, on a clock the test moves, and clearing at the end. */
class ProgressBarTest {

    private final StringWriter text = new StringWriter();
    private final PrintWriter err = new PrintWriter(text);
    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final AtomicInteger counted = new AtomicInteger();

    private Counters counters(long rows) {
        counted.incrementAndGet();
        return new Counters(0, rows, Double.NaN);
    }

    @Test
    void drawsAtOnceThenAtMostEveryTenthOfASecond() {
        ProgressBar bar = ProgressBar.on(err, now::get);
        bar.update(() -> counters(1));
        assertThat(text.toString()).isEqualTo("\r0 B  1 row");
        now.addAndGet(ProgressBar.INTERVAL_NANOS - 1);
        bar.update(() -> counters(2));
        // not due: the counters are not even asked for
        assertThat(counted).hasValue(1);
        now.addAndGet(1);
        bar.update(() -> counters(3));
        assertThat(text.toString()).isEqualTo("\r0 B  1 row\r0 B  3 rows");
    }

    @Test
    void aShorterLineBlanksTheRestOfTheLongerOneAndCloseClearsIt() {
        ProgressBar bar = ProgressBar.on(err, now::get);
        bar.update(() -> counters(1_000_000));
        now.addAndGet(ProgressBar.INTERVAL_NANOS);
        bar.update(() -> counters(1));
        bar.close();
        String first = "0 B  1,000,000 rows";
        assertThat(text.toString()).isEqualTo("\r" + first + "\r0 B  1 row" + " ".repeat(first.length() - "0 B  1 row".length())
                + "\r" + " ".repeat(first.length()) + "\r");
    }

    @Test
    void closingWithoutAnythingDrawnWritesNothing() {
        ProgressBar.on(err, now::get).close();
        assertThat(text.toString()).isEmpty();
    }

    @Test
    void noneNeverDrawsNorAsksForCounters() {
        ProgressBar none = ProgressBar.none();
        none.update(() -> counters(1));
        none.close();
        assertThat(counted).hasValue(0);
    }
}
