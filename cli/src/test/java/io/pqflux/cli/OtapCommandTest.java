package io.pqflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.opentelemetry.proto.logs.v1.LogsData;
import io.pqflux.otap.OtapExport;
import io.pqflux.otap.ReplayOptions;
import io.pqflux.otap.generator.ExporterSettings;
import io.pqflux.otap.generator.ExporterSimulator;
import io.pqflux.otap.generator.Flattened;
import io.pqflux.otap.generator.Golden;
import io.pqflux.otap.generator.OtlpSamples;
import io.pqflux.otlp.OtlpJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pqflux otap} on hand-laid bases. (Round trips of generated exports, and the kill -9 test, need the
 * exporter-faithful generator.)
 */
class OtapCommandTest {

    private static final String PARTITION = "0b9e6e4a-33a5-4c0f-9d7e-5a7f7e0e2c11";
    private static final String FILE = "part-1750000000000-5d1e3f0a-0000-4000-8000-000000000001.parquet";

    @TempDir
    Path base;

    /** A Parquet file with an INT32 {@code id} column (0…7299, the row index) laid out as a logs file of the export. */
    private Path layLogsFile() throws Exception {
        Path dir = Files.createDirectories(base.resolve("logs").resolve("_part_id=" + PARTITION));
        Path file = dir.resolve(FILE);
        Files.copy(Path.of(CliRun.corpus("data/alltypes_tiny_pages_plain.parquet")), file);
        Files.writeString(dir.resolve(FILE + "#1"), "staging");
        return file;
    }

    @Tag(CliRun.PACKAGED)
    @Test
    void lsListsFilesRowsAndIdRangesFromTheFooters() throws Exception {
        layLogsFile();
        // the oracle: the id column's values as cat reads them
        List<Long> ids = CliRun.successfulLines("cat", base.resolve("logs/_part_id=" + PARTITION + "/" + FILE).toString(),
                "--columns", "id").stream().map(line -> Long.parseLong(line.replaceAll("\\D", ""))).toList();

        CliRun run = CliRun.run("otap", "ls", base.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines()).containsExactly(
                "TABLE\tPARTITION\tFILE\tROWS\tROW_GROUPS\tID_MIN\tID_MAX\tPARENT_ID_MIN\tPARENT_ID_MAX",
                "logs\t" + PARTITION + "\t" + FILE + "\t" + ids.size() + "\t1\t"
                        + ids.stream().mapToLong(Long::longValue).min().orElseThrow() + "\t"
                        + ids.stream().mapToLong(Long::longValue).max().orElseThrow() + "\t-\t-");
        assertThat(run.err()).isEqualTo("1 tables, 1 partitions, 1 files; 1 skipped" + System.lineSeparator()
                + "skipped logs/_part_id=" + PARTITION + "/" + FILE + "#1: staging file (being written, or left by a crash)"
                + System.lineSeparator());
    }

