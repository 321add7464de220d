package io.pqflux.cli;

import static io.pqflux.cli.CliRun.corpus;
import static io.pqflux.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * {@code cat --progress}: a line on stderr redrawn in place and cleared at the end when asked for, nothing when stderr
 * is not a terminal (as in every test run: the runner reads it through a pipe), and the same rows on stdout either way.
 */
class CatProgressTest {

    private static final String FILE = corpus("data/alltypes_tiny_pages_plain.parquet");

    @Tag(CliRun.PACKAGED)
    @Test
    void alwaysDrawsALineAndClearsItAtTheEnd() {
        CliRun never = run("cat", FILE, "--columns", "id", "--progress=never");
        assertThat(never.err()).isEmpty();
        CliRun always = run("cat", FILE, "--columns", "id", "--progress=always");
        assertThat(always.exitCode()).isZero();
        assertThat(always.out()).isEqualTo(never.out());
        String err = always.err();
        assertThat(err).startsWith("\r[").containsPattern("^\r\\[[#.]{12}\\] +\\d+%  [0-9.]+ [KMG]?i?B  .*[0-9,]+ rows?")
                .doesNotContain("\n");
        // each drawing starts with a carriage return; the last, blanks as wide as the widest, ends with one
        List<String> drawings = Arrays.stream(err.split("\r")).filter(drawing -> !drawing.isEmpty()).toList();
        assertThat(drawings).hasSizeGreaterThan(1);
        int widest = drawings.stream().mapToInt(String::length).max().orElseThrow();
        assertThat(err).endsWith("\r" + " ".repeat(widest) + "\r");
    }

    @Test
    void autoDrawsNothingWhenStderrIsNotATerminal() {
        CliRun auto = run("cat", FILE, "--columns", "id", "--where", "id < 5000");
        assertThat(auto.exitCode()).isZero();
        assertThat(auto.err()).isEmpty();
        assertThat(auto.lines()).hasSize(5000);
    }

    @Test
    void theLineIsClearedBeforeTheStats() {
        CliRun result = run("cat", FILE, "--columns", "id", "--stats", "--progress=always");
        assertThat(result.err()).containsPattern("\r +\rrow groups: 1, read 1");
    }
}
