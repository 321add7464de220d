package io.pqflux.cli;

import static io.pqflux.cli.CliRun.corpus;
import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.testdata.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resource limits the commands let a user set (docs/limits.md): each is applied, and a limit below 1 is a usage error. */
class LimitOptionsTest {

    /** Snappy-compressed: the page limit bounds what decompression allocates (uncompressed pages are views). */
    private static final String FILE = corpus("data/alltypes_plain.snappy.parquet");
    private static final String TEMPO_ROOT = Corpus.tempoBlock().getParent().getParent().toString();
    private static final String BLOCK = "b27b0e53-66a0-4505-afd6-434ae3cd4a10";
    private static final String OTAP_BASE = Corpus.root().resolve("otap").toString();

    @Test
    void maxPageBytesRefusesALargerPage(@TempDir Path dataset) throws IOException {
        Files.copy(Path.of(FILE), dataset.resolve("a.parquet"));
        CliRun cat = CliRun.run("cat", FILE, "--max-page-bytes", "16");
        assertThat(cat.exitCode()).isEqualTo(1);
        assertThat(cat.err()).contains("above the limit of 16");
        CliRun scan = CliRun.run("scan", dataset.toString(), "--max-page-bytes", "16");
        assertThat(scan.exitCode()).isEqualTo(1);
        assertThat(scan.err()).contains("above the limit of 16");
        assertThat(CliRun.successfulLines("cat", FILE, "--max-page-bytes", "1048576", "--columns", "id")).hasSize(2);
    }

    @Test
    void maxColumnBytesRefusesALargerChunk() {
        CliRun run = CliRun.run("cat", FILE, "--max-column-bytes", "8");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("above the limit of 8");
    }

    @Test
    void maxTraceBytesRefusesALargerTrace() {
        CliRun cat = CliRun.run("tempo", "cat", TEMPO_ROOT, "single-tenant", BLOCK, "--max-trace-bytes", "100");
        assertThat(cat.exitCode()).isEqualTo(1);
        assertThat(cat.err()).contains("100");
        CliRun trace = CliRun.run("tempo", "trace", TEMPO_ROOT, "single-tenant", "474be8b43449fb", "--max-trace-bytes", "100");
        assertThat(trace.exitCode()).isEqualTo(1);
        assertThat(trace.err()).contains("100");
    }

    @Test
    void maxWindowRowsCutsBatchesWithoutChangingTheRecords() {
        String whole = CliRun.run("otap", "replay", OTAP_BASE, "--signal", "logs").out();
        CliRun small = CliRun.run("otap", "replay", OTAP_BASE, "--signal", "logs", "--max-window-rows", "1");
        assertThat(small.exitCode()).as(small.err()).isZero();
        assertThat(recordCount(small.out())).isEqualTo(recordCount(whole)).isPositive();
        assertThat(small.out().lines().count()).isGreaterThan(whole.lines().count());
    }

    @Test
    void aLimitBelowOneIsAUsageError() {
        String[][] commands = {
                {"cat", FILE, "--max-page-bytes", "0"},
                {"inspect", FILE, "--max-column-bytes", "-1"},
                {"tempo", "cat", TEMPO_ROOT, "single-tenant", BLOCK, "--max-trace-bytes", "0"},
                {"otap", "replay", OTAP_BASE, "--max-window-rows", "0"}};
        for (String[] command : commands) {
            CliRun run = CliRun.run(command);
            assertThat(run.exitCode()).as(String.join(" ", command)).isEqualTo(2);
        }
    }

    private static long recordCount(String logsData) {
        return logsData.lines().mapToLong(line -> line.split("\"observedTimeUnixNano\"", -1).length - 1).sum();
    }
}
