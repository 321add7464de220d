package io.pqflux.bench;

import io.opentelemetry.proto.logs.v1.LogsData;
import io.pqflux.bench.data.FlinkInputs;
import io.pqflux.bench.otap.LogsChecksum;
import io.pqflux.bench.tempo.TraceChecksum;
import io.pqflux.flink.PqfluxTypes;
import io.pqflux.flink.StoreLocation;
import io.pqflux.flink.otap.OtapSource;
import io.pqflux.flink.tempo.TempoSource;
import io.pqflux.otap.JoinMode;
import io.pqflux.otap.OtapExport;
import io.pqflux.otap.ReplayOptions;
import io.pqflux.tempo.TempoTenant;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TraceReadOptions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Flink sources on an in-process MiniCluster (one task manager, four slots), one whole bounded job per operation,
 * at parallelism 1, 2 and 4, beside the single-machine API on the same data (parallelism 0): {@code otap-logs}, four
 * partitions of the 10 MB logs export replayed into {@code LogsData} (a partition is a split); {@code tempo-traces},
 * a tenant of four ~8 MB blocks read as {@code Trace}s (a row group is a split). Records/s is the rate times the
 * {@code records} counter; per slot, divide by the parallelism.
 *
 * <p>Checksum gate: every operation folds every record into the input's checksum ({@link LogsChecksum},
 * {@link TraceChecksum}) and fails unless it equals the single-machine API's, computed in the trial's setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow", "-Xms6g", "-Xmx6g",
    "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class FlinkSourceBenchmark {

    @Param({"otap-logs", "tempo-traces"})
    public String input;

    /** 0: the single-machine API without Flink, the baseline. */
    @Param({"0", "1", "2", "4"})
    public int parallelism;

    private MiniCluster cluster;
    private Path data;
    private LogsChecksum expectedLogs;
    private TraceChecksum expectedTraces;

    /** What the operation's job emitted; reset before each job (the job runs in this JVM). */
    static final class Collected {
        static LogsChecksum logs = new LogsChecksum();
        static TraceChecksum traces = new TraceChecksum();

        static synchronized void add(LogsData data) {
            logs.add(data);
        }

        static synchronized void add(Trace trace) {
            traces.add(trace);
        }

        static synchronized void reset() {
            logs = new LogsChecksum();
            traces = new TraceChecksum();
        }
    }

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counts {
        public double records;
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Configuration config = new Configuration();
        config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(64));
        cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(config).setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(4).build());
        cluster.start();
        switch (input) {
            case "otap-logs" -> {
                data = FlinkInputs.otapPartitions(4);
                expectedLogs = OtapExport.local(data).logs(ReplayOptions.defaults().withJoinMode(JoinMode.LITERAL))
                        .reduce(new LogsChecksum(), LogsChecksum::add).block();
            }
            case "tempo-traces" -> {
                data = FlinkInputs.tempoTenant(4, 8_400_000L);
                expectedTraces = TempoTenant.local(data, "generated").traces(TraceReadOptions.defaults())
                        .reduce(new TraceChecksum(), TraceChecksum::add).block();
            }
            default -> throw new IllegalArgumentException(input);
        }
        System.out.printf("%n%s: %s%n", data, expectedLogs != null ? expectedLogs : expectedTraces);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        cluster.close();
    }

    @Benchmark
    public double read(Counts counts) throws Exception {
        return parallelism == 0 ? direct(counts) : flink(counts);
    }

    private double flink(Counts counts) throws Exception {
        Collected.reset();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        StoreLocation location = StoreLocation.of(data.toString());
        if (input.equals("otap-logs")) {
            env.fromSource(OtapSource.logs(location).joinMode(JoinMode.LITERAL).build(), WatermarkStrategy.noWatermarks(), "otap")
                    .map((MapFunction<LogsData, LogsData>) logs -> {
                        Collected.add(logs);
                        return logs;
                    }).returns(PqfluxTypes.protobuf(LogsData.class)).sinkTo(new DiscardingSink<>());
        } else {
            env.fromSource(TempoSource.traces(location, "generated").build(), WatermarkStrategy.noWatermarks(), "tempo")
                    .map((MapFunction<Trace, Trace>) trace -> {
                        Collected.add(trace);
                        return trace;
                    }).returns(PqfluxTypes.traces()).sinkTo(new DiscardingSink<>());
        }
        cluster.executeJobBlocking(env.getStreamGraph().getJobGraph());
        return counts.records = check();
    }

    private double direct(Counts counts) {
        Collected.reset();
        if (input.equals("otap-logs")) {
            OtapExport.local(data).logs(ReplayOptions.defaults().withJoinMode(JoinMode.LITERAL)).doOnNext(Collected::add).blockLast();
        } else {
            TempoTenant.local(data, "generated").traces(TraceReadOptions.defaults()).doOnNext(Collected::add).blockLast();
        }
        return counts.records = check();
    }

    /** The records the operation saw, after checking they are exactly the input's. */
    private static double check(LogsChecksum expected, LogsChecksum actual) {
        if (!actual.sameAs(expected)) throw new IllegalStateException("the job emitted " + actual + ", the export holds " + expected);
        return actual.records();
    }

    private double check() {
        if (input.equals("otap-logs")) return check(expectedLogs, Collected.logs);
        if (!Collected.traces.sameAs(expectedTraces)) {
            throw new IllegalStateException("the job emitted " + Collected.traces + ", the tenant holds " + expectedTraces);
        }
        return Collected.traces.traces();
    }
}
