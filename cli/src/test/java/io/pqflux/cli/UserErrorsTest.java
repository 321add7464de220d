package io.pqflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.testdata.Corpus;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a new user meets first, in process and as the built jars: open-ended time ranges, wrong roots and bases, bad
 * option values, files that are no files, unreachable endpoints. Every failure is one line without Java in it, with
 * the exit code {@code docs/cli.md} defines (1: nothing there or unreadable, 2: usage).
 */
class UserErrorsTest {

    private static final String TEMPO_ROOT = Corpus.tempoBlock().getParent().getParent().toString();
    private static final String TENANT = "single-tenant";
    private static final String BLOCK = "b27b0e53-66a0-4505-afd6-434ae3cd4a10";
    private static final String OTAP_BASE = Corpus.root().resolve("otap").toString();

    @TempDir
    Path temp;

    // ---------------------------------------------------------------- open-ended time ranges

    @Test
    void tempoCommandsTakeAStartWithoutAnEnd() {
        CliRun cat = CliRun.run("tempo", "cat", TEMPO_ROOT, TENANT, BLOCK, "--start", "2022-07-04T11:11:30Z",
                "--preset", "summary");
        assertThat(cat.exitCode()).as(cat.err()).isZero();
        // the block's traces that end at or after the start: fewer than all 134, more than none
        assertThat(cat.out().lines().count()).isBetween(1L, 133L);
        CliRun blocks = CliRun.run("tempo", "blocks", TEMPO_ROOT, TENANT, "--start", "2022-07-04T11:11:30Z");
        assertThat(blocks.exitCode()).as(blocks.err()).isZero();
        assertThat(blocks.out().lines()).hasSize(2);
        CliRun trace = CliRun.run("tempo", "trace", TEMPO_ROOT, TENANT, "474be8b43449fb", "--start", "1656933000");
        assertThat(trace.exitCode()).as(trace.err()).isZero();
        CliRun untilEnd = CliRun.run("tempo", "cat", TEMPO_ROOT, TENANT, BLOCK, "--end", "2022-07-04T11:11:30Z",
                "--preset", "summary");
        assertThat(untilEnd.exitCode()).as(untilEnd.err()).isZero();
        assertThat(untilEnd.out().lines().count() + cat.out().lines().count()).isGreaterThanOrEqualTo(134);
    }

    // ---------------------------------------------------------------- nothing where something was asked for

    @Test
    void aMissingOrWrongTempoRootIsAnError() throws Exception {
        CliRun missing = CliRun.run("tempo", "blocks", temp.resolve("nope").toString(), TENANT);
        assertOneLineError(missing, 1, temp.resolve("nope").resolve(TENANT) + ": no such tenant: the root does not exist");
        CliRun noTenant = CliRun.run("tempo", "blocks", TEMPO_ROOT, "other-tenant");
        assertOneLineError(noTenant, 1, "no such tenant; the root holds " + TENANT);
        Files.createDirectories(temp.resolve("t").resolve("not-a-block"));
        CliRun notATenant = CliRun.run("tempo", "blocks", temp.toString(), "t");
        assertOneLineError(notATenant, 1, "no tenant index and no block directories (named by block UUIDs)");
    }

    @Test
    void aMalformedTraceIdIsAUsageError() {
        CliRun run = CliRun.run("tempo", "trace", TEMPO_ROOT, TENANT, "xyz");
        assertOneLineError(run, 2, "the trace ID has a non-hex character at position 1");
    }

