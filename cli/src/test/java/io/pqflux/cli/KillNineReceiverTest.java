package io.pqflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.pqflux.otap.PartitionProgress;
import io.pqflux.otap.Signal;
import io.pqflux.otap.generator.ExportReplay;
import io.pqflux.otap.generator.ExporterSettings;
import io.pqflux.otap.generator.ExporterSimulator;
import io.pqflux.otap.generator.Golden;
import io.pqflux.otap.generator.OtlpSamples;
import io.pqflux.otap.receiver.Checkpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * No loss and no duplicates across {@code kill -9}: {@code pqflux otap replay --follow --out FILE --checkpoint CP} (every
 * signal: no {@code --signal}) runs as its own process while an exporter simulator keeps taking interleaved logs, traces
 * and metrics batches and finishing files in the base; the process is killed with SIGKILL ({@link
 * Process#destroyForcibly()}) at random moments and restarted, {@code pqflux.otap.kills} times (default 20); a last run
 * without {@code --follow} drains the rest. Each signal's lines in the output must be line for line what one
 * uninterrupted replay of the signal writes (the receiver replays the signals one after the other at every poll, so
 * the signals' lines interleave by poll; and a root file can become visible after a later one of its table, so root
 * files are compared in creation order), and that replay the generator's OTLP input, record by record.
 */
class KillNineReceiverTest {

    private static final int KILLS = Integer.getInteger("pqflux.otap.kills", 20);
    private static final long SEED = Long.getLong("pqflux.otap.killSeed", 12);
    private static final int BATCHES = 200;
    private static final int RECORDS_PER_BATCH = 5;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void theOutputIsTheInputAfterRandomKills() throws Exception {
        Path base = Files.createDirectories(dir.resolve("export"));
        Path out = dir.resolve("out.jsonl");
        Path checkpoint = dir.resolve("out.checkpoint");
        // one exporter taking all three signals: shared resource/scope attribute tables, every signal's ids with gaps
        List<Message> input = OtlpSamples.mixed(SEED, BATCHES, RECORDS_PER_BATCH);
        Random random = new Random(SEED);

        // files keep arriving while the receiver is killed and restarted: a batch every 60 to 120 ms (for about as long
        // as the kills take), files finished every few batches. Resource and scope ids offset (FIXED): the batch-aware
        // join of a mixed export's un-offset ids is being rewritten
        ExporterSimulator exporter = new ExporterSimulator(base, ExporterSettings.defaults().withSeed(SEED)
                .withResourceScopeIds(ExporterSettings.ResourceScopeIds.FIXED)
                .withRotateRows(3L * RECORDS_PER_BATCH));
        CompletableFuture<Void> generating = CompletableFuture.runAsync(() -> {
            for (Message batch : input) {
                exporter.write(batch);
                sleep(60 + random.nextInt(60));
            }
            exporter.close();
        });

        List<String> follow = List.of("otap", "replay", base.toString(), "--follow",
                "--out", out.toString(), "--checkpoint", checkpoint.toString(), "--poll-interval", "50ms", "--progress", "never");
        // a fresh receiver process takes about 2 s to its first delivery (JVM start, listing, first join) and replays
        // the signals in order: every fifth kill waits until the restarted receiver records a batch of logs, traces or
        // metrics in turn and strikes a random moment later, amid appends and checkpoint writes; the others strike
        // while it starts, lists or joins
        int amidDeliveries = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Path log = dir.resolve("receiver-" + kill + ".log");
            Signal awaited = Signal.values()[kill / 5 % 3];
            Map<String, PartitionProgress> before = Checkpoint.load(checkpoint).progress(awaited);
            Process receiver = CliRun.start(log, follow.toArray(String[]::new));
            if (kill % 5 == 0) {
                if (awaitDelivery(checkpoint, awaited, before, receiver)) amidDeliveries++;
                sleep(random.nextInt(1000));
            } else {
                sleep(100 + random.nextInt(600));
            }
            assertThat(receiver.isAlive()).as("the receiver died by itself: %s", Files.readString(log)).isTrue();
            receiver.destroyForcibly();
            assertThat(receiver.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        generating.get(10, TimeUnit.MINUTES);
        // what the killed receivers delivered (the file may hold more: a torn or unrecorded tail the drain truncates)
        long delivered = Checkpoint.load(checkpoint).sinkLength();
        List<String> killed = Files.exists(out) ? new String(Files.readAllBytes(out), 0, (int) delivered,
                StandardCharsets.UTF_8).lines().toList() : List.of();
        for (Signal signal : Signal.values()) {
            System.out.printf("KILLNINE before the drain: %s %d lines%n", signal,
                    killed.stream().filter(line -> line.startsWith(ExportReplay.linePrefix(signal))).count());
        }
        System.out.printf("KILLNINE %d of %d kills after a delivery of the awaited signal%n", amidDeliveries, KILLS);
        assertThat(killed).as("lines the killed receivers delivered").isNotEmpty();

        CliRun last = CliRun.run("otap", "replay", base.toString(), "--out", out.toString(),
                "--checkpoint", checkpoint.toString(), "--progress", "never");
        assertThat(last.exitCode()).as(last.err()).isZero();

        List<String> output = Files.readAllLines(out);
        int lines = 0;
        for (Signal signal : Signal.values()) {
            // no loss, no duplicates: the killed and restarted receiver wrote exactly what one uninterrupted replay of
            // the final export writes, line for line (root files in the order they became visible: rootFileOrdered puts
            // them in creation order, and picks the signal's lines)
            ExportReplay replay = ExportReplay.of(base, signal);
            assertThat(replay.rootFileOrdered(output)).as("%s lines", signal).isNotEmpty()
                    .containsExactlyElementsOf(replay.lines());
            lines += replay.batches().size();
            // and that is the generator's input, record by record whatever the batch boundaries (compared as messages:
            // JsonFormat, the OTLP/JSON oracle, reads -0.0 as 0.0); the ids are offset, so every record joins exactly
            List<Message> golden = Golden.records(signal, input, exporter);
            assertThat(replay.records()).as("%s records", signal).containsExactlyElementsOf(golden);
        }
        assertThat(output).hasSize(lines);
    }

    /**
     * Waits until the receiver records a batch of {@code signal} (true), dies, or 20 s pass (false): about 2 s on an
     * idle machine, several times that on a loaded one, where every awaited kill gave up at 6 s and nothing was
     * delivered before the drain.
     */
    private static boolean awaitDelivery(Path checkpoint, Signal signal, Map<String, PartitionProgress> before,
                                         Process receiver) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline && receiver.isAlive()) {
            if (!Checkpoint.load(checkpoint).progress(signal).equals(before)) return true;
            sleep(10);
        }
        return false;
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
