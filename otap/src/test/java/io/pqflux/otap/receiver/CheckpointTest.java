package io.pqflux.otap.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.otap.BatchPosition;
import io.pqflux.otap.ExportListing;
import io.pqflux.otap.OtapTable;
import io.pqflux.otap.PartFile;
import io.pqflux.otap.PartitionProgress;
import io.pqflux.otap.Signal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    @TempDir
    Path dir;

    private static final BatchPosition LOGS_A = new BatchPosition("a", "logs/_part_id=a/part-1-x.parquet", 10);
    private static final BatchPosition LOGS_B = new BatchPosition("b", "logs/_part_id=b/part-2-y.parquet", 3);
    private static final BatchPosition SPANS_A = new BatchPosition("a", "spans/_part_id=a/part-3-z.parquet", 7);

    @Test
    void aMissingFileIsTheEmptyCheckpoint() {
        Checkpoint loaded = Checkpoint.load(dir.resolve("none.json"));
        assertThat(loaded).isEqualTo(Checkpoint.empty());
        assertThat(loaded.progress(Signal.LOGS)).isEmpty();
        assertThat(loaded.sinkLength()).isZero();
        assertThat(loaded.quarantine()).isEmpty();
    }

    @Test
    void writtenCheckpointsLoadBackEqual() {
        Path file = dir.resolve("cp.json");
        Checkpoint checkpoint = Checkpoint.empty()
                .withDelivered(Signal.LOGS, LOGS_A, 100)
                .withDelivered(Signal.LOGS, LOGS_B, 200)
                .withDelivered(Signal.TRACES, SPANS_A, 300)
                .withDelivered(Signal.LOGS, new BatchPosition("a", LOGS_A.rootFile(), 12), 400)
                .withQuarantined(new QuarantinedFile("logs/_part_id=c/part-9-q.parquet", "corrupt \"footer\"\nline 2"));
        checkpoint.write(file);

        Checkpoint loaded = Checkpoint.load(file);
        assertThat(loaded).isEqualTo(checkpoint);
        assertThat(loaded.progress(Signal.LOGS)).containsOnlyKeys("a", "b");
        assertThat(loaded.progress(Signal.LOGS).get("a").consumedRows()).containsExactly(Map.entry(LOGS_A.rootFile(), 12L));
        assertThat(loaded.progress(Signal.LOGS).get("a").upTo()).isNull();
        assertThat(loaded.progress(Signal.METRICS)).isEmpty();
        assertThat(loaded.sinkLength()).isEqualTo(400);
        assertThat(loaded.isQuarantined("logs/_part_id=c/part-9-q.parquet")).isTrue();
        assertThat(loaded.quarantine().getFirst().error()).isEqualTo("corrupt \"footer\"\nline 2");
        assertThat(dir.resolve("cp.json.tmp")).doesNotExist();
    }

    @Test
    void aCrashBetweenTheTemporaryFileAndTheRenameLeavesTheOldCheckpoint() throws Exception {
        Path file = dir.resolve("cp.json");
        Checkpoint old = Checkpoint.empty().withDelivered(Signal.LOGS, LOGS_A, 100);
        old.write(file);
        byte[] oldBytes = Files.readAllBytes(file);
        Checkpoint next = old.withDelivered(Signal.LOGS, LOGS_B, 200);

        assertThatThrownBy(() -> next.write(file, () -> {
            throw new SimulatedCrash();
        })).isInstanceOf(SimulatedCrash.class);

        // the new content is complete in the temporary file, the checkpoint itself untouched
        assertThat(Files.readAllBytes(file)).isEqualTo(oldBytes);
        assertThat(Checkpoint.load(file)).isEqualTo(old);
        assertThat(Checkpoint.load(dir.resolve("cp.json.tmp"))).isEqualTo(next);
        // the next write replaces the leftover
        next.write(file);
        assertThat(Checkpoint.load(file)).isEqualTo(next);
        assertThat(dir.resolve("cp.json.tmp")).doesNotExist();
    }

    @Test
    void aTornTemporaryFileLeftByACrashDoesNotMatter() throws Exception {
        Path file = dir.resolve("cp.json");
        Checkpoint old = Checkpoint.empty().withDelivered(Signal.TRACES, SPANS_A, 5);
        old.write(file);
        Files.writeString(dir.resolve("cp.json.tmp"), "{\"format\":1,\"sinkLe");
        assertThat(Checkpoint.load(file)).isEqualTo(old);
        Checkpoint next = old.withDelivered(Signal.TRACES, new BatchPosition("a", SPANS_A.rootFile(), 9), 6);
        next.write(file);
        assertThat(Checkpoint.load(file)).isEqualTo(next);
    }

    @Test
    void somethingElseThanACheckpointIsATypedErrorNamingTheFile() throws Exception {
        Path file = dir.resolve("cp.json");
        Files.writeString(file, "{\"format\":1,\"sinkLength\":");
        assertThatThrownBy(() -> Checkpoint.load(file)).isInstanceOf(ReceiverException.class)
                .hasMessageStartingWith(file + ": not a receiver checkpoint");
        Files.writeString(file, "{\"format\":3,\"sinkLength\":0,\"progress\":{},\"quarantine\":[]}");
        assertThatThrownBy(() -> Checkpoint.load(file)).isInstanceOf(ReceiverException.class)
                .hasMessageContaining("format 3");
        // format 2 keeps its batches under "progress", per root file
        Files.writeString(file, "{\"format\":2,\"sinkLength\":0,\"positions\":{},\"quarantine\":[]}");
        assertThatThrownBy(() -> Checkpoint.load(file)).isInstanceOf(ReceiverException.class)
                .hasMessageContaining("missing \"progress\"");
        Files.writeString(file, "{\"format\":2,\"sinkLength\":0,\"progress\":{\"logs\":{\"a\":{\"rootFiles\":"
                + "{\"logs/x.parquet\":\"many\"}}}},\"quarantine\":[]}");
        assertThatThrownBy(() -> Checkpoint.load(file)).isInstanceOf(ReceiverException.class)
                .hasMessageContaining("end row of logs/x.parquet is not a whole number");
        Files.writeString(file, "{\"format\":1,\"sinkLength\":0,\"positions\":{\"events\":{}},\"quarantine\":[]}");
        assertThatThrownBy(() -> Checkpoint.load(file)).isInstanceOf(ReceiverException.class)
                .hasMessageContaining("EVENTS");
    }

    @Test
    void batchesAreRecordedPerRootFileWhicheverBecameVisibleFirst() {
        // a later root file of partition a delivered before an earlier one became visible: both are recorded
        BatchPosition earlier = new BatchPosition("a", "logs/_part_id=a/part-0-w.parquet", 4);
        Checkpoint checkpoint = Checkpoint.empty().withDelivered(Signal.LOGS, LOGS_A, 100)
                .withDelivered(Signal.LOGS, earlier, 200);
        PartitionProgress a = checkpoint.progress(Signal.LOGS).get("a");
        assertThat(a.consumedRows()).containsOnly(Map.entry(LOGS_A.rootFile(), 10L), Map.entry(earlier.rootFile(), 4L));
        assertThat(a.consumedInItsFile(new BatchPosition("a", earlier.rootFile(), 3))).isTrue();
        assertThat(a.consumedInItsFile(new BatchPosition("a", earlier.rootFile(), 5))).isFalse();
        assertThat(a.consumedInItsFile(new BatchPosition("a", "logs/_part_id=a/part-2-v.parquet", 1))).isFalse();

        // a file the export no longer lists (retention) is forgotten, the others kept
        Checkpoint applied = checkpoint.against(Signal.LOGS, listing(earlier));
        assertThat(applied.progress(Signal.LOGS).get("a").consumedRows()).containsOnlyKeys(earlier.rootFile());
        assertThat(applied.sinkLength()).isEqualTo(200);
        assertThat(checkpoint.against(Signal.LOGS, listing(earlier, LOGS_A))).isSameAs(checkpoint);
        assertThat(checkpoint.against(Signal.TRACES, listing())).isSameAs(checkpoint);
        // and a partition left with nothing goes
        assertThat(checkpoint.against(Signal.LOGS, listing()).progress(Signal.LOGS)).isEmpty();
    }

    /**
     * A format-1 position becomes per-file records against the listing: root files created before its file consumed
     * whole, its own up to its end row, later ones not at all; after retention deleted its file, it still tells
     * which listed files came before it (by the time in their names).
     */
    @Test
    void aPositionBecomesPerFileRecordsAgainstAListing() {
        String dir = "logs/_part_id=a/";
        BatchPosition position = new BatchPosition("a", dir + "part-2000-" + uuid(2) + ".parquet", 10);
        BatchPosition before = new BatchPosition("a", dir + "part-1000-" + uuid(1) + ".parquet", 1);
        BatchPosition sameMillisBefore = new BatchPosition("a", dir + "part-2000-" + uuid(0) + ".parquet", 1);
        BatchPosition after = new BatchPosition("a", dir + "part-3000-" + uuid(3) + ".parquet", 1);
        PartitionProgress migrated = PartitionProgress.through(position).with(after);

        PartitionProgress applied = migrated.against(listing(before, sameMillisBefore, position, after).files());
        assertThat(applied.upTo()).isNull();
        assertThat(applied.consumedRows()).containsOnly(Map.entry(before.rootFile(), Long.MAX_VALUE),
                Map.entry(sameMillisBefore.rootFile(), Long.MAX_VALUE), Map.entry(position.rootFile(), 10L),
                Map.entry(after.rootFile(), 1L));
        // its file deleted: the files before it still count as consumed
        PartitionProgress deleted = migrated.against(listing(before, after).files());
        assertThat(deleted.upTo()).isNull();
        assertThat(deleted.consumedRows()).containsOnly(Map.entry(before.rootFile(), Long.MAX_VALUE),
                Map.entry(after.rootFile(), 1L));
        // a position whose file is neither listed nor named as the exporter names files stays as it is
        PartitionProgress odd = PartitionProgress.through(LOGS_A);
        assertThat(odd.against(listing(before).files())).isEqualTo(odd);
    }

    private static String uuid(int n) {
        return String.format("00000000-0000-0000-0000-%012d", n);
    }

    /** A listing of the root files the positions name, in partition "a" or "b". */
    private static ExportListing listing(BatchPosition... roots) {
        List<PartFile> files = new ArrayList<>();
        for (BatchPosition root : roots) {
            String name = root.rootFile().substring(root.rootFile().lastIndexOf('/') + 1); // part-<millis>-…
            long millis = Long.parseLong(name.substring("part-".length(), name.indexOf('-', "part-".length())));
            files.add(new PartFile(OtapTable.LOGS, root.partition(), millis, "u", root.rootFile(), 1));
        }
        return new ExportListing("/base", files, Map.of());
    }

    @Test
    void aFormatOneCheckpointResumesAfterItsPositionsAndIsWrittenAsFormatTwo() throws Exception {
        Path file = dir.resolve("cp.json");
        Files.writeString(file, "{\"format\":1,\"sinkLength\":77,\"positions\":{\"logs\":{\"a\":{\"rootFile\":\""
                + LOGS_A.rootFile() + "\",\"endRow\":10}}},\"quarantine\":[]}");
        Checkpoint loaded = Checkpoint.load(file);
        assertThat(loaded.progress(Signal.LOGS)).containsOnly(Map.entry("a", PartitionProgress.through(LOGS_A)));
        assertThat(loaded.sinkLength()).isEqualTo(77);

        Checkpoint next = loaded.withDelivered(Signal.LOGS, new BatchPosition("a", "logs/_part_id=a/part-5-n.parquet", 2), 90);
        next.write(file);
        assertThat(Files.readString(file)).contains("\"format\" : 2");
        Checkpoint reloaded = Checkpoint.load(file);
        assertThat(reloaded).isEqualTo(next);
        assertThat(reloaded.progress(Signal.LOGS).get("a").upTo()).isEqualTo(LOGS_A);
    }

    private static final class SimulatedCrash extends RuntimeException {
    }
}
