package io.pqflux.otap.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.logs.v1.LogsData;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.error.CorruptFileException;
import io.pqflux.error.SourceLocation;
import io.pqflux.otap.OtapException;
import io.pqflux.otap.OtapTable;
import io.pqflux.otap.ReplayedBatch;
import io.pqflux.otap.Signal;
import io.pqflux.otlp.testing.OtlpJsonDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The receiver over {@link FakeExport}: resumption, exactly-once file output across crashes, file age, quarantine. */
class OtapReceiverTest {

    private static final String P1 = "11111111-1111-1111-1111-111111111111";
    private static final String P2 = "22222222-2222-2222-2222-222222222222";
    private static final long NOW = 1_750_000_000_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final FakeExport export = new FakeExport();

    @Test
    void deliversEveryBatchOnceAndResumesAfterTheCheckpoint() throws Exception {
        export.addRootFile(Signal.LOGS, P1, NOW - 5000, 3, 4);
        export.addRootFile(Signal.LOGS, P1, NOW - 4000, 2);
        export.addRootFile(Signal.LOGS, P2, NOW - 4500, 1, 1, 1);
        export.addRootFile(Signal.TRACES, P1, NOW - 4000, 10);
        List<ReceiverEvent> first = runOnce(options());
        assertThat(first).filteredOn(ReceiverEvent.Delivered.class::isInstance).hasSize(7);
        assertThat(first.getLast()).isEqualTo(new ReceiverEvent.Polled(4, 2, 0));
        assertThat(outputRecords()).containsExactlyElementsOf(expected());
        Checkpoint checkpoint = Checkpoint.load(checkpointFile());
        assertThat(checkpoint.positions(Signal.LOGS)).containsOnlyKeys(P1, P2);
        assertThat(checkpoint.positions(Signal.LOGS).get(P1).endRow()).isEqualTo(2);
        assertThat(checkpoint.sinkLength()).isEqualTo(Files.size(output()));

        List<String> firstOutput = outputRecords();
        String laterLogs = export.addRootFile(Signal.LOGS, P1, NOW - 1000, 5);
        String laterSpans = export.addRootFile(Signal.TRACES, P2, NOW - 1000, 1);
        List<ReceiverEvent> second = runOnce(options());
        assertThat(second).filteredOn(ReceiverEvent.Delivered.class::isInstance)
                .map(e -> ((ReceiverEvent.Delivered) e).position().rootFile()).containsExactly(laterLogs, laterSpans);
        List<String> appended = new ArrayList<>(firstOutput);
        appended.addAll(List.of(laterLogs + "#5", laterSpans + "#1"));
        assertThat(outputRecords()).containsExactlyElementsOf(appended).containsExactlyInAnyOrderElementsOf(expected());

        assertThat(runOnce(options())).containsExactly(new ReceiverEvent.Polled(6, 2, 0));
        assertThat(outputRecords()).containsExactlyElementsOf(appended);
    }

    @Test
    void aCrashBetweenTheAppendAndTheCheckpointNeitherLosesNorRepeats() throws Exception {
        export.addRootFile(Signal.LOGS, P1, NOW - 5000, 1, 1, 1, 1);
        export.addRootFile(Signal.LOGS, P2, NOW - 5000, 1, 1);
        export.addRootFile(Signal.TRACES, P2, NOW - 5000, 1, 1);
        // every run dies at its second delivery, so each one records one batch more than the one before
        for (int run = 1; run < 8; run++) {
            AtomicInteger count = new AtomicInteger();
            try (FileSink file = FileSink.of(output())) {
                // the batch reaches the file, then the process "dies" before the checkpoint records it
                ReceiverSink crashing = new ReceiverSink() {
                    @Override
                    public void start(long committedLength) {
                        file.start(committedLength);
                    }

                    @Override
                    public Mono<Long> deliver(ReplayedBatch<?> batch) {
                        return file.deliver(batch).flatMap(length -> count.incrementAndGet() == 2
                                ? Mono.error(new IllegalStateException("crash")) : Mono.just(length));
                    }

                    @Override
                    public void close() {
                    }
                };
                StepVerifier.create(OtapReceiver.over(export, crashing, options()).run())
                        .thenConsumeWhile(e -> true).verifyErrorMessage("crash");
            }
            // each crash leaves one more line than the checkpoint records; the restart drops it
            assertThat(Files.size(output())).isGreaterThan(Checkpoint.load(checkpointFile()).sinkLength());
        }
        runOnce(options());
        assertThat(outputRecords()).containsExactlyElementsOf(expected()).hasSize(8);
    }

