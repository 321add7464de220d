package io.pqflux.otap.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Message;
import io.pqflux.error.CorruptFileException;
import io.pqflux.error.SourceLocation;
import io.pqflux.otap.ExportListing;
import io.pqflux.otap.OtapException;
import io.pqflux.otap.OtapExport;
import io.pqflux.otap.OtapTable;
import io.pqflux.otap.PartFile;
import io.pqflux.otap.PartitionProgress;
import io.pqflux.otap.ReplayOptions;
import io.pqflux.otap.ReplayedBatch;
import io.pqflux.otap.Signal;
import io.pqflux.otap.generator.ExportReplay;
import io.pqflux.otap.generator.ExporterSettings;
import io.pqflux.otap.generator.ExporterSimulator;
import io.pqflux.otap.generator.Golden;
import io.pqflux.otap.generator.OtlpSamples;
import io.pqflux.otap.generator.RecordCheck;
import io.pqflux.otlp.OtlpJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The receiver over {@link FakeExport} (resumption, exactly-once file output across crashes, file age, quarantine) and
 * over exports the generator writes, of each signal and of all three mixed, compared with the generator's input.
 */
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
        String firstLogs = export.addRootFile(Signal.LOGS, P1, NOW - 5000, 3, 4);
        String secondLogs = export.addRootFile(Signal.LOGS, P1, NOW - 4000, 2);
        export.addRootFile(Signal.LOGS, P2, NOW - 4500, 1, 1, 1);
        export.addRootFile(Signal.TRACES, P1, NOW - 4000, 10);
        List<ReceiverEvent> first = runOnce(options());
        assertThat(first).filteredOn(ReceiverEvent.Delivered.class::isInstance).hasSize(7);
        assertThat(first.getLast()).isEqualTo(new ReceiverEvent.Polled(4, 2, 0));
        assertThat(outputRecords()).containsExactlyElementsOf(expected());
        Checkpoint checkpoint = Checkpoint.load(checkpointFile());
        assertThat(checkpoint.progress(Signal.LOGS)).containsOnlyKeys(P1, P2);
        assertThat(checkpoint.progress(Signal.LOGS).get(P1).consumedRows())
                .containsOnly(Map.entry(firstLogs, 7L), Map.entry(secondLogs, 2L));
        assertThat(checkpoint.sinkLength()).isEqualTo(Files.size(output()));

        List<String> firstOutput = outputRecords();
        String laterLogs = export.addRootFile(Signal.LOGS, P1, NOW - 1000, 5);
        String laterSpans = export.addRootFile(Signal.TRACES, P2, NOW - 1000, 1);
        String laterMetrics = export.addRootFile(Signal.METRICS, P1, NOW - 1000, 2, 1);
        List<ReceiverEvent> second = runOnce(options());
        assertThat(second).filteredOn(ReceiverEvent.Delivered.class::isInstance)
                .map(e -> ((ReceiverEvent.Delivered) e).position().rootFile())
                .containsExactly(laterLogs, laterSpans, laterMetrics, laterMetrics);
        List<String> appended = new ArrayList<>(firstOutput);
        appended.addAll(List.of(laterLogs + "#5", laterSpans + "#1", laterMetrics + "#2", laterMetrics + "#3"));
        assertThat(outputRecords()).containsExactlyElementsOf(appended).containsExactlyInAnyOrderElementsOf(expected());

        assertThat(runOnce(options())).containsExactly(new ReceiverEvent.Polled(7, 2, 0));
        assertThat(outputRecords()).containsExactlyElementsOf(appended);
    }

    @Test
    void aCrashBetweenTheAppendAndTheCheckpointNeitherLosesNorRepeats() throws Exception {
        export.addRootFile(Signal.LOGS, P1, NOW - 5000, 1, 1, 1, 1);
        export.addRootFile(Signal.LOGS, P2, NOW - 5000, 1, 1);
        export.addRootFile(Signal.TRACES, P2, NOW - 5000, 1, 1);
        export.addRootFile(Signal.METRICS, P1, NOW - 5000, 1, 1);
        // every run dies at its second delivery, so each one records one batch more than the one before
        for (int run = 1; run < 10; run++) {
            assertThat(crashingRun(export, options(), 2)).isTrue();
            // each crash leaves one more line than the checkpoint records; the restart drops it
            assertThat(Files.size(output())).isGreaterThan(Checkpoint.load(checkpointFile()).sinkLength());
        }
        assertThat(crashingRun(export, options(), 2)).isFalse();
        assertThat(outputRecords()).containsExactlyElementsOf(expected()).hasSize(10);
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
        assertThat(export.replays.get() - replays).isEqualTo(3);
        assertThat(outputRecords()).hasSize(5);
    }

    @Test
    void aRootFileVisibleAfterALaterOneOfItsPartitionIsStillDelivered() throws Exception {
        // the exporter renames a root file only once its children are flushed: a later file can become visible first
        String later = export.addRootFile(Signal.LOGS, P1, NOW - 4000, 2, 3);
        assertThat(runOnce(options())).filteredOn(ReceiverEvent.Delivered.class::isInstance).hasSize(2);
        String earlier = export.addRootFile(Signal.LOGS, P1, NOW - 5000, 1, 4);
        String last = export.addRootFile(Signal.LOGS, P1, NOW - 3000, 2);
        List<ReceiverEvent> second = runOnce(options());
        assertThat(second).filteredOn(ReceiverEvent.Delivered.class::isInstance)
                .map(e -> ((ReceiverEvent.Delivered) e).position().rootFile())
                .containsExactly(earlier, earlier, last);
        assertThat(outputRecords()).containsExactly(later + "#2", later + "#5", earlier + "#1", earlier + "#5", last + "#2");
        assertThat(Checkpoint.load(checkpointFile()).progress(Signal.LOGS).get(P1).consumedRows())
                .containsOnly(Map.entry(later, 5L), Map.entry(earlier, 5L), Map.entry(last, 2L));
        // nothing twice, whatever the order the files became visible in
        assertThat(runOnce(options())).noneMatch(ReceiverEvent.Delivered.class::isInstance);
        assertThat(outputRecords()).hasSize(5);
    }

    @Test
    void aRootFileTheExportNoLongerListsIsForgottenByTheCheckpoint() throws Exception {
        String old = export.addRootFile(Signal.LOGS, P1, NOW - 5000, 1);
        String kept = export.addRootFile(Signal.LOGS, P1, NOW - 4000, 1);
        runOnce(options());
        export.delete(old);
        // forgotten in memory at the next poll, and on disk with the checkpoint its next delivery writes
        String next = export.addRootFile(Signal.LOGS, P1, NOW - 3000, 1);
        runOnce(options());
        assertThat(Checkpoint.load(checkpointFile()).progress(Signal.LOGS).get(P1).consumedRows())
                .containsOnlyKeys(kept, next);
    }

    @Test
    void aFormatOneCheckpointGoesOnAfterRetentionDeletesTheFileItsPositionNames() throws Exception {
        String first = export.addRootFile(Signal.LOGS, P1, NOW - 9000, 1, 1);
        String named = export.addRootFile(Signal.LOGS, P1, NOW - 8000, 2, 2);
        String later = export.addRootFile(Signal.LOGS, P1, NOW - 7000, 1);
        // as a receiver that kept one position per partition left it: the first file and named's first batch delivered
        Files.writeString(checkpointFile(), "{\"format\":1,\"sinkLength\":0,\"positions\":{\"logs\":{\"" + P1
                + "\":{\"rootFile\":\"" + named + "\",\"endRow\":2}}},\"quarantine\":[]}");
        runOnce(options());
        assertThat(outputRecords()).containsExactly(named + "#4", later + "#1");
        PartitionProgress progress = Checkpoint.load(checkpointFile()).progress(Signal.LOGS).get(P1);
        assertThat(progress.upTo()).isNull();
        assertThat(progress.consumedRows()).containsOnly(Map.entry(first, Long.MAX_VALUE), Map.entry(named, 4L),
                Map.entry(later, 1L));

        // retention deletes the oldest files, the position's among them: the receiver goes on
        export.delete(first);
        export.delete(named);
        String next = export.addRootFile(Signal.LOGS, P1, NOW - 6000, 3);
        List<ReceiverEvent> events = runOnce(options());
        assertThat(events).filteredOn(ReceiverEvent.Delivered.class::isInstance).hasSize(1);
        assertThat(outputRecords()).containsExactly(named + "#4", later + "#1", next + "#3");
        assertThat(Checkpoint.load(checkpointFile()).progress(Signal.LOGS).get(P1).consumedRows())
                .containsOnlyKeys(later, next);
    }

    @Test
    void anErrorNamingNoListedFileEndsTheRunAndKeepsWhatWasDelivered() throws Exception {
        String delivered = export.addRootFile(Signal.LOGS, P1, NOW - 9000, 1, 1);
        String root = export.addRootFile(Signal.LOGS, P1, NOW - 8000, 1);
        export.corrupt(root, new OtapException(OtapException.Reason.UNSUPPORTED, FakeExport.BASE, "64-bit ids"));
        try (FileSink sink = FileSink.of(output())) {
            StepVerifier.create(OtapReceiver.over(export, sink, options()).run())
                    .expectNextCount(2).verifyErrorMessage(FakeExport.BASE + ": 64-bit ids");
        }
        Checkpoint checkpoint = Checkpoint.load(checkpointFile());
        assertThat(checkpoint.quarantine()).isEmpty();
        assertThat(checkpoint.progress(Signal.LOGS).get(P1).consumedRows()).containsOnly(Map.entry(delivered, 2L));
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
        String logs = export.addRootFile(Signal.LOGS, P1, NOW - 9000, 2, 2);
        try (FileSink sink = FileSink.of(output())) {
            OtapReceiver receiver = OtapReceiver.over(export, sink, ReceiverOptions.defaults().withClock(CLOCK)
                    .withSignals(Set.of(Signal.LOGS)));
            StepVerifier.create(receiver.run()).expectNextCount(3).verifyComplete();
            assertThat(receiver.checkpoint().progress(Signal.LOGS).get(P1).consumedRows()).containsOnly(Map.entry(logs, 4L));
        }
        assertThat(dir.resolve("cp.json")).doesNotExist();
    }

    // ---------------------------------------------------------------- exports the generator writes

    /** The generated exports the receiver is tried on, each compared with the generator's input record by record. */
    enum Generated {
        LOGS, TRACES, METRICS,
        /** Interleaved batches of all three signals into one exporter: shared resource/scope attribute tables. */
        MIXED;

        private static final long SEED = 19;
        private static final int BATCHES = 12;
        private static final int RECORDS = 8;

        List<Message> input() {
            return switch (this) {
                case LOGS -> List.copyOf(OtlpSamples.logs(SEED, BATCHES, RECORDS));
                case TRACES -> List.copyOf(OtlpSamples.traces(SEED, BATCHES, RECORDS));
                case METRICS -> List.copyOf(OtlpSamples.metrics(SEED, BATCHES, RECORDS));
                case MIXED -> OtlpSamples.mixed(SEED, 2 * BATCHES, RECORDS);
            };
        }

        /**
         * Root files of two batches, and an id space that two partitions or more share. The single-signal exports
         * keep the exporter's defaults. The mixed export has its resource and scope ids offset (FIXED): with the
         * exporter's un-offset ids the batch-aware join cannot always join resource/scope attributes (that join is
         * being rewritten). Even so it leaves the resource/scope attributes of many of its records off (reported): a
         * root file's two batches of a signal run together, and the other signals' attribute rows between them are
         * claimed by none of their roots.
         */
        ExporterSettings settings() {
            ExporterSettings settings = ExporterSettings.defaults().withSeed(SEED).withRotateRows(2 * RECORDS)
                    .withMaxIdsPerPartition(this == MIXED ? 120 : 40).withRowGroupRows(40).withPageRows(7);
            return this == MIXED ? settings.withResourceScopeIds(ExporterSettings.ResourceScopeIds.FIXED) : settings;
        }

        List<Signal> signals() {
            return switch (this) {
                case LOGS -> List.of(Signal.LOGS);
                case TRACES -> List.of(Signal.TRACES);
                case METRICS -> List.of(Signal.METRICS);
                case MIXED -> List.of(Signal.values());
            };
        }
    }

    @ParameterizedTest
    @EnumSource(Generated.class)
    void aGeneratedExportIsDeliveredExactlyOnceByRunsAsItsFilesAppear(Generated generated) throws Exception {
        Written written = write(generated);
        List<Long> deliveredPerRun = new ArrayList<>();
        List<ReceiverEvent.Delivered> deliveries = runsAsFilesAppear(written.exporter(), generated.signals(),
                deliveredPerRun);
        if (generated == Generated.MIXED) {
            // a logs batch delivered before the traces and metrics root files around its ids are visible cannot
            // tell whether those batches claim its resource and scope rows: left off and reported, never wrong
            assertIsTheInputLeftOffWhereReported(written, outputLines(), deliveries);
        } else {
            assertIsTheInput(written, outputLines());
        }
        // every run resumed after the ones before and delivered the new root file's batches
        assertThat(deliveredPerRun).as("batches delivered per run").hasSizeGreaterThan(3).allMatch(n -> n > 0);
        List<String> complete = outputLines();
        assertThat(delivered(runOnce(BatchSource.of(OtapExport.local(base())), generatedOptions()))).isZero();
        assertThat(outputLines()).isEqualTo(complete);
    }

    /**
     * The exporter renames a root file only once its children's files are, so a later root file of the same table and
     * partition can become visible first. A receiver polling in between delivers the later file's batches, and the
     * earlier file's when it appears: every batch once, each exactly as one uninterrupted replay of the final export
     * joins it (its ids are offset), and the records are the generator's input.
     */
    @Test
    void rootFilesVisibleAfterLaterOnesAreDeliveredOnceAsTheyAppear() throws Exception {
        long seed = 10;
        List<Message> input = OtlpSamples.mixed(seed, 40, 5);
        ExporterSimulator exporter = new ExporterSimulator(base(), ExporterSettings.defaults().withSeed(seed)
                .withResourceScopeIds(ExporterSettings.ResourceScopeIds.FIXED).withRotateRows(15));
        input.forEach(exporter::write);
        exporter.close();
        List<String> late = rootFilesFinishedAfterALaterOne(exporter);
        assertThat(late).as("root files that became visible after a later one of their table and partition")
                .isNotEmpty();

        List<Long> deliveredPerRun = new ArrayList<>();
        runsAsFilesAppear(exporter, List.of(Signal.values()), deliveredPerRun);
        List<String> output = outputLines();
        int lines = 0;
        int deliveredOutOfCreationOrder = 0;
        for (Signal signal : Signal.values()) {
            ExportReplay replay = ExportReplay.of(base(), signal);
            List<String> ordered = replay.rootFileOrdered(output);
            assertThat(ordered).as("%s lines", signal).containsExactlyElementsOf(replay.lines());
            assertThat(replay.records()).as("%s records", signal)
                    .containsExactlyElementsOf(Golden.records(signal, input, exporter));
            lines += replay.batches().size();
            if (!output.stream().filter(line -> ExportReplay.signalOf(line) == signal).toList().equals(ordered)) {
                deliveredOutOfCreationOrder++;
            }
        }
        assertThat(output).hasSize(lines);
        // the late files' batches came after those of the later files visible before them
        assertThat(deliveredOutOfCreationOrder).as("signals delivered out of creation order").isPositive();
        assertThat(deliveredPerRun).allMatch(n -> n > 0);
    }

    /**
     * The same with the exporter's own resource and scope ids (not offset): a later root file joined while an earlier
     * one is not visible yet may leave resource and scope attributes off (reported), but never takes another batch's,
     * and every batch is delivered once.
     */
    @Test
    void rootFilesVisibleAfterLaterOnesNeverTakeAnotherBatchsAttributesWithTheExportersIds() throws Exception {
        long seed = 10; // its spans files, rotating every 15 rows, include one finished after a later one
        List<Message> input = List.copyOf(OtlpSamples.traces(seed, 60, 5));
        ExporterSimulator exporter = new ExporterSimulator(base(), ExporterSettings.defaults().withSeed(seed)
                .withRotateRows(15));
        input.forEach(exporter::write);
        exporter.close();
        assertThat(rootFilesFinishedAfterALaterOne(exporter)).as("spans files finished after a later one").isNotEmpty();

        List<ReceiverEvent.Delivered> deliveries = runsAsFilesAppear(exporter, List.of(Signal.TRACES), new ArrayList<>());
        assertThat(outputLines()).hasSize(ExportReplay.of(base(), Signal.TRACES).batches().size());
        assertIsTheInputLeftOffWhereReported(new Written(Generated.TRACES, input, exporter), outputLines(), deliveries);
    }

    /** The root files the exporter finished after a file of their table and partition that it created later. */
    private List<String> rootFilesFinishedAfterALaterOne(ExporterSimulator exporter) {
        List<String> late = new ArrayList<>();
        Map<Path, String> latestNameByDirectory = new HashMap<>();
        for (Path file : exporter.finishedFiles()) {
            String table = base().relativize(file).getName(0).toString();
            boolean root = Arrays.stream(Signal.values()).anyMatch(s -> s.root().directory().equals(table));
            // part-<millis>-<uuid>.parquet: the millis have as many digits for every file here, so names sort by them
            String name = file.getFileName().toString();
            String latest = latestNameByDirectory.merge(file.getParent(), name, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            if (root && !latest.equals(name)) late.add(base().relativize(file).toString());
        }
        return late;
    }

    /**
     * Runs a fresh receiver (a restarted process) over the generated export as it was whenever a root file of {@code
     * signals} had just become visible: the files finished until then, in the order the exporter finished them (a file
     * rare rows go to may stay open until the exporter closes, so the writes' own timing would show little). Adds the
     * batches each run delivered to {@code deliveredPerRun}; returns the deliveries.
     */
    private List<ReceiverEvent.Delivered> runsAsFilesAppear(ExporterSimulator exporter, List<Signal> signals,
                                                           List<Long> deliveredPerRun) {
        List<String> finished = exporter.finishedFiles().stream()
                .map(f -> base().relativize(f).toString().replace('\\', '/')).toList();
        Set<String> visible = ConcurrentHashMap.newKeySet();
        BatchSource export = BatchSource.of(OtapExport.local(base()));
        BatchSource appearing = new BatchSource() {
            @Override
            public Mono<ExportListing> listing() {
                return export.listing().map(all -> new ExportListing(all.base(),
                        all.files().stream().filter(f -> visible.contains(f.path())).toList(), all.skipped()));
            }

            @Override
            public Flux<ReplayedBatch<Message>> replay(ExportListing listing, Signal signal, ReplayOptions options) {
                return export.replay(listing, signal, options);
            }
        };
        Set<OtapTable> roots = EnumSet.noneOf(OtapTable.class);
        signals.forEach(s -> roots.add(s.root()));
        List<ReceiverEvent.Delivered> deliveries = new ArrayList<>();
        for (String file : finished) {
            visible.add(file);
            if (roots.stream().anyMatch(root -> file.startsWith(root.directory() + "/"))) {
                List<ReceiverEvent> events = runOnce(appearing, generatedOptions());
                events.stream().filter(ReceiverEvent.Delivered.class::isInstance).map(ReceiverEvent.Delivered.class::cast)
                        .forEach(deliveries::add);
                deliveredPerRun.add(delivered(events));
            }
        }
        return deliveries;
    }

    /** Partitions replayed at once interleave, but each partition's batches are the ones, in the order, it has alone. */
    @ParameterizedTest
    @EnumSource(Generated.class)
    void partitionsReplayedInParallelKeepEachPartitionsBatchesInOrder(Generated generated) {
        write(generated);
        for (Signal signal : generated.signals()) {
            Map<String, List<String>> oneByOne = byPartition(ExportReplay.of(base(), signal).batches());
            assertThat(oneByOne).as("%s partitions", signal).hasSizeGreaterThan(1);
            List<ReplayedBatch<Message>> parallel = OtapExport.local(base())
                    .<Message>replay(signal, ReplayOptions.defaults().withPartitionsInParallel(3))
                    .collectList().block(Duration.ofMinutes(1));
            assertThat(byPartition(parallel)).as(signal.toString()).isEqualTo(oneByOne);
        }
    }

    private static Map<String, List<String>> byPartition(List<ReplayedBatch<Message>> batches) {
        Map<String, List<String>> lines = new TreeMap<>();
        for (ReplayedBatch<Message> batch : batches) {
            lines.computeIfAbsent(batch.position().partition(), p -> new ArrayList<>()).add(OtlpJson.write(batch.data()));
        }
        return lines;
    }

    @ParameterizedTest
    @EnumSource(Generated.class)
    void crashesBetweenTheAppendAndTheCheckpointNeitherLoseNorRepeatAGeneratedExportsRecords(Generated generated)
            throws Exception {
        Written written = write(generated);
        BatchSource source = BatchSource.of(OtapExport.local(base()));
        int batches = generated.signals().stream().mapToInt(s -> ExportReplay.of(base(), s).batches().size()).sum();
        // every run dies at its second delivery, after the append, before the checkpoint: one batch further each time
        int crashes = 0;
        while (crashingRun(source, generatedOptions(), 2)) {
            crashes++;
            assertThat(crashes).as("runs that crashed").isLessThan(batches);
            assertThat(Files.size(output())).isGreaterThan(Checkpoint.load(checkpointFile()).sinkLength());
        }
        assertThat(crashes).isEqualTo(batches - 1);
        assertIsTheInput(written, outputLines());
    }

    /**
     * The same through a delimited protobuf output of one signal: after every crash the file holds, message for
     * message, the batches one uninterrupted replay encodes, each once, and they are the generator's input.
     */
    @ParameterizedTest
    @EnumSource(value = Generated.class, names = {"LOGS", "TRACES", "METRICS"})
    void aProtobufOutputThroughCrashesHoldsEachBatchOnceAsTheReplayEncodesIt(Generated generated) throws Exception {
        Written written = write(generated);
        Signal signal = generated.signals().getFirst();
        Path out = dir.resolve("out.binpb");
        ExportReplay replay = ExportReplay.of(base(), signal);
        int crashes = 0;
        while (crashingRun(() -> FileSink.protobuf(out, signal), BatchSource.of(OtapExport.local(base())),
                generatedOptions().withSignals(Set.of(signal)), 2)) {
            crashes++;
            assertThat(crashes).as("runs that crashed").isLessThan(replay.batches().size());
        }
        assertThat(crashes).isEqualTo(replay.batches().size() - 1);
        List<Message> messages = new ArrayList<>();
        try (InputStream in = Files.newInputStream(out)) {
            for (Message m; (m = FakeExport.data(signal, "").getParserForType().parseDelimitedFrom(in)) != null; ) {
                messages.add(m);
            }
        }
        assertThat(messages).containsExactlyElementsOf(replay.batches().stream().map(ReplayedBatch::data).toList());
        assertThat(replay.records()).containsExactlyElementsOf(written.golden(signal));
    }

    @ParameterizedTest
    @EnumSource(Generated.class)
    void aCorruptRootFileOfAGeneratedExportIsQuarantinedAndEveryOtherBatchDelivered(Generated generated)
            throws Exception {
        Written written = write(generated);
        Map<Signal, ExportReplay> intact = new EnumMap<>(Signal.class);
        for (Signal signal : generated.signals()) intact.put(signal, ExportReplay.of(base(), signal));
        for (Signal signal : generated.signals()) {
            ExportReplay replay = intact.get(signal);
            assertThat(replay.records()).as("%s before the corruption", signal)
                    .containsExactlyElementsOf(written.golden(signal));
        }
        // of every signal, its middle root file: batches before it are delivered, the ones after it follow
        ExportListing listing = OtapExport.local(base()).listing().block();
        List<String> corrupt = new ArrayList<>();
        for (Signal signal : generated.signals()) {
            List<PartFile> roots = listing.partitions().stream().flatMap(p -> listing.files(signal.root(), p).stream()).toList();
            assertThat(roots).as("%s root files", signal).hasSizeGreaterThan(2);
            String victim = roots.get(roots.size() / 2).path();
            byte[] bytes = Files.readAllBytes(base().resolve(victim));
            bytes[bytes.length - 8] = (byte) 0xff; // a footer length pointing before the file's start
            bytes[bytes.length - 7] = (byte) 0xff;
            Files.write(base().resolve(victim), bytes);
            corrupt.add(victim);
        }

        List<ReceiverEvent> events = runOnce(BatchSource.of(OtapExport.local(base())), generatedOptions());
        assertThat(events).filteredOn(ReceiverEvent.Quarantined.class::isInstance).map(e -> (ReceiverEvent.Quarantined) e)
                // found by the replay that read it first: a logs replay reads the traces and metrics roots too
                .extracting(q -> q.file().path()).containsExactlyInAnyOrderElementsOf(corrupt);
        List<String> output = outputLines();
        for (Signal signal : generated.signals()) {
            ExportReplay replay = intact.get(signal);
            List<String> rest = new ExportReplay(signal, replay.batches().stream()
                    .filter(b -> !corrupt.contains(b.position().rootFile())).toList()).lines();
            assertThat(rest).as("%s batches outside the corrupt file", signal).hasSizeLessThan(replay.batches().size());
            assertThat(replay.rootFileOrdered(output)).as(signal.toString()).containsExactlyElementsOf(rest);
        }
        assertThat(Checkpoint.load(checkpointFile()).quarantine()).extracting(QuarantinedFile::path)
                .containsExactlyInAnyOrderElementsOf(corrupt);

        // a restart neither tries them again nor delivers anything twice
        assertThat(runOnce(BatchSource.of(OtapExport.local(base())), generatedOptions()))
                .noneMatch(e -> e instanceof ReceiverEvent.Quarantined || e instanceof ReceiverEvent.Delivered);
        assertThat(outputLines()).isEqualTo(output);
    }

    /**
     * The file sink's output holds every signal's batches exactly once, in order within each partition, as one
     * uninterrupted replay gives them, and those are the generator's input, record by record (resource and scope
     * attributes only ever left off where the replay reported them ambiguous, never another's: RoundTripTest's rule).
     */
    private void assertIsTheInput(Written written, List<String> output) {
        Generated generated = written.generated();
        int lines = 0;
        for (Signal signal : generated.signals()) {
            ExportReplay replay = ExportReplay.of(base(), signal);
            assertThat(replay.batches()).as("%s batches", signal).isNotEmpty();
            assertThat(replay.rootFileOrdered(output)).as("%s lines", signal).containsExactlyElementsOf(replay.lines());
            assertThat(replay.batches()).as("%s unjoined rows other than resource/scope ambiguity", signal)
                    .allSatisfy(b -> assertThat(b.unjoined()).allMatch(ExportReplay::resourceOrScope));
            List<Message> golden = written.golden(signal);
            // one signal's batches are told apart, and the mixed export's ids are offset: every record joins exactly
            assertThat(replay.records()).as("%s records", signal).containsExactlyElementsOf(golden);
            System.out.printf("RECEIVER %s %s: %d batches, %d records%n", generated, signal, replay.batches().size(),
                    golden.size());
            lines += replay.batches().size();
        }
        assertThat(output).hasSize(lines);
        assertThat(OtapExport.local(base()).listing().block().partitions()).as("partitions").hasSizeGreaterThan(1);
    }

    /** An export the generator wrote from {@code input}, closed. */
    private record Written(Generated generated, List<Message> input, ExporterSimulator exporter) {
        List<Message> golden(Signal signal) {
            return Golden.records(signal, input, exporter);
        }
    }

    private Written write(Generated generated) {
        List<Message> input = generated.input();
        ExporterSimulator exporter = new ExporterSimulator(base(), generated.settings());
        input.forEach(exporter::write);
        exporter.close();
        return new Written(generated, input, exporter);
    }

    /**
     * The output holds every signal's records once, each exact or, where its delivery reported resource or scope rows
     * it could not join, without those attributes ({@link RecordCheck}).
     */
    private void assertIsTheInputLeftOffWhereReported(Written written, List<String> output,
                                                     List<ReceiverEvent.Delivered> deliveries) {
        assertThat(output).hasSameSizeAs(deliveries);
        for (Signal signal : written.generated().signals()) {
            List<Message> replayed = new ArrayList<>();
            List<Boolean> reported = new ArrayList<>();
            for (int i = 0; i < output.size(); i++) {
                if (deliveries.get(i).signal() != signal) continue;
                replayed.add(FakeExport.decode(output.get(i)));
                reported.add(deliveries.get(i).unjoined().stream().anyMatch(ExportReplay::resourceOrScope));
            }
            // the golden records through the same OTLP/JSON text, which keeps no sign of a -0.0 (JsonFormat reads 0.0)
            List<Message> golden = written.golden(signal).stream().map(m -> FakeExport.decode(OtlpJson.write(m))).toList();
            RecordCheck.Result result = RecordCheck.of(golden, replayed, reported);
            System.out.printf("RECEIVER %s %s as files appear: %s%n", written.generated(), signal, result);
            assertThat(result.wrong()).as("%s records other than exact or left off where reported", signal).isEmpty();
            assertThat(result.exact()).as("%s records exact", signal).isPositive();
        }
    }

    private static long delivered(List<ReceiverEvent> events) {
        return events.stream().filter(ReceiverEvent.Delivered.class::isInstance).count();
    }

    private ReceiverOptions generatedOptions() {
        return ReceiverOptions.defaults().withCheckpoint(checkpointFile());
    }

    private Path base() {
        return dir.resolve("export");
    }

    private ReceiverOptions options() {
        return ReceiverOptions.defaults().withCheckpoint(checkpointFile()).withClock(CLOCK);
    }

    /** One pass with a fresh receiver and file sink, as a restarted process would make them. */
    private List<ReceiverEvent> runOnce(ReceiverOptions options) {
        return runOnce(export, options);
    }

    private List<ReceiverEvent> runOnce(BatchSource source, ReceiverOptions options) {
        try (FileSink sink = FileSink.of(output())) {
            return OtapReceiver.over(source, sink, options).run().collectList().block(Duration.ofSeconds(60));
        }
    }

    /**
     * One pass whose process "dies" at its {@code crashAt}-th delivery: the batch has reached the file, the checkpoint
     * does not record it. Whether the pass got that far.
     */
    private boolean crashingRun(BatchSource source, ReceiverOptions options, int crashAt) {
        return crashingRun(() -> FileSink.of(output()), source, options, crashAt);
    }

    private boolean crashingRun(Supplier<FileSink> sinks, BatchSource source, ReceiverOptions options, int crashAt) {
        AtomicInteger count = new AtomicInteger();
        try (FileSink file = sinks.get()) {
            ReceiverSink crashing = new ReceiverSink() {
                @Override
                public void start(long committedLength) {
                    file.start(committedLength);
                }

                @Override
                public Mono<Long> deliver(ReplayedBatch<?> batch) {
                    return file.deliver(batch).flatMap(length -> count.incrementAndGet() == crashAt
                            ? Mono.error(new Crash()) : Mono.just(length));
                }

                @Override
                public void close() {
                }
            };
            OtapReceiver.over(source, crashing, options).run().blockLast(Duration.ofSeconds(60));
            return false;
        } catch (Crash crash) {
            return true;
        }
    }

    private static final class Crash extends RuntimeException {
        Crash() {
            super("crash", null, false, false);
        }
    }

    private List<String> expected() {
        List<String> all = new ArrayList<>();
        for (Signal signal : Signal.values()) all.addAll(export.expectedRecords(signal));
        return all;
    }

    /** The output's records, each line decoded by JsonFormat. */
    private List<String> outputRecords() throws IOException {
        return outputLines().stream().map(line -> FakeExport.text(FakeExport.decode(line))).toList();
    }

    private List<String> outputLines() throws IOException {
        return Files.readAllLines(output());
    }

    private Path output() {
        return dir.resolve("out.jsonl");
    }

    private Path checkpointFile() {
        return dir.resolve("cp.json");
    }
}
