package io.pqflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.LogsData;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.pqflux.otap.OtapExport;
import io.pqflux.otap.ReplayOptions;
import io.pqflux.otap.generator.ExporterSettings;
import io.pqflux.otlp.OtlpJson;
import io.pqflux.otap.generator.ExporterSimulator;
import io.pqflux.otap.generator.Golden;
import io.pqflux.otap.generator.OtlpSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * No loss and no duplicates across {@code kill -9}: {@code pqflux otap replay --follow --out FILE --checkpoint CP} runs
 * as its own process while an exporter simulator keeps finishing files in the base; the process is killed with SIGKILL
 * ({@link Process#destroyForcibly()}) at random moments and restarted, {@code pqflux.otap.kills} times (default 20); a
 * last run without {@code --follow} drains the rest. The output must be line for line what one uninterrupted replay
 * writes, and that replay the generator's OTLP input, record by record.
 */
class KillNineReceiverTest {

    private static final int KILLS = Integer.getInteger("pqflux.otap.kills", 20);
    private static final long SEED = Long.getLong("pqflux.otap.killSeed", 12);
    private static final int BATCHES = 400;
    private static final int RECORDS_PER_BATCH = 5;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void theOutputIsTheInputAfterRandomKills() throws Exception {
        Path base = Files.createDirectories(dir.resolve("export"));
        Path out = dir.resolve("out.jsonl");
        Path checkpoint = dir.resolve("out.checkpoint");
        List<LogsData> input = OtlpSamples.logs(SEED, BATCHES, RECORDS_PER_BATCH);
        Random random = new Random(SEED);

        // files keep arriving while the receiver is killed and restarted: one batch every few milliseconds, files
        // finished every few batches
        ExporterSimulator exporter = new ExporterSimulator(base, ExporterSettings.defaults().withSeed(SEED)
                .withResourceScopeIds(ExporterSettings.ResourceScopeIds.FIXED)
                .withRotateRows(3L * RECORDS_PER_BATCH));
        CompletableFuture<Void> generating = CompletableFuture.runAsync(() -> {
            for (LogsData batch : input) {
                exporter.write(batch);
                sleep(5 + random.nextInt(10));
            }
            exporter.close();
        });

        List<String> follow = List.of("otap", "replay", base.toString(), "--signal", "logs", "--follow",
                "--out", out.toString(), "--checkpoint", checkpoint.toString(), "--poll-interval", "50ms", "--progress", "never");
        for (int kill = 0; kill < KILLS; kill++) {
            Path log = dir.resolve("receiver-" + kill + ".log");
            Process receiver = CliRun.start(log, follow.toArray(String[]::new));
            sleep(300 + random.nextInt(1700));
            assertThat(receiver.isAlive()).as("the receiver died by itself: %s", Files.readString(log)).isTrue();
            receiver.destroyForcibly();
            assertThat(receiver.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        generating.get(10, TimeUnit.MINUTES);

        CliRun last = CliRun.run("otap", "replay", base.toString(), "--signal", "logs", "--out", out.toString(),
                "--checkpoint", checkpoint.toString(), "--progress", "never");
        assertThat(last.exitCode()).as(last.err()).isZero();

        // no loss, no duplicates: the killed and restarted receiver wrote exactly what one uninterrupted replay of the
        // final export writes, line for line
        List<LogsData> replayed = OtapExport.local(base).logs(ReplayOptions.defaults()).collectList().block();
        assertThat(Files.readAllLines(out)).containsExactlyElementsOf(replayed.stream().map(OtlpJson::write).toList());
        // and that is the generator's input, record by record whatever the batch boundaries (compared as messages:
        // JsonFormat, the OTLP/JSON oracle, reads -0.0 as 0.0). Resource and scope attributes are left out of this
        // comparison: the batch-aware join may leave them off (reported), which otap's RoundTripTest checks
        List<LogsData> expected = records(input.stream().map(Golden::expected).toList());
        List<LogsData> actual = records(replayed.stream().map(Golden::canonical).toList());
        assertThat(actual).hasSize(BATCHES * RECORDS_PER_BATCH).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** Each record as a LogsData of its own (its resource and scope without their attributes, itself), in order. */
    private static List<LogsData> records(List<LogsData> batches) {
        List<LogsData> records = new ArrayList<>();
        for (LogsData batch : batches) {
            for (ResourceLogs resource : batch.getResourceLogsList()) {
                for (ScopeLogs scope : resource.getScopeLogsList()) {
                    for (LogRecord record : scope.getLogRecordsList()) {
                        ResourceLogs.Builder only = resource.toBuilder().clearScopeLogs()
                                .addScopeLogs(scope.toBuilder().clearLogRecords().addLogRecords(record));
                        only.getResourceBuilder().clearAttributes();
                        only.getScopeLogsBuilder(0).getScopeBuilder().clearAttributes();
                        records.add(LogsData.newBuilder().addResourceLogs(only).build());
                    }
                }
            }
        }
        return records;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