    @Test
    void replayOfAnEmptyBaseIsAnError() {
        CliRun run = CliRun.run("otap", "replay", base.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("pqflux: " + base + ": holds no OTAP export: no complete table files (logs/, "
                + "spans/, univariate_metrics/ and their child tables)" + System.lineSeparator());
    }

    @Tag(CliRun.PACKAGED)
    @Test
    void aCorruptFileIsQuarantinedReportedAndRecorded() throws Exception {
        // the footer's length points before the file's start
        Path file = layLogsFile();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 8] = bytes[bytes.length - 7] = bytes[bytes.length - 6] = (byte) 0x7f;
        Files.write(file, bytes);
        Path out = base.resolveSibling(base.getFileName() + "-out.jsonl");
        CliRun run = CliRun.run("otap", "replay", base.toString(), "--signal", "logs", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("pqflux: logs/_part_id=" + PARTITION + "/" + FILE + ": quarantined (")
                .contains("pqflux otap: 0 files, 0 partitions, 0 batches, 0 records, 0 unjoinable rows, 1 files quarantined");
        assertThat(out).isEmptyFile();
        Path checkpoint = out.resolveSibling(out.getFileName() + ".checkpoint");
        assertThat(Files.readString(checkpoint)).contains("\"file\" : \"logs/_part_id=" + PARTITION + "/" + FILE + "\"");

        // not retried: the next run replays nothing and reports nothing
        CliRun again = CliRun.run("otap", "replay", base.toString(), "--signal", "logs", "--out", out.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).startsWith("pqflux otap: 0 files, 0 partitions");
    }

    @Test
    void outAndAnEndpointExcludeEachOther() {
        CliRun run = CliRun.run("otap", "replay", base.toString(), "--out", base.resolve("o").toString(),
                "--otlp-endpoint", "http://127.0.0.1:1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("pqflux: --out and --otlp-endpoint exclude each other");
    }

    @Test
    void replayKeepsTheRecordsOfATimeRange() {
        // batch b's log records lie at 1750000000 s + b s + up to 41 µs
        List<LogsData> input = OtlpSamples.logs(2, 6, 40);
        try (ExporterSimulator exporter = new ExporterSimulator(base, ExporterSettings.defaults().withSeed(2).withRotateRows(80))) {
            input.forEach(exporter::write);
        }
        Instant start = Instant.ofEpochSecond(1_750_000_002L, 20_000);
        Instant end = Instant.ofEpochSecond(1_750_000_004L);
        CliRun run = CliRun.run("otap", "replay", base.toString(), "--signal", "logs", "--start", start.toString(),
                "--end", "1750000004");
        assertThat(run.exitCode()).as(run.err()).isZero();
        // the oracle: the input's records in [start, end), as the exporter preserves them
        List<Message> expected = new ArrayList<>();
        for (LogsData batch : input) {
            for (Message record : Flattened.of(Golden.expected(batch))) {
                long time = ((LogsData) record).getResourceLogs(0).getScopeLogs(0).getLogRecords(0).getTimeUnixNano();
                if (!Instant.ofEpochSecond(0, time).isBefore(start) && Instant.ofEpochSecond(0, time).isBefore(end)) {
                    expected.add(Golden.canonical(record));
                }
            }
        }
        List<String> replayed = OtapExport.local(base).logs(ReplayOptions.defaults().withTimeRange(start, end))
                .map(OtlpJson::write).collectList().block();
        assertThat(expected).hasSizeBetween(20, 80);
        assertThat(replayed.stream().mapToInt(line -> line.split("\"observedTimeUnixNano\"", -1).length - 1).sum())
                .isEqualTo(expected.size());
        assertThat(run.lines()).isEqualTo(replayed);
        assertThat(run.err()).contains(", " + expected.size() + " records, ");
    }

    @Test
    void replayWritesDelimitedProtobufOfOneSignal() throws Exception {
        List<LogsData> input = OtlpSamples.logs(3, 5, 30);
        try (ExporterSimulator exporter = new ExporterSimulator(base, ExporterSettings.defaults().withSeed(3).withRotateRows(60))) {
            input.forEach(exporter::write);
        }
        Path out = base.resolveSibling(base.getFileName() + "-out.binpb");
        CliRun run = CliRun.run("otap", "replay", base.toString(), "--signal", "logs", "--out", out.toString(),
                "--out-format", "protobuf");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<LogsData> written = new ArrayList<>();
        try (java.io.InputStream in = Files.newInputStream(out)) {
            for (LogsData data; (data = LogsData.parseDelimitedFrom(in)) != null; ) written.add(data);
        }
        assertThat(written).isEqualTo(OtapExport.local(base).logs(ReplayOptions.defaults()).collectList().block());
        assertThat(written.stream().mapToInt(d -> d.getResourceLogsList().stream().flatMap(r -> r.getScopeLogsList().stream())
                .mapToInt(sl -> sl.getLogRecordsCount()).sum()).sum()).isEqualTo(150);
        assertThat(run.err()).contains(", 150 records, ");
    }

    @Test
    void protobufOutputNeedsAFileAndOneSignal() {
        Path out = base.resolve("o.binpb");
        CliRun noFile = CliRun.run("otap", "replay", base.toString(), "--signal", "logs", "--out-format", "protobuf");
        assertThat(noFile.exitCode()).isEqualTo(2);
        assertThat(noFile.err()).startsWith("pqflux: --out-format protobuf needs --out FILE");
        CliRun twoSignals = CliRun.run("otap", "replay", base.toString(), "--signal", "logs,traces", "--out", out.toString(),
                "--out-format", "protobuf");
        assertThat(twoSignals.exitCode()).isEqualTo(2);
        assertThat(twoSignals.err()).startsWith("pqflux: --out-format protobuf writes one signal: give one --signal");
        CliRun unknown = CliRun.run("otap", "replay", base.toString(), "--out", out.toString(), "--out-format", "csv");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("pqflux: Invalid value for option '--out-format': expected one of json, "
                + "protobuf, not 'csv'");
        assertThat(out).doesNotExist();
    }

    @Test
    void badTimeRangesAreUsageErrors() {
        CliRun backwards = CliRun.run("otap", "replay", base.toString(), "--start", "2025-06-02T00:00:00Z",
                "--end", "2025-06-01T00:00:00Z");
        assertThat(backwards.exitCode()).isEqualTo(2);
        assertThat(backwards.err()).startsWith("pqflux: --start/--end: the time range ends (2025-06-01T00:00:00Z) before it "
                + "starts (2025-06-02T00:00:00Z)");
        CliRun text = CliRun.run("otap", "replay", base.toString(), "--start", "yesterday");
        assertThat(text.exitCode()).isEqualTo(2);
        assertThat(text.err()).contains("not an ISO-8601 instant (2024-05-01T12:00:00Z) or unix seconds: 'yesterday'");
        CliRun early = CliRun.run("otap", "replay", base.toString(), "--end", "1969-12-31T00:00:00Z");
        assertThat(early.exitCode()).isEqualTo(2);
        assertThat(early.err()).contains("--start/--end: the time range's end 1969-12-31T00:00:00Z is not a time OTLP can hold");
    }

    @Test
    void badDurationsAndJoinModesAreUsageErrors() {
        assertThat(CliRun.run("otap", "replay", base.toString(), "--poll-interval", "soon").exitCode()).isEqualTo(2);
        assertThat(CliRun.run("otap", "replay", base.toString(), "--join", "fuzzy").exitCode()).isEqualTo(2);
        assertThat(CliRun.run("otap", "replay", base.toString(), "--signal", "events").exitCode()).isEqualTo(2);
    }
}