    @Test
    void rootFilesYoungerThanTheMinimumAgeWaitForALaterPoll() throws Exception {
        export.addRootFile(Signal.LOGS, P1, NOW - 60_000, 1);
        String young = export.addRootFile(Signal.LOGS, P1, NOW - 10_000, 1);
        export.addRootFile(Signal.LOGS, P2, NOW - 1_000, 1);
        ReceiverOptions options = options().withMinFileAge(Duration.ofSeconds(30));

        List<ReceiverEvent> first = runOnce(options);
        assertThat(first.getLast()).isEqualTo(new ReceiverEvent.Polled(3, 2, 2));
        assertThat(outputRecords()).hasSize(1);

        List<ReceiverEvent> later = runOnce(options.withClock(Clock.offset(CLOCK, Duration.ofSeconds(25))));
        assertThat(later.getLast()).isEqualTo(new ReceiverEvent.Polled(3, 2, 1));
        assertThat(outputRecords()).hasSize(2).last().asString().startsWith(young);

        runOnce(options.withClock(Clock.offset(CLOCK, Duration.ofSeconds(60))));
        assertThat(outputRecords()).containsExactlyElementsOf(expected());
    }

    @Test
    void aFileWhoseReplayFailsIsQuarantinedAndTheRestGoesOn() throws Exception {
        export.addRootFile(Signal.LOGS, P1, NOW - 9000, 1, 1);
        String corruptRoot = export.addRootFile(Signal.LOGS, P1, NOW - 8000, 1, 1);
        export.addRootFile(Signal.LOGS, P1, NOW - 7000, 1);
        String corruptChild = export.addChildFile(OtapTable.LOG_ATTRS, P2, NOW - 9500);
        export.addRootFile(Signal.LOGS, P2, NOW - 9000, 1, 1);
        export.corrupt(corruptRoot, new CorruptFileException("bad page header",
                SourceLocation.ofFile(FakeExport.BASE + "/" + corruptRoot).withRowGroup(0)));
        export.corrupt(corruptChild, new OtapException(OtapException.Reason.BAD_SCHEMA, FakeExport.BASE + "/" + corruptChild,
                "parent_id is a string"));

        List<ReceiverEvent> events = runOnce(options());
        assertThat(events).filteredOn(ReceiverEvent.Quarantined.class::isInstance)
                .map(e -> ((ReceiverEvent.Quarantined) e).file().path()).containsExactly(corruptRoot, corruptChild);
        assertThat(outputRecords()).containsExactlyElementsOf(expected()).hasSize(5)
                .noneMatch(record -> record.startsWith(corruptRoot));
        Checkpoint checkpoint = Checkpoint.load(checkpointFile());
        assertThat(checkpoint.quarantine()).extracting(QuarantinedFile::path).containsExactly(corruptRoot, corruptChild);
        assertThat(checkpoint.quarantine().getFirst().error()).contains("bad page header");
        assertThat(events.getLast()).isEqualTo(new ReceiverEvent.Polled(3, 2, 0));

        // a later run does not try them again: one replay per signal, no quarantine
        int replays = export.replays.get();
        assertThat(runOnce(options())).containsExactly(new ReceiverEvent.Polled(3, 2, 0));
        assertThat(export.replays.get() - replays).isEqualTo(2);
        assertThat(outputRecords()).hasSize(5);
    }

