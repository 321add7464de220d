package io.pqflux.otap.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.otap.BatchPosition;
import io.pqflux.otap.Signal;
import java.nio.file.Files;
import java.nio.file.Path;
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
        assertThat(loaded.positions(Signal.LOGS)).isEmpty();
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
        assertThat(loaded.positions(Signal.LOGS)).containsOnlyKeys("a", "b");
        assertThat(loaded.positions(Signal.LOGS).get("a").endRow()).isEqualTo(12);
        assertThat(loaded.positions(Signal.METRICS)).isEmpty();
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
        Files.writeString(file, "{\"format\":2,\"sinkLength\":0,\"positions\":{},\"quarantine\":[]}");
        assertThatThrownBy(() -> Checkpoint.load(file)).isInstanceOf(ReceiverException.class)
                .hasMessageContaining("format 2");
        Files.writeString(file, "{\"format\":1,\"sinkLength\":0,\"positions\":{\"events\":{}},\"quarantine\":[]}");
        assertThatThrownBy(() -> Checkpoint.load(file)).isInstanceOf(ReceiverException.class)
                .hasMessageContaining("EVENTS");
    }

    private static final class SimulatedCrash extends RuntimeException {
    }
}
