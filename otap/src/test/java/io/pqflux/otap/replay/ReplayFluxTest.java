package io.pqflux.otap.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.opentelemetry.proto.logs.v1.LogsData;
import io.pqflux.error.ParquetException;
import io.pqflux.otap.BatchPosition;
import io.pqflux.otap.PartitionProgress;
import io.pqflux.otap.ExportListing;
import io.pqflux.otap.OtapException;
import io.pqflux.otap.OtapExport;
import io.pqflux.otap.OtapTable;
import io.pqflux.otap.PartFile;
import io.pqflux.otap.ReplayOptions;
import io.pqflux.otap.ReplayedBatch;
import io.pqflux.otap.Signal;
import io.pqflux.otap.generator.ExporterSettings;
import io.pqflux.otap.generator.ExporterSimulator;
import io.pqflux.otap.generator.OtlpSamples;
import io.pqflux.reactive.ScanMetrics;
import io.pqflux.reactive.testkit.OffHeapReleased;
import io.pqflux.storage.azure.testkit.LocalAzurite;
import io.pqflux.storage.http.testkit.ObjectServer;
import io.pqflux.storage.s3.testkit.LocalS3;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

/** The replay as a Reactor Flux: backpressure, cancellation, errors naming files, resuming, S3. */
@ExtendWith(OffHeapReleased.class)
class ReplayFluxTest {

    @TempDir
    Path base;
    private List<LogsData> input;

    @BeforeEach
    void export() {
        input = OtlpSamples.logs(7, 10, 40);
        try (ExporterSimulator exporter = new ExporterSimulator(base,
                ExporterSettings.defaults().withSeed(7).withRotateRows(150).withRowGroupRows(64).withPageRows(16))) {
            input.forEach(exporter::write);
        }
    }

    private List<ReplayedBatch<Message>> all() {
        return OtapExport.local(base).<Message>replay(Signal.LOGS, ReplayOptions.defaults()).collectList().block();
    }

    @Test
    void oneBatchPerRequest() {
        int batches = all().size();
        assertThat(batches).isGreaterThanOrEqualTo(input.size() / 2);
        StepVerifier.create(OtapExport.local(base).logs(ReplayOptions.defaults()), 1)
                .expectNextCount(1)
                .expectNoEvent(Duration.ofMillis(200))
                .thenRequest(2)
                .expectNextCount(2)
                .thenRequest(Long.MAX_VALUE)
                .expectNextCount(batches - 3)
                .verifyComplete();
    }

    @Test
    void cancellingReleasesEverything() {
        StepVerifier.create(OtapExport.local(base).logs(ReplayOptions.defaults()), 2)
                .expectNextCount(2)
                .thenCancel()
                .verify(Duration.ofSeconds(30));
        // OffHeapReleased checks that the files' decoded slices were all released
    }

    @Test
    void resumingAfterAPositionEmitsExactlyTheRest() {
        List<ReplayedBatch<Message>> all = all();
        for (int cut : new int[] {0, 1, all.size() / 2, all.size() - 1}) {
            BatchPosition position = all.get(cut).position();
            List<ReplayedBatch<Message>> rest = OtapExport.local(base).<Message>replay(Signal.LOGS, ReplayOptions.defaults()
                    .withResumeAfter(Map.of(position.partition(), position))).collectList().block();
            assertThat(rest).extracting(ReplayedBatch::position)
                    .containsExactlyElementsOf(all.subList(cut + 1, all.size()).stream().map(ReplayedBatch::position).toList());
            assertThat(rest).extracting(ReplayedBatch::data)
                    .containsExactlyElementsOf(all.subList(cut + 1, all.size()).stream().map(ReplayedBatch::data).toList());
        }
    }

