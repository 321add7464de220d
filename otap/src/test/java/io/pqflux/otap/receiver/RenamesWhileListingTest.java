package io.pqflux.otap.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.pqflux.otap.OtapExport;
import io.pqflux.otap.Signal;
import io.pqflux.otap.generator.ExportReplay;
import io.pqflux.otap.generator.ExporterSettings;
import io.pqflux.otap.generator.ExporterSimulator;
import io.pqflux.otap.generator.OtlpSamples;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.ObjectStores;
import io.pqflux.storage.StoredObject;
import io.pqflux.storage.testkit.ForwardingObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;

/**
 * Files finished while the receiver lists the export. The exporter makes a root file visible only after the files
 * holding its batches' child rows (docs/otap-format.md §5.2), but a listing is no snapshot: an object store lists page
 * by page in key order ({@code span_events/} before {@code spans/}) and a directory walk reads one directory after the
 * other, in no set order, so a child directory can be read before a child file is renamed and the root directory
 * after its root file is. A poll that joined that root file would deliver, and checkpoint, batches without the child
 * rows that were not listed, never to deliver them again ({@code KillNineReceiverTest} once lost span events so).
 *
 * <p>Here the store lists in two pages, every other table first and the signal's root table last, and the exporter
 * writes its next batch (finishing the files it rotates, children first) between the two pages of a poll's listing.
 */
class RenamesWhileListingTest {

    private static final long SEED = 12;
    private static final int BATCHES = 24;
    private static final int RECORDS_PER_BATCH = 5;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Signal.class)
    void aRootFileListedWithoutItsChildFilesIsNotDelivered(Signal signal) throws Exception {
        Path base = Files.createDirectories(dir.resolve("export"));
        List<Message> input = switch (signal) {
            case LOGS -> List.copyOf(OtlpSamples.logs(SEED, BATCHES, RECORDS_PER_BATCH));
            case TRACES -> List.copyOf(OtlpSamples.traces(SEED, BATCHES, RECORDS_PER_BATCH));
            case METRICS -> List.copyOf(OtlpSamples.metrics(SEED, BATCHES, RECORDS_PER_BATCH));
        };
        // files rotate every few batches, as in KillNineReceiverTest
        ExporterSimulator exporter = new ExporterSimulator(base, ExporterSettings.defaults().withSeed(SEED)
                .withRotateRows(3L * RECORDS_PER_BATCH));
        AtomicReference<Runnable> betweenPages = new AtomicReference<>();
        String rootPrefix = signal.root().directory() + "/";
        OtapExport export = OtapExport.of(new TwoPageStore(ObjectStores.local(base), rootPrefix, betweenPages));

        // a poll per batch, the batch written amid its listing: the polls that catch a root file finished together with
        // child files holding its batches are the race
        int racingPolls = 0;
        for (Message batch : input) {
            int before = exporter.finishedFiles().size();
            betweenPages.set(() -> exporter.write(batch));
            poll(export, signal);
            assertThat(betweenPages.get()).as("the batch was written amid the poll's listing").isNull();
            List<Path> finished = exporter.finishedFiles().subList(before, exporter.finishedFiles().size());
            boolean root = finished.stream().anyMatch(f -> relative(base, f).startsWith(rootPrefix));
            boolean child = finished.stream().anyMatch(f -> !relative(base, f).startsWith(rootPrefix));
            if (root && child) racingPolls++;
        }
        exporter.close();
        poll(export, signal);
        assertThat(racingPolls).as("polls whose listing a root file and its child files were finished amid")
                .isPositive();

        // nothing incomplete was delivered: the polls wrote what one replay of the final export writes, line for line
        ExportReplay replay = ExportReplay.of(base, signal);
        assertThat(Files.readAllLines(output())).as("%s lines", signal).containsExactlyElementsOf(replay.lines());
    }

    /** One poll of a receiver process (what {@code --follow} repeats), resuming after the checkpoint. */
    private void poll(OtapExport export, Signal signal) {
        ReceiverOptions options = ReceiverOptions.defaults().withSignals(Set.of(signal)).withCheckpoint(dir.resolve("cp"));
        try (FileSink sink = FileSink.of(output())) {
            OtapReceiver.create(export, sink, options).run().blockLast(Duration.ofSeconds(60));
        }
    }

    private Path output() {
        return dir.resolve("out.jsonl");
    }

    private static String relative(Path base, Path file) {
        return base.relativize(file).toString().replace('\\', '/');
    }

    /**
     * A local store whose listings come in two pages, the paths outside {@code last} and those in it, each read when
     * it is reached (as an object store's pages are), and that runs {@code betweenPages}, once, between the pages of
     * the first listing that reaches the second page.
     */
    private record TwoPageStore(ObjectStore delegate, String last, AtomicReference<Runnable> betweenPages)
            implements ForwardingObjectStore {

        @Override
        public Flux<StoredObject> list(String prefix) {
            Flux<StoredObject> first = Flux.defer(() -> delegate.list(prefix)).filter(o -> !o.path().startsWith(last));
            Flux<StoredObject> second = Flux.defer(() -> {
                Runnable writes = betweenPages.getAndSet(null);
                if (writes != null) writes.run();
                return delegate.list(prefix);
            }).filter(o -> o.path().startsWith(last));
            return first.concatWith(second);
        }
    }
}