    @Test
    void anEmptyMissingOrWrongOtapBaseIsAnError() throws Exception {
        for (String command : List.of("ls", "replay")) {
            assertOneLineError(CliRun.run("otap", command, temp.resolve("nope").toString()), 1,
                    temp.resolve("nope") + ": no such directory");
            assertOneLineError(CliRun.run("otap", command, temp.toString()), 1,
                    temp + ": holds no OTAP export: no complete table files");
        }
        Path file = Files.writeString(temp.resolve("file.txt"), "x");
        assertOneLineError(CliRun.run("otap", "ls", file.toString()), 1, "is not a directory");
        Files.delete(file);
        // staging files only: named, with why they were skipped
        Path logs = Files.createDirectories(temp.resolve("logs"));
        Files.writeString(logs.resolve("part-1750000000000-5d1e3f0a-0000-4000-8000-000000000001.parquet#3"), "x");
        CliRun staging = CliRun.run("otap", "ls", temp.toString());
        assertOneLineError(staging, 1, "skipped logs/part-1750000000000-5d1e3f0a-0000-4000-8000-000000000001.parquet#3");
    }

    @Test
    void otapLsNamesWhatItSkipped() throws Exception {
        Path base = temp.resolve("export");
        TestTrees.copy(Path.of(OTAP_BASE), base);
        Path logs = base.resolve("logs");
        Path someLogs = firstFileBelow(logs);
        Files.copy(someLogs, someLogs.resolveSibling(someLogs.getFileName() + "#7"));
        CliRun run = CliRun.run("otap", "ls", base.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        // the bundled export has staging files of its own: one more, named with why
        assertThat(run.err()).containsPattern("files; [1-9][0-9]* skipped")
                .contains("skipped " + base.relativize(someLogs).toString().replace('\\', '/') + "#7: staging file");
    }

    @Test
    void followingAnEmptyBaseWaitsAndSaysSo() throws Exception {
        Process process = CliRun.start(temp.resolve("follow.log"), "otap", "replay", temp.toString(), "--follow",
                "--poll-interval", "100ms");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            Path log = temp.resolve("follow.log");
            while (System.nanoTime() < deadline && (!Files.exists(log) || !Files.readString(log).contains("waiting"))) {
                assertThat(process.isAlive()).as("still following").isTrue();
                Thread.sleep(50);
            }
            assertThat(Files.readString(log)).contains("holds no table files yet; waiting for them (--follow)");
            assertThat(process.isAlive()).isTrue();
        } finally {
            process.destroyForcibly().waitFor();
        }
    }

    // ---------------------------------------------------------------- bad option values

    @ParameterizedTest
    @ValueSource(strings = {"tempo trace ROOT single-tenant 474be8b43449fb --format xml|otlp-json, tempo-v1, tempo-v2",
            "tempo cat ROOT single-tenant BLOCK --preset everything|SUMMARY, SPANS, FULL",
            "tempo blocks ROOT single-tenant --start yesterday|not an ISO-8601 instant",
            "otap replay BASE --join fuzzy|auto, batch-aware, literal",
            "otap replay BASE --signal events|LOGS, TRACES, METRICS",
            "otap replay BASE --poll-interval soon|not a duration",
            "cat FILE --format xml|expected one of [JSONL, CSV]",
            "cat FILE --progress sometimes|expected one of [AUTO, ALWAYS, NEVER]",
            "scan DIR --format parquet|expected one of [JSONL, CSV]"})
    void aBadOptionValueNamesTheValidOnes(String caseLine) {
        String[] parts = caseLine.split("\\|");
        String[] args = parts[0].replace("ROOT", TEMPO_ROOT).replace("BLOCK", BLOCK).replace("BASE", OTAP_BASE)
                .replace("FILE", CliRun.corpus("data/alltypes_plain.parquet"))
                .replace("DIR", Path.of(CliRun.corpus("data/alltypes_plain.parquet")).getParent().toString()).split(" ");
        CliRun run = CliRun.run(args);
        assertOneLineError(run, 2, parts[1]);
    }

    // ---------------------------------------------------------------- files that are no files

    @Test
    void aDirectoryGivenAsFileSaysSo() {
        for (String command : List.of("cat", "inspect")) {
            assertOneLineError(CliRun.run(command, temp.toString()), 1, temp + ": is a directory, not a file");
        }
    }