    /**
     * Progress recorded per root file skips exactly the batches it holds, wherever they are in the partition, beside
     * an up-to position: a consumer that saw a later root file before an earlier one replays only the earlier one.
     */
    @Test
    void progressSkipsExactlyTheBatchesItHolds() {
        List<ReplayedBatch<Message>> all = all();
        BatchPosition last = all.getLast().position();
        List<ReplayedBatch<Message>> lastFile = all.stream().filter(b -> b.position().rootFile().equals(last.rootFile()))
                .toList();
        assertThat(all).as("batches before the last root file").hasSizeGreaterThan(lastFile.size() + 1);
        // the last root file's first batch consumed (a consumer saw it first), and the partition's first batch by position
        BatchPosition first = all.getFirst().position();
        assertThat(first.partition()).isEqualTo(last.partition());
        PartitionProgress progress = PartitionProgress.through(first).with(lastFile.getFirst().position());
        List<ReplayedBatch<Message>> rest = OtapExport.local(base).<Message>replay(Signal.LOGS, ReplayOptions.defaults()
                .withProgress(Map.of(last.partition(), progress))).collectList().block();
        List<ReplayedBatch<Message>> expected = all.stream()
                .filter(b -> !b.position().partition().equals(last.partition())
                        || (b != all.getFirst() && b != lastFile.getFirst()))
                .toList();
        assertThat(rest).extracting(ReplayedBatch::position)
                .containsExactlyElementsOf(expected.stream().map(ReplayedBatch::position).toList());
        assertThat(rest).extracting(ReplayedBatch::data)
                .containsExactlyElementsOf(expected.stream().map(ReplayedBatch::data).toList());
    }

    @Test
    void onlyEligibleRootFilesAreReplayedAndLaterOnesWait() {
        ExportListing listing = OtapExport.local(base).listing().block();
        List<PartFile> roots = listing.files().stream().filter(f -> f.table() == OtapTable.LOGS).toList();
        assertThat(roots).hasSizeGreaterThan(1);
        PartFile second = roots.get(1);
        List<ReplayedBatch<Message>> first = OtapExport.local(base).<Message>replay(listing, Signal.LOGS,
                ReplayOptions.defaults().withRootFiles(f -> f.createdMillis() < second.createdMillis())).collectList().block();
        assertThat(first).isNotEmpty().allSatisfy(b -> assertThat(b.position().rootFile()).isEqualTo(roots.getFirst().path()));
        assertThat(first).allSatisfy(b -> assertThat(b.unjoined()).isEmpty());
    }

