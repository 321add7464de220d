package io.pqflux.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.logs.v1.LogsData;
import io.pqflux.flink.otap.OtapSource;
import io.pqflux.flink.tempo.TempoSource;
import io.pqflux.flink.testkit.CommittedRecords;
import io.pqflux.otap.Signal;
import io.pqflux.otap.generator.ExporterSettings;
import io.pqflux.otap.generator.ExporterSimulator;
import io.pqflux.otap.generator.OtlpSamples;
import io.pqflux.tempo.TempoTenant;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TraceReadOptions;
import io.pqflux.tempo.generator.TempoBlockWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task manager shut down while a job runs on every slot of the cluster: its tasks are lost, a new task manager
 * joins, and the job restarts from its last completed checkpoint. What a checkpoint-committing sink committed is then
 * compared with the single-machine API's output, record by record: nothing lost, nothing repeated.
 */
class TaskManagerLossTest {

    private static final int TASK_MANAGERS = 2;
    private static final int SLOTS = 2;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(TASK_MANAGERS).setNumberSlotsPerTaskManager(SLOTS).build());

    /** Task managers shut down so far: the cluster's list keeps them, so the next live one is at this index. */
    private static final AtomicInteger SHUT_DOWN = new AtomicInteger();

    @TempDir
    static Path dir;
    static Path otap;
    static Path tempo;

    @BeforeAll
    static void write() {
        otap = dir.resolve("otap");
        for (int instance = 0; instance < 4; instance++) {
            try (ExporterSimulator exporter = new ExporterSimulator(otap, ExporterSettings.defaults().withSeed(300 + instance).withRotateRows(100))) {
                OtlpSamples.logs(400 + instance, 12, 30).forEach(exporter::write);
            }
        }
        tempo = dir.resolve("tempo");
        for (int block = 0; block < 2; block++) {
            TempoBlockWriter.generate(tempo, TempoBlockWriter.Settings.defaults(80 + block).withRowGroupSizeBytes(60_000), 80 + block, 150);
        }
    }

    @Test
    void otapLogsSurviveALostTaskManager(@InjectMiniCluster MiniCluster cluster) throws Exception {
        String run = "otap-tm-loss";
        List<byte[]> committed = runLosingATaskManager(cluster, run,
                OtapSource.logs(StoreLocation.of(otap.toString())).readerConcurrency(1, 1).build(), LogsData::toByteArray, 60);
        assertThat(Jobs.sortedHex(committed)).isEqualTo(OtapSourceTest.singleMachine(otap, Signal.LOGS));
    }

    @Test
    void tempoTracesSurviveALostTaskManager(@InjectMiniCluster MiniCluster cluster) throws Exception {
        String run = "tempo-tm-loss";
        List<byte[]> committed = runLosingATaskManager(cluster, run,
                TempoSource.traces(StoreLocation.of(tempo.toString()), "generated").readerConcurrency(1, 4).build(),
                trace -> TempoSourceTest.describe(trace).getBytes(StandardCharsets.UTF_8), 5);
        List<String> expected = TempoTenant.local(tempo, "generated").traces(TraceReadOptions.defaults())
                .map(TempoSourceTest::describe).sort().collectList().block();
        assertThat(committed.stream().map(b -> new String(b, StandardCharsets.UTF_8)).sorted().toList()).hasSize(300).isEqualTo(expected);
    }

    /**
     * Runs {@code source} on every slot, each record slowed by {@code pauseMillis}; once records are committed (a
     * checkpoint completed mid-run), shuts the oldest live task manager down and starts another; returns what was committed.
     */
    private static <T> List<byte[]> runLosingATaskManager(MiniCluster cluster, String run, Source<T, ?, ?> source,
                                                          CommittedRecords.SerializableEncoder<T> encoder, long pauseMillis) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(OtapSourceTest.restarting());
        env.setParallelism(TASK_MANAGERS * SLOTS);
        env.enableCheckpointing(20);
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "pqflux")
                .map(new Attempts<T>(run, pauseMillis))
                .map(new CommittedRecords<T>(run, encoder))
                .sinkTo(new DiscardingSink<>());
        JobClient job = env.executeAsync(run);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (CommittedRecords.committed(run).isEmpty() && System.nanoTime() < deadline) Thread.sleep(5);
        assertThat(CommittedRecords.committed(run)).as("records committed before the loss").isNotEmpty();
        cluster.terminateTaskManager(SHUT_DOWN.getAndIncrement()).get(30, TimeUnit.SECONDS);
        cluster.startTaskManager();
        job.getJobExecutionResult().get(120, TimeUnit.SECONDS);
        assertThat(Attempts.restarted(run)).as("tasks ran again after the loss").isTrue();
        return CommittedRecords.committed(run);
    }

    /** Slows each record, and notes whether a task of the run ran as a second attempt (after a restart). */
    static final class Attempts<T> extends RichMapFunction<T, T> {

        private static final Set<String> RESTARTED = ConcurrentHashMap.newKeySet();

        private final String run;
        private final long pauseMillis;

        Attempts(String run, long pauseMillis) {
            this.run = run;
            this.pauseMillis = pauseMillis;
            RESTARTED.remove(run);
        }

        static boolean restarted(String run) {
            return RESTARTED.contains(run);
        }

        @Override
        public void open(OpenContext context) {
            if (getRuntimeContext().getTaskInfo().getAttemptNumber() > 0) RESTARTED.add(run);
        }

        @Override
        public T map(T value) throws InterruptedException {
            Thread.sleep(pauseMillis);
            return value;
        }
    }

}