    @Test
    void aDeviceOrFifoGivenAsFileIsRefusedWithoutBlocking() throws Exception {
        // a container may have replaced /dev/null or /dev/zero with a plain file: test the devices that are devices
        for (String device : List.of("/dev/null", "/dev/zero")) {
            if (Files.exists(Path.of(device)) && !Files.isRegularFile(Path.of(device))) {
                assertOneLineError(CliRun.run("cat", device), 1, device + ": is not a regular file");
            }
        }
        Path fifo = temp.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        // opening a FIFO for reading would wait for a writer forever
        assertOneLineError(CliRun.run("inspect", fifo.toString()), 1, fifo + ": is not a regular file");
    }

    @Test
    void aMissingFileSaysNoSuchFile() {
        assertOneLineError(CliRun.run("cat", temp.resolve("missing.parquet").toString()), 1,
                temp.resolve("missing.parquet") + ": no such file");
    }

    // ---------------------------------------------------------------- unreachable servers

    @Test
    void anUnreachableEndpointNamesTheCause() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        CliRun run = CliRun.run("otap", "replay", OTAP_BASE, "--signal", "logs", "--otlp-endpoint",
                "http://127.0.0.1:" + port);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("connection refused").doesNotContain(": null").doesNotContain("java.");
    }

    @Test
    void anObjectStoreThatCannotBeReachedOrNamedSaysSoInWords() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // an IP endpoint is addressed by path whatever the style, so the bucket does not become a host name
        CliRun refused = CliRun.run("cat", "s3://bucket/x.parquet", "--s3-anonymous", "--s3-endpoint",
                "http://127.0.0.1:" + port);
        assertOneLineError(refused, 1, "s3://bucket/x.parquet: CONNECTION: cannot connect to 127.0.0.1:" + port
                + " (connection refused); HEAD http://127.0.0.1:" + port + "/bucket/x.parquet, 4 attempts");
        CliRun noScheme = CliRun.run("cat", "s3://bucket/x.parquet", "--s3-endpoint", "127.0.0.1:9000");
        assertOneLineError(noScheme, 2, "'127.0.0.1:9000' has no scheme; expected a URL such as http://127.0.0.1:9000");
        // as S3 asks for --s3-anonymous, Azure asks for anonymous=true instead of reading anonymously unasked
        CliRun azure = CliRun.run("cat", "az://container/x.parquet", "--store-option", "account=acct");
        assertOneLineError(azure, 1, "no credentials for Azure storage account acct: set account-key or sas-token");
    }

    @Test
    void anOutputPathThatCannotBeWrittenNamesThePathAndWhy() throws Exception {
        Path file = Files.writeString(temp.resolve("a-file"), "x");
        CliRun run = CliRun.run("otap", "replay", OTAP_BASE, "--signal", "logs", "--out", file.resolve("out.jsonl").toString());
        assertOneLineError(run, 1, file.resolve("out.jsonl") + ".checkpoint: cannot read the checkpoint: Not a directory");
    }

    // ---------------------------------------------------------------- help

    @Test
    void helpIsACommand() {
        CliRun help = CliRun.run("help");
        assertThat(help.exitCode()).as(help.err()).isZero();
        assertThat(help.out()).contains("Usage: pqflux").contains("tempo").contains("otap");
        CliRun sub = CliRun.run("help", "scan");
        assertThat(sub.exitCode()).isZero();
        assertThat(sub.out()).contains("--every-file");
    }

    /** One line on stderr, {@code pqflux: ...}, containing {@code expected}, with no Java class in it. */
    private static void assertOneLineError(CliRun run, int exitCode, String expected) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(exitCode);
        List<String> errors = run.err().lines().filter(line -> line.startsWith("pqflux: ")).toList();
        assertThat(errors).as(run.err()).hasSize(1);
        assertThat(String.join("\n", run.err().lines().filter(l -> !l.startsWith("WARNING")).toList()))
                .contains(expected)
                .doesNotContainPattern("(java|javax|io\\.pqflux|picocli)\\.[a-z]")
                .doesNotContainPattern("[A-Z][A-Za-z]*(Exception|Error):");
    }

    private static Path firstFileBelow(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
        }
    }
}