    @Test
    void filesCreatedInTheSameMillisecondAreOrderedByTheirIds() throws IOException {
        List<LogsData> before = OtapExport.local(base).logs(ReplayOptions.defaults()).collectList().block();
        // every file of every table renamed to one millisecond, with UUIDs that sort against creation order
        ExportListing listing = OtapExport.local(base).listing().block();
        assertThat(listing.files(OtapTable.LOGS, listing.partitions().iterator().next())).hasSizeGreaterThan(1);
        int n = listing.files().size();
        for (PartFile file : listing.files()) {
            Path from = base.resolve(file.path());
            String uuid = String.format("%08x-0000-4000-8000-000000000000", n--);
            Files.move(from, from.resolveSibling("part-1700000000000-" + uuid + ".parquet"));
        }
        List<LogsData> after = OtapExport.local(base).logs(ReplayOptions.defaults()).collectList().block();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void aCorruptFileFailsTheReplayNamingIt() throws IOException {
        Path victim;
        try (Stream<Path> files = Files.walk(base.resolve("log_attrs"))) {
            victim = files.filter(p -> p.toString().endsWith(".parquet")).sorted().findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(victim);
        // a footer length pointing before the file's start
        bytes[bytes.length - 8] = (byte) 0xff;
        bytes[bytes.length - 7] = (byte) 0xff;
        Files.write(victim, bytes);
        StepVerifier.create(OtapExport.local(base).logs(ReplayOptions.defaults()))
                .thenConsumeWhile(x -> true)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ParquetException.class)
                        .hasMessageContaining(victim.getFileName().toString()))
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void aParquetFileThatIsNotTheExportersIsRefusedNamingIt() throws IOException {
        Path foreign = base.resolve("logs/_part_id=00000000-0000-4000-8000-000000000001/part-1-00000000-0000-4000-8000-000000000002.parquet");
        Files.createDirectories(foreign.getParent());
        // a corpus file with an INT32 id column but none of the logs table's other columns
        Files.copy(io.pqflux.testdata.Corpus.file("data/alltypes_plain.parquet"), foreign);
        StepVerifier.create(OtapExport.local(base).logs(ReplayOptions.defaults()
                        .withPartitions(java.util.Set.of("00000000-0000-4000-8000-000000000001"))))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(OtapException.class)
                        .hasMessageContaining(foreign.toString())
                        .hasMessageContaining("not a logs table of the OTAP exporter: it lacks column time_unix_nano")
                        .extracting(x -> ((OtapException) x).reason()).isEqualTo(OtapException.Reason.BAD_SCHEMA))
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void aResumePositionNamingAnUnknownFileIsATypedError() {
        String partition = OtapExport.local(base).listing().block().partitions().iterator().next();
        BatchPosition bogus = new BatchPosition(partition, "logs/_part_id=" + partition + "/part-1-gone.parquet", 3);
        StepVerifier.create(OtapExport.local(base).logs(ReplayOptions.defaults().withResumeAfter(Map.of(partition, bogus))))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(OtapException.class)
                        .hasMessageContaining("no longer lists"))
                .verify(Duration.ofSeconds(30));
    }

    /** The export below a prefix of a real object store on loopback: S3Proxy and Azurite. */
    @ParameterizedTest
    @ValueSource(strings = {"s3", "az"})
    void anExportUnderAnObjectStorePrefixReplaysAsOnDisk(String scheme) throws Exception {
        try (ObjectServer server = scheme.equals("s3") ? new LocalS3() : new LocalAzurite()) {
            server.createContainer("exports");
            try (Stream<Path> files = Files.walk(base)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    server.put("exports", "otap/" + base.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
            List<ScanMetrics> remoteFiles = new CopyOnWriteArrayList<>();
            List<LogsData> remote = OtapExport.of(server.store("exports", "otap"))
                    .logs(ReplayOptions.defaults().withMetricsListener(remoteFiles::add)).collectList().block();
            List<ScanMetrics> localFiles = new CopyOnWriteArrayList<>();
            List<LogsData> local = OtapExport.local(base).logs(ReplayOptions.defaults().withMetricsListener(localFiles::add))
                    .collectList().block();
            assertThat(remote).isEqualTo(local);
            // every file of the logs tables once (each table's files are read once), with what its reader read
            long logsFiles;
            try (Stream<Path> files = Files.walk(base)) {
                logsFiles = files.filter(f -> f.toString().endsWith(".parquet")).filter(f -> {
                    String table = base.relativize(f).getName(0).toString();
                    return table.equals("logs") || table.equals("log_attrs") || table.equals("resource_attrs") || table.equals("scope_attrs");
                }).count();
            }
            assertThat(localFiles).hasSize((int) logsFiles).allSatisfy(file -> {
                assertThat(file.read().rowGroups()).isPositive();
                assertThat(file.requests()).isZero();
            });
            assertThat(remoteFiles).hasSize((int) logsFiles).allSatisfy(file -> {
                assertThat(file.requests()).isPositive();
                assertThat(file.bytesFetched()).isPositive();
            });
            assertThat(remoteFiles.stream().mapToLong(f -> f.read().rowGroups()).sum())
                    .isEqualTo(localFiles.stream().mapToLong(f -> f.read().rowGroups()).sum());
            assertThat(OtapExport.of(server.store("exports", "otap")).describe()).isEqualTo(scheme + "://exports/otap/");
        }
    }
}