    @Test
    void anErrorNamingNoListedFileEndsTheRunAndKeepsWhatWasDelivered() throws Exception {
        export.addRootFile(Signal.LOGS, P1, NOW - 9000, 1, 1);
        String root = export.addRootFile(Signal.LOGS, P1, NOW - 8000, 1);
        export.corrupt(root, new OtapException(OtapException.Reason.UNSUPPORTED, FakeExport.BASE, "64-bit ids"));
        try (FileSink sink = FileSink.of(output())) {
            StepVerifier.create(OtapReceiver.over(export, sink, options()).run())
                    .expectNextCount(2).verifyErrorMessage(FakeExport.BASE + ": 64-bit ids");
        }
        Checkpoint checkpoint = Checkpoint.load(checkpointFile());
        assertThat(checkpoint.quarantine()).isEmpty();
        assertThat(checkpoint.positions(Signal.LOGS).get(P1).endRow()).isEqualTo(2);
        assertThat(outputRecords()).hasSize(2);
    }

    @Test
    void followingPicksUpFilesAsTheyArriveUntilCancelled() throws Exception {
        export.addRootFile(Signal.LOGS, P1, NOW - 9000, 1);
        ReceiverOptions options = options().withFollow(true).withPollInterval(Duration.ofMillis(20));
        List<String> delivered = new ArrayList<>();
        try (FileSink sink = FileSink.of(output())) {
            StepVerifier.create(OtapReceiver.over(export, sink, options).run()
                            .filter(ReceiverEvent.Delivered.class::isInstance)
                            .map(e -> ((ReceiverEvent.Delivered) e).position().rootFile()))
                    .consumeNextWith(delivered::add)
                    .then(() -> export.addRootFile(Signal.LOGS, P2, NOW - 8000, 1))
                    .consumeNextWith(delivered::add)
                    .then(() -> export.addRootFile(Signal.TRACES, P1, NOW - 7000, 1))
                    .consumeNextWith(delivered::add)
                    .thenCancel()
                    .verify(Duration.ofSeconds(10));
        }
        assertThat(delivered).hasSize(3).doesNotHaveDuplicates();
        assertThat(outputRecords()).containsExactlyInAnyOrderElementsOf(expected());
    }

    @Test
    void withoutACheckpointFileTheCheckpointLivesInMemory() {
        export.addRootFile(Signal.LOGS, P1, NOW - 9000, 2, 2);
        try (FileSink sink = FileSink.of(output())) {
            OtapReceiver receiver = OtapReceiver.over(export, sink, ReceiverOptions.defaults().withClock(CLOCK)
                    .withSignals(Set.of(Signal.LOGS)));
            StepVerifier.create(receiver.run()).expectNextCount(3).verifyComplete();
            assertThat(receiver.checkpoint().positions(Signal.LOGS).get(P1).endRow()).isEqualTo(4);
        }
        assertThat(dir.resolve("cp.json")).doesNotExist();
    }

    private ReceiverOptions options() {
        return ReceiverOptions.defaults().withSignals(Set.of(Signal.LOGS, Signal.TRACES))
                .withCheckpoint(checkpointFile()).withClock(CLOCK);
    }

    /** One pass with a fresh receiver and file sink, as a restarted process would make them. */
    private List<ReceiverEvent> runOnce(ReceiverOptions options) {
        try (FileSink sink = FileSink.of(output())) {
            return OtapReceiver.over(export, sink, options).run().collectList().block(Duration.ofSeconds(30));
        }
    }

    private List<String> expected() {
        List<String> all = new ArrayList<>(export.expectedRecords(Signal.LOGS));
        all.addAll(export.expectedRecords(Signal.TRACES));
        return all;
    }

    /** The output's records, each line decoded by JsonFormat. */
    private List<String> outputRecords() throws IOException {
        return Files.readAllLines(output()).stream().map(line -> FakeExport.text(line.startsWith("{\"resourceLogs\"")
                ? OtlpJsonDecoder.decode(line, LogsData.getDefaultInstance())
                : OtlpJsonDecoder.decode(line, TracesData.getDefaultInstance()))).toList();
    }

    private Path output() {
        return dir.resolve("out.jsonl");
    }

    private Path checkpointFile() {
        return dir.resolve("cp.json");
    }
}
